#!/usr/bin/env python3
"""Builds han-pinyin.txt (the transliteration table of org.jincai.formats.iso20022.Pinyin) from the
Unicode Character Database's Unihan_Readings.txt (field kMandarin: the customary zh-CN reading first).

Usage (Debian package unicode-data provides the input):
  python3 gen_han_pinyin.py /usr/share/unicode/Unihan_Readings.txt.bz2 > han-pinyin.txt

Output: one line per toneless syllable, 'syllable<TAB>characters', syllables sorted; u-umlaut is written
'yu' after l and n (lyu, nyue), as on Chinese passports.
"""
import bz2, sys, unicodedata, collections

def toneless(s):
    s = unicodedata.normalize('NFD', s).replace('u\u0308', 'v').replace('U\u0308', 'v')
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')
    s = s.lower()
    # passport convention for u-umlaut: lv -> lyu, nv -> nyu, lve -> lyue
    return s.replace('v', 'yu')

groups = collections.defaultdict(list)
opener = bz2.open if sys.argv[1].endswith('.bz2') else open
with opener(sys.argv[1], 'rt', encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or '\tkMandarin\t' not in line:
            continue
        cp, _, value = line.rstrip('\n').split('\t')
        reading = toneless(value.split()[0])
        if not reading.isascii() or not reading.isalpha():
            continue
        groups[reading].append(chr(int(cp[2:], 16)))
print('# Han character -> toneless pinyin, generated from Unihan kMandarin (Unicode 15.0); see README.md')
for syllable in sorted(groups):
    print(syllable + '\t' + ''.join(groups[syllable]))
