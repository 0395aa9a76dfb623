package org.jincai.bank.file;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.text.Normalizer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jincai.bank.profile.TransliterationPolicy;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.Pinyin;

/**
 * Makes a name fit a bank's character set without ever putting a {@code ?} on the wire. A name the
 * charset encodes is left exactly as it is. Under {@link TransliterationPolicy#TRANSLITERATE} each
 * character the charset cannot encode is replaced, in this order, by:
 * <ol>
 *   <li>its entry in {@link #TABLE}: the rare-name characters outside GBK with a well-known common
 *       form ({@code 𠮷} → {@code 吉}, {@code 䶮} → {@code 龑}), the name separators of minority names
 *       ({@code •}, {@code ・}, {@code ‧} → {@code ·}) and Latin letters with no decomposition
 *       ({@code ß} → {@code ss}, {@code ø} → {@code o});</li>
 *   <li>its Unicode compatibility form (NFKC: half-width katakana, ligatures such as {@code ﬁ});</li>
 *   <li>its letters without diacritics ({@code ñ} → {@code n}, {@code ö} → {@code o}).</li>
 * </ol>
 * <p>Limits: the table is small and deliberate; it does not know the tens of thousands of CJK
 * extension characters, and it never guesses. A character no step can carry is refused under both
 * policies (the caller raises CHARSET_UNENCODABLE naming the payee), and an operator corrects the
 * name at the source. A transliterated name may no longer match the bank's records, so banks that
 * check names should keep {@link TransliterationPolicy#REFUSE}.
 */
public final class Transliteration {

    /** Characters outside GBK with a known equivalent inside it (code point → replacement). */
    public static final Map<Integer, String> TABLE = Map.ofEntries(
            Map.entry(0x20BB7, "吉"),   // 𠮷, the "tu" variant of 吉 common in surnames
            Map.entry(0x4DAE, "龑"),    // 䶮, as in 刘䶮, variant of 龑
            Map.entry(0x2022, "·"),     // bullet used between the parts of a minority name
            Map.entry(0x2027, "·"),     // hyphenation point
            Map.entry(0x2219, "·"),     // bullet operator
            Map.entry(0x30FB, "·"),     // katakana middle dot
            Map.entry(0xFF65, "·"),     // half-width katakana middle dot
            Map.entry(0x2011, "-"),     // non-breaking hyphen
            Map.entry(0x2012, "-"),     // figure dash
            Map.entry(0x00DF, "ss"),
            Map.entry(0x00E6, "ae"),
            Map.entry(0x00C6, "AE"),
            Map.entry(0x0153, "oe"),
            Map.entry(0x0152, "OE"),
            Map.entry(0x00F8, "o"),
            Map.entry(0x00D8, "O"),
            Map.entry(0x0142, "l"),
            Map.entry(0x0141, "L"),
            Map.entry(0x0111, "d"),
            Map.entry(0x0110, "D"),
            Map.entry(0x0131, "i"));

    private Transliteration() {
    }

    /**
     * The name {@code text} as {@code charset} can carry it under {@code policy}: under PINYIN, the name in
     * ASCII pinyin; otherwise the text itself when it encodes, and under TRANSLITERATE, the text with each
     * character outside the charset replaced; empty when it cannot be carried (the caller refuses, naming
     * whose name it is).
     */
    public static Optional<String> forCharset(String text, Charset charset, TransliterationPolicy policy) {
        Objects.requireNonNull(charset, "charset");
        if (text == null) {
            return Optional.empty();
        }
        if (policy == TransliterationPolicy.PINYIN) {
            try {
                return Optional.of(Pinyin.name(text, Pinyin.Unknown.ERROR, "name"));
            } catch (FormatException e) {
                return Optional.empty();
            }
        }
        CharsetEncoder encoder = strictEncoder(charset);
        if (encoder.canEncode(text)) {
            return Optional.of(text);
        }
        if (policy != TransliterationPolicy.TRANSLITERATE) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            String carried = encoder.canEncode(ch) ? ch : replacement(cp, ch, encoder);
            if (carried == null) {
                return Optional.empty();
            }
            out.append(carried);
            i += Character.charCount(cp);
        }
        return Optional.of(out.toString());
    }

    /** The first character of {@code text} the charset cannot encode, as {@code '𠮷' (U+20BB7)}, or null when all encode. */
    public static String firstUnencodable(String text, Charset charset) {
        return firstUnencodable(text, strictEncoder(charset));
    }

    /** As {@link #firstUnencodable(String, Charset)} with a strict encoder (not thread-safe: one per caller). */
    public static String firstUnencodable(String text, CharsetEncoder encoder) {
        if (text == null || encoder.canEncode(text)) {
            return null;
        }
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (!encoder.canEncode(ch)) {
                return "'" + ch + "' (U+" + String.format("%04X", cp) + ")";
            }
            i += Character.charCount(cp);
        }
        return "a character";
    }

    /** An encoder that reports, never replaces, what it cannot encode. */
    public static CharsetEncoder strictEncoder(Charset charset) {
        return charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String replacement(int cp, String ch, CharsetEncoder encoder) {
        String listed = TABLE.get(cp);
        if (listed != null && encoder.canEncode(listed)) {
            return listed;
        }
        String compatible = Normalizer.normalize(ch, Normalizer.Form.NFKC);
        if (!compatible.equals(ch)) {
            String tabled = TABLE.getOrDefault(compatible.codePointAt(0), compatible);
            if (compatible.codePointCount(0, compatible.length()) == 1 && encoder.canEncode(tabled)) {
                return tabled;
            }
            if (encoder.canEncode(compatible)) {
                return compatible;
            }
        }
        String bare = Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        if (!bare.isEmpty() && !bare.equals(ch) && encoder.canEncode(bare)) {
            return bare;
        }
        return null;
    }
}
