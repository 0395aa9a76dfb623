package org.jincai.formats.fiscal.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** Wire forms of the voucher's dates ({@code yyyyMMdd}) and amounts (plain decimal, two places). */
public final class FiscalText {

    /** Strict: 20260230 is refused, not rolled over to March. */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern DATE_TEXT = Pattern.compile("\\d{8}");
    private static final DateTimeFormatter DASHED_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DASHED_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DASHED_DATE_TIME_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern DASHED_DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Plain decimal only: no exponent, no grouping, no currency sign. */
    private static final Pattern NUMBER_TEXT = Pattern.compile("[+-]?\\d{1,18}(\\.\\d{1,18})?");

    private FiscalText() {
    }

    /** The date, or {@code null} when the text is not an 8-digit calendar date. */
    public static LocalDate parseDate(String text) {
        if (text == null || !DATE_TEXT.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The date of {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd} (older systems' XPayDate), {@code null} for
     * any other text or an impossible date or time.
     */
    public static LocalDate parseDateWithTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (DASHED_DATE_TIME_TEXT.matcher(text).matches()) {
                return LocalDateTime.parse(text, DASHED_DATE_TIME).toLocalDate();
            }
            if (DASHED_DATE_TEXT.matcher(text).matches()) {
                return LocalDate.parse(text, DASHED_DATE);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    public static String formatDate(LocalDate date) {
        return date.format(DATE);
    }

    /**
     * The amount with the scale it was written with (so "12.5" stays scale 1 for the validator to refuse),
     * or {@code null} when the text is not a plain decimal number.
     */
    public static BigDecimal parseAmount(String text) {
        if (text == null || !NUMBER_TEXT.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** True when the amount carries exactly the two decimals of CNY fen. */
    public static boolean hasTwoDecimals(BigDecimal amount) {
        return amount.scale() == 2;
    }

    /**
     * The two-decimal plain form; a value with more significant decimals throws {@link ArithmeticException}
     * because money is never rounded on the way out.
     */
    public static String formatAmount(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
