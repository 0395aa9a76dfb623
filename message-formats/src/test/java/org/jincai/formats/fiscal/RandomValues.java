package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.nio.charset.CharsetEncoder;
import java.time.LocalDate;
import java.util.Random;

/**
 * Field values of the round-trip property tests, drawn from the caller's seeded {@link Random}: GBK text with
 * the characters that trip naive writers (markup, quotes, full-width punctuation, rare given-name characters),
 * identifiers of the characters {@link FieldLimit} allows, digits without a leading zero, dates of 2026, and
 * amounts in fen.
 */
final class RandomValues {

    private static final String EXTRA = "喆堃犇淼鑫玥&<>\"'·—（）、，。0123456789ABCXYZabcxyz-_/ ";

    private RandomValues() {
    }

    static String text(int length, Random random) {
        CharsetEncoder gbk = TestVouchers.GBK.newEncoder();
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            char c = random.nextInt(3) == 0
                    ? EXTRA.charAt(random.nextInt(EXTRA.length()))
                    : (char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00));
            if (gbk.canEncode(c)) {
                sb.append(c);
            }
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? "甲" : s;
    }

    private static final String IDENTIFIER = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-";

    /**
     * A value within {@code limit}: an identifier of ASCII letters, digits and '-' (starting with a letter or
     * digit), or GBK text as {@link #text}, at most {@code length} and never more than the limit's length.
     */
    static String value(FieldLimit limit, int length, Random random) {
        int n = Math.min(length, limit.maxLength());
        if (limit.syntax() != FieldLimit.Syntax.IDENTIFIER) {
            return text(n, random);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(IDENTIFIER.charAt(random.nextInt(IDENTIFIER.length() - 1)));
        while (sb.length() < n) {
            sb.append(IDENTIFIER.charAt(random.nextInt(IDENTIFIER.length())));
        }
        return sb.toString();
    }

    static String digits(int length, Random random) {
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('1' + random.nextInt(9)));
        while (sb.length() < length) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    static LocalDate date(Random random) {
        return LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365));
    }

    static BigDecimal amount(Random random) {
        return BigDecimal.valueOf(1 + random.nextInt(99_999_999), 2);
    }
}
