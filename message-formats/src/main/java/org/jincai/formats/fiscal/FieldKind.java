package org.jincai.formats.fiscal;

/**
 * How a voucher tag's text maps to a value: plain text ({@link String}), a {@code yyyyMMdd} date
 * ({@link java.time.LocalDate}), or an amount with two decimals ({@link java.math.BigDecimal}, never a double).
 */
public enum FieldKind {
    TEXT,
    DATE,
    AMOUNT;

    /** The Java type a value of this kind has in the model. */
    public Class<?> javaType() {
        return switch (this) {
            case TEXT -> String.class;
            case DATE -> java.time.LocalDate.class;
            case AMOUNT -> java.math.BigDecimal.class;
        };
    }
}
