package org.jincai.bank.layout.internal;

import static org.jincai.bank.file.BankFileErrors.AMOUNT_INVALID;
import static org.jincai.bank.file.BankFileErrors.CHARSET_UNENCODABLE;
import static org.jincai.bank.file.BankFileErrors.FIELD_CONTAINS_SEPARATOR;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.profile.TransliterationPolicy;

/**
 * Checks every text layout runs on each field before the first byte of a file is written, so a
 * refused file never leaves a partial file behind: present, no separator or control character,
 * encodable in the bank's charset (names transliterated where the profile allows), amounts in whole fen.
 */
public final class FieldChecks {

    private FieldChecks() {
    }

    /** Refuses an empty mandatory field. */
    public static void requirePresent(String value, String field, String location) {
        if (value == null || value.isBlank()) {
            throw new BankFileException(FIELD_MISSING, field + " is empty", location);
        }
    }

    /**
     * Refuses a field holding {@code separator} (0 for a layout without one) or a line break or any
     * control character: either would shift the fields or lines after it.
     */
    public static void requireNoSeparator(String value, char separator, String field, String location) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((separator != 0 && c == separator) || Character.isISOControl(c)) {
                throw new BankFileException(FIELD_CONTAINS_SEPARATOR, field + " contains "
                        + (c == separator ? "the separator '" + separator + "'" : String.format("control character U+%04X", (int) c))
                        + " at position " + (i + 1), location);
            }
        }
    }

    /** Refuses a text {@code encoder}'s charset cannot encode; {@code whose} names the payee, or is empty. */
    public static void requireEncodable(CharsetEncoder encoder, String value, String field, String whose, String location) {
        String bad = Transliteration.firstUnencodable(value, encoder);
        if (bad != null) {
            throw new BankFileException(CHARSET_UNENCODABLE, field + whose + " has " + bad + " that "
                    + encoder.charset().name() + " cannot encode; the bank would receive a wrong name", location);
        }
    }

    /**
     * The name as it goes on the wire: in pinyin under {@link TransliterationPolicy#PINYIN}; else unchanged
     * when the charset encodes it, transliterated under {@link TransliterationPolicy#TRANSLITERATE}, else
     * CHARSET_UNENCODABLE naming whose name it is.
     */
    public static String nameOnTheWire(String name, Charset charset, TransliterationPolicy policy, String field, String whose,
            String location) {
        if (name == null) {
            return null;
        }
        return Transliteration.forCharset(name, charset, policy).orElseThrow(() -> new BankFileException(CHARSET_UNENCODABLE,
                field + whose + " has " + Transliteration.firstUnencodable(name, charset) + " that " + charset.name()
                        + " cannot encode" + (policy == TransliterationPolicy.TRANSLITERATE
                        ? " and no transliteration is known" : policy == TransliterationPolicy.PINYIN
                        ? " and has no pinyin reading" : " and the bank's profile does not allow transliteration")
                        + "; the bank would receive a wrong name", location));
    }

    /** " of payee '张三' (end-to-end id E2E-1)": how an error names the payee. */
    public static String payee(String name, String endToEndId) {
        return " of payee '" + name + "' (end-to-end id " + endToEndId + ")";
    }

    /** Refuses an amount that is missing, not positive, or has fractions of a fen. */
    public static void requireAmount(BigDecimal amount, String location) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new BankFileException(AMOUNT_INVALID, "amount " + (amount == null ? "<none>" : amount.toPlainString())
                    + " must be positive and in whole fen", location);
        }
    }
}
