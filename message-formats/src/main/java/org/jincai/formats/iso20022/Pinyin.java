package org.jincai.formats.iso20022;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jincai.formats.FormatException;

/**
 * Transliteration of Chinese text to plain ASCII for banks whose systems accept only the SWIFT/SEPA
 * Latin set (the bank profile's {@code transliteration: pinyin}). The readings come from ICU's
 * maintained {@code Han-Latin} transliterator (ICU4J); what this class adds is what a bank needs of a
 * payee's name, and it is honest about what it cannot do.
 *
 * <ul>
 *   <li>Each Han character becomes its customary toneless pinyin syllable (ICU's reading, tones
 *       dropped); ü is written {@code yu} after l and n ({@code 吕 -> Lyu}), as on Chinese passports.</li>
 *   <li>A personal name (two to four Han characters and nothing else) is written surname, space,
 *       given name joined: {@code 张伟 -> Zhang Wei}, {@code 王小明 -> Wang Xiaoming},
 *       {@code 欧阳文峰 -> Ouyang Wenfeng}, with an apostrophe where a syllable starting with a, o or e
 *       would run into the one before ({@code 王西安 -> Wang Xi'an}). Surnames whose reading differs
 *       from the character's usual one (单 Shan, 曾 Zeng, 解 Xie, 区 Ou, 朴 Piao, 查 Zha, ...) and the
 *       common compound surnames (欧阳, 司马, 诸葛, ...) are corrected.</li>
 *   <li>Any other text (organisations, remittance) is written one capitalised syllable per character,
 *       separated by spaces: {@code 北京某某科技有限公司 -> Bei Jing Mou Mou Ke Ji You Xian Gong Si}.
 *       Words are not segmented and polyphonic characters always get their customary reading: the
 *       result is readable and stable, not a translation.</li>
 *   <li>Full-width forms become their ASCII twins, Chinese punctuation its ASCII equivalent (，-> ,
 *       （ -> ( ...), Latin letters lose their accents (é -> e).</li>
 *   <li>A character with no entry (a Han character without a Mandarin reading, a symbol, another
 *       script) is never replaced by {@code ?}: with {@link Unknown#ERROR} (the default) writing fails
 *       with {@value IsoProblemCodes#ISO_TRANSLITERATION_FAILED} naming the field and the character;
 *       with {@link Unknown#CODE_POINT} it is written as its code point in brackets,
 *       {@code [U+2A6D6]}, which a person can still look up.</li>
 * </ul>
 * Thread-safe; each character's reading is looked up once and kept.
 */
public final class Pinyin {

    /** What to do with a character the table cannot transliterate. */
    public enum Unknown {
        /** Refuse the text with ISO_TRANSLITERATION_FAILED. */
        ERROR,
        /** Write {@code [U+XXXX]} in its place. */
        CODE_POINT
    }

    /** Surnames read otherwise than their character's customary reading. */
    private static final Map<Integer, String> SURNAMES = Map.ofEntries(
            Map.entry((int) '单', "shan"), Map.entry((int) '曾', "zeng"), Map.entry((int) '解', "xie"),
            Map.entry((int) '区', "ou"), Map.entry((int) '朴', "piao"), Map.entry((int) '查', "zha"),
            Map.entry((int) '仇', "qiu"), Map.entry((int) '乐', "yue"), Map.entry((int) '盖', "ge"),
            Map.entry((int) '繁', "po"), Map.entry((int) '覃', "qin"), Map.entry((int) '翟', "zhai"),
            Map.entry((int) '秘', "bi"), Map.entry((int) '召', "shao"), Map.entry((int) '种', "chong"),
            Map.entry((int) '重', "chong"), Map.entry((int) '缪', "miao"), Map.entry((int) '藏', "zang"),
            Map.entry((int) '褚', "chu"), Map.entry((int) '句', "gou"), Map.entry((int) '员', "yun"),
            Map.entry((int) '隗', "wei"), Map.entry((int) '长', "chang"), Map.entry((int) '柏', "bai"),
            Map.entry((int) '沈', "shen"), Map.entry((int) '任', "ren"), Map.entry((int) '尉', "wei"),
            Map.entry((int) '万', "wan"), Map.entry((int) '折', "she"), Map.entry((int) '阚', "kan"));

    private static final Map<String, String> COMPOUND_SURNAMES = Map.ofEntries(
            Map.entry("欧阳", "ouyang"), Map.entry("司马", "sima"), Map.entry("诸葛", "zhuge"),
            Map.entry("上官", "shangguan"), Map.entry("东方", "dongfang"), Map.entry("皇甫", "huangfu"),
            Map.entry("尉迟", "yuchi"), Map.entry("令狐", "linghu"), Map.entry("长孙", "zhangsun"),
            Map.entry("公孙", "gongsun"), Map.entry("慕容", "murong"), Map.entry("夏侯", "xiahou"),
            Map.entry("宇文", "yuwen"), Map.entry("司徒", "situ"), Map.entry("司空", "sikong"),
            Map.entry("端木", "duanmu"), Map.entry("南宫", "nangong"), Map.entry("独孤", "dugu"),
            Map.entry("轩辕", "xuanyuan"), Map.entry("呼延", "huyan"), Map.entry("澹台", "tantai"),
            Map.entry("单于", "chanyu"), Map.entry("万俟", "moqi"), Map.entry("西门", "ximen"));

    private static final Map<Character, String> PUNCTUATION = Map.ofEntries(
            Map.entry('，', ","), Map.entry('、', ","), Map.entry('。', "."), Map.entry('：', ":"),
            Map.entry('；', ";"), Map.entry('（', "("), Map.entry('）', ")"), Map.entry('【', "["),
            Map.entry('】', "]"), Map.entry('《', "\""), Map.entry('》', "\""), Map.entry('“', "\""),
            Map.entry('”', "\""), Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('—', "-"),
            Map.entry('–', "-"), Map.entry('·', " "), Map.entry('•', " "), Map.entry('…', "..."),
            Map.entry('￥', "CNY"), Map.entry('¥', "CNY"), Map.entry('\u3000', " "), Map.entry('〇', "0"),
            Map.entry('！', "!"), Map.entry('？', "?"), Map.entry('％', "%"));

    private Pinyin() {
    }

    /** True when {@code s} is printable ASCII only, so nothing would change. */
    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * A party name in ASCII: a personal name as surname and given name, anything else as
     * {@link #text}. {@code field} names the element for the error, e.g. {@code Cdtr/Nm}.
     */
    public static String name(String s, Unknown unknown, String field) {
        if (s == null || isAscii(s)) {
            return s;
        }
        String trimmed = s.strip();
        int count = trimmed.codePointCount(0, trimmed.length());
        if (count >= 2 && count <= 4 && allHan(trimmed)) {
            String surname;
            int rest;
            String compound = count >= 3 ? COMPOUND_SURNAMES.get(trimmed.substring(0, 2)) : null;
            if (compound != null && trimmed.codePointCount(0, 2) == 2) {
                surname = compound;
                rest = 2;
            } else {
                int first = trimmed.codePointAt(0);
                String special = SURNAMES.get(first);
                surname = special != null ? special : syllable(first);
                rest = Character.charCount(first);
            }
            StringBuilder given = new StringBuilder();
            for (int i = rest; i < trimmed.length(); ) {
                int cp = trimmed.codePointAt(i);
                String syl = syllable(cp);
                if (!given.isEmpty() && startsWithVowel(syl)) {
                    given.append('\'');
                }
                given.append(syl);
                i += Character.charCount(cp);
            }
            if (surname != null && given.indexOf("null") < 0 && allKnown(trimmed.substring(rest))) {
                return capitalise(surname) + " " + capitalise(given.toString());
            }
        }
        return text(s, unknown, field);
    }

    /** Free text in ASCII: one capitalised syllable per Han character, separated by spaces. */
    public static String text(String s, Unknown unknown, String field) {
        if (s == null || isAscii(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() * 4);
        boolean lastWasHan = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            String syl = cp >= 0x2E80 ? syllable(cp) : null;
            if (syl != null) {
                if (!out.isEmpty() && Character.isLetterOrDigit(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                out.append(capitalise(syl));
                lastWasHan = true;
                continue;
            }
            String ascii = asciiOf(cp);
            if (ascii == null) {
                if (unknown == Unknown.ERROR) {
                    throw new FormatException(IsoProblemCodes.ISO_TRANSLITERATION_FAILED, "'"
                            + new String(Character.toChars(cp)) + "' (U+" + Integer.toHexString(cp).toUpperCase()
                            + ") has no ASCII transliteration", field);
                }
                ascii = "[U+" + Integer.toHexString(cp).toUpperCase() + "]";
            }
            if (lastWasHan && !ascii.isEmpty() && Character.isLetterOrDigit(ascii.charAt(0))) {
                out.append(' ');
            }
            out.append(ascii);
            lastWasHan = false;
        }
        return out.toString();
    }

    private static String asciiOf(int cp) {
        if (cp >= 0x20 && cp <= 0x7E) {
            return String.valueOf((char) cp);
        }
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return " ";
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return String.valueOf((char) (cp - 0xFEE0));
        }
        if (cp <= 0xFFFF) {
            String p = PUNCTUATION.get((char) cp);
            if (p != null) {
                return p;
            }
        }
        if (Character.isLetter(cp) && cp < 0x0250) {
            String stripped = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            if (isAscii(stripped) && !stripped.isEmpty()) {
                return stripped;
            }
            return switch (cp) {
                case 'ß' -> "ss";
                case 'æ' -> "ae";
                case 'Æ' -> "AE";
                case 'ø' -> "o";
                case 'Ø' -> "O";
                case 'đ' -> "d";
                case 'Đ' -> "D";
                case 'ł' -> "l";
                case 'Ł' -> "L";
                default -> null;
            };
        }
        return null;
    }

    private static boolean allHan(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean allKnown(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (syllable(cp) == null) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean startsWithVowel(String syllable) {
        char c = syllable.charAt(0);
        return c == 'a' || c == 'o' || c == 'e';
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The toneless syllable of a Han character, or null when ICU knows no Mandarin reading for it. ICU's
     * {@code Han-Latin} gives the reading with its tone marks ({@code lǚ}); the marks are dropped, and ü is
     * written {@code yu} after l and n and {@code u} elsewhere (after j, q, x and y it is written u anyway).
     */
    static String syllable(int cp) {
        return SYLLABLES.computeIfAbsent(cp, Pinyin::readingOf).orElse(null);
    }

    private static final Map<Integer, Optional<String>> SYLLABLES = new ConcurrentHashMap<>();

    /** ICU's transliterators are not thread-safe: one per thread. */
    private static final ThreadLocal<Transliterator> HAN_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin"));

    private static Optional<String> readingOf(int cp) {
        if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
            return Optional.empty();
        }
        String latin = HAN_LATIN.get().transliterate(new String(Character.toChars(cp))).strip();
        String decomposed = Normalizer.normalize(latin, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c == '\u0308') {
                // u + diaeresis: ü
                char before = out.length() >= 2 ? out.charAt(out.length() - 2) : 0;
                if (before == 'l' || before == 'n') {
                    out.insert(out.length() - 1, 'y');
                }
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(Character.toLowerCase(c));
            }
        }
        String syllable = out.toString();
        return syllable.isEmpty() || !syllable.chars().allMatch(c -> c >= 'a' && c <= 'z')
                ? Optional.empty() : Optional.of(syllable);
    }
}
