package org.jincai.formats.fiscal.internal;

/** How a voucher tag's text maps to a value: plain text, a {@code yyyyMMdd} date, or a two-decimal amount. */
public enum FieldKind {
    TEXT,
    DATE,
    AMOUNT
}
