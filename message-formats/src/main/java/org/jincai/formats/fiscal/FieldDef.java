package org.jincai.formats.fiscal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tag of a voucher type's header or detail table: its name on the wire (the standard's tag), the kind
 * of its value, whether it must be present, which sign an amount may have, and the text format a value
 * must match. The tables are data: {@link FiscalVoucherReader}, {@link FiscalVoucherWriter} and
 * {@link FiscalVoucherValidator} walk them and hold no per-type code.
 */
public final class FieldDef {

    /** When a field must be present. */
    public enum Presence {
        /** May be absent. */
        OPTIONAL,
        /** Must be present on every voucher of the type (the standard's M mark, or the hub's choice). */
        REQUIRED,
        /** Must be present on a receipt (回单, VoucherFlag 1): the receiver's X-fields. */
        RECEIPT
    }

    /** Which sign an amount may have. */
    public enum Sign {
        /** Any sign: quota reductions (负额度) and refund corrections are negative. */
        ANY,
        /** Zero or more: a receipt's actually paid amount is 0.00 when the payment failed. */
        NON_NEGATIVE,
        /** More than zero: a payment. */
        POSITIVE
    }

    private final String tag;
    private final FieldKind kind;
    private final Presence presence;
    private final Sign sign;
    private final Pattern format;

    private FieldDef(String tag, FieldKind kind, Presence presence, Sign sign, Pattern format) {
        this.tag = Objects.requireNonNull(tag, "tag");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.sign = Objects.requireNonNull(sign, "sign");
        this.format = format;
    }

    /** An optional text field. */
    public static FieldDef text(String tag) {
        return new FieldDef(tag, FieldKind.TEXT, Presence.OPTIONAL, Sign.ANY, null);
    }

    /** An optional {@code yyyyMMdd} date field. */
    public static FieldDef date(String tag) {
        return new FieldDef(tag, FieldKind.DATE, Presence.OPTIONAL, Sign.ANY, null);
    }

    /** An optional two-decimal amount field of any sign. */
    public static FieldDef amount(String tag) {
        return new FieldDef(tag, FieldKind.AMOUNT, Presence.OPTIONAL, Sign.ANY, null);
    }

    public static FieldDef of(String tag, FieldKind kind) {
        return new FieldDef(tag, kind, Presence.OPTIONAL, Sign.ANY, null);
    }

    public FieldDef required() {
        return new FieldDef(tag, kind, Presence.REQUIRED, sign, format);
    }

    public FieldDef receipt() {
        return new FieldDef(tag, kind, Presence.RECEIPT, sign, format);
    }

    public FieldDef optional() {
        return new FieldDef(tag, kind, Presence.OPTIONAL, sign, format);
    }

    public FieldDef positive() {
        return withSign(Sign.POSITIVE);
    }

    public FieldDef nonNegative() {
        return withSign(Sign.NON_NEGATIVE);
    }

    public FieldDef withSign(Sign newSign) {
        if (kind != FieldKind.AMOUNT && newSign != Sign.ANY) {
            throw new IllegalArgumentException(tag + " is not an amount");
        }
        return new FieldDef(tag, kind, presence, newSign, format);
    }

    /** A copy whose text values must match {@code regex} whole (FIELD_FORMAT_INVALID otherwise). */
    public FieldDef format(String regex) {
        if (kind != FieldKind.TEXT) {
            throw new IllegalArgumentException(tag + " is not a text field");
        }
        return new FieldDef(tag, kind, presence, sign, Pattern.compile(regex));
    }

    public String tag() {
        return tag;
    }

    public FieldKind kind() {
        return kind;
    }

    public Presence presence() {
        return presence;
    }

    public Sign sign() {
        return sign;
    }

    /** The pattern a text value must match whole; {@code null} when any text is accepted. */
    public Pattern format() {
        return format;
    }

    /** True when {@code text} is acceptable under {@link #format()}. */
    public boolean matchesFormat(String text) {
        return format == null || format.matcher(text).matches();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FieldDef f
                && tag.equals(f.tag) && kind == f.kind && presence == f.presence && sign == f.sign
                && Objects.equals(format == null ? null : format.pattern(), f.format == null ? null : f.format.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, kind, presence, sign, format == null ? null : format.pattern());
    }

    @Override
    public String toString() {
        return tag + ":" + kind + (presence == Presence.OPTIONAL ? "" : ":" + presence)
                + (sign == Sign.ANY ? "" : ":" + sign) + (format == null ? "" : ":/" + format.pattern() + "/");
    }
}
