package org.jincai.formats.fiscal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tag of a voucher type's header or detail table: its name on the wire (the standard's tag), the kind
 * of its value, whether it must be present, which sign an amount may have, the text format a value must
 * match, and the {@link FieldLimit} (syntax and maximum length) every value is checked against before the
 * hub stores it. The tables are data: {@link FiscalVoucherReader}, {@link FiscalVoucherWriter} and
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
    private final FieldLimit limit;

    private FieldDef(String tag, FieldKind kind, Presence presence, Sign sign, Pattern format, FieldLimit limit) {
        this.tag = Objects.requireNonNull(tag, "tag");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.sign = Objects.requireNonNull(sign, "sign");
        this.format = format;
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** An optional text field, with the limit its tag's name gives ({@link FieldLimit#forTag}). */
    public static FieldDef text(String tag) {
        return of(tag, FieldKind.TEXT);
    }

    /** An optional {@code yyyyMMdd} date field. */
    public static FieldDef date(String tag) {
        return of(tag, FieldKind.DATE);
    }

    /** An optional two-decimal amount field of any sign. */
    public static FieldDef amount(String tag) {
        return of(tag, FieldKind.AMOUNT);
    }

    public static FieldDef of(String tag, FieldKind kind) {
        return new FieldDef(tag, kind, Presence.OPTIONAL, Sign.ANY, null, FieldLimit.forTag(tag, kind));
    }

    public FieldDef required() {
        return new FieldDef(tag, kind, Presence.REQUIRED, sign, format, limit);
    }

    public FieldDef receipt() {
        return new FieldDef(tag, kind, Presence.RECEIPT, sign, format, limit);
    }

    public FieldDef optional() {
        return new FieldDef(tag, kind, Presence.OPTIONAL, sign, format, limit);
    }

    /** A copy with another syntax and maximum length than its tag's name gives. */
    public FieldDef limit(FieldLimit newLimit) {
        return new FieldDef(tag, kind, presence, sign, format, newLimit);
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
        return new FieldDef(tag, kind, presence, newSign, format, limit);
    }

    /** A copy whose text values must match {@code regex} whole (FIELD_FORMAT otherwise). */
    public FieldDef format(String regex) {
        if (kind != FieldKind.TEXT) {
            throw new IllegalArgumentException(tag + " is not a text field");
        }
        return new FieldDef(tag, kind, presence, sign, Pattern.compile(regex), limit);
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

    /** The syntax and maximum length of every value (FIELD_FORMAT, FIELD_TOO_LONG). */
    public FieldLimit limit() {
        return limit;
    }

    /** True when {@code text} is acceptable under {@link #format()}. */
    public boolean matchesFormat(String text) {
        return format == null || format.matcher(text).matches();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FieldDef f
                && tag.equals(f.tag) && kind == f.kind && presence == f.presence && sign == f.sign && limit.equals(f.limit)
                && Objects.equals(format == null ? null : format.pattern(), f.format == null ? null : f.format.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, kind, presence, sign, limit, format == null ? null : format.pattern());
    }

    @Override
    public String toString() {
        return tag + ":" + kind + (presence == Presence.OPTIONAL ? "" : ":" + presence)
                + (sign == Sign.ANY ? "" : ":" + sign) + (format == null ? "" : ":/" + format.pattern() + "/");
    }
}
