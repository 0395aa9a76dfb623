package org.jincai.formats.fiscal;

import java.util.Map;

/**
 * One line (明细, {@code DetailList/Detail}) of a voucher of any type, its fields those of the type's detail
 * table (see {@link VoucherType#detail()}). Immutable; change it through {@link #toBuilder()}.
 */
public final class FiscalDetail extends FiscalFields {

    private final VoucherType type;

    private FiscalDetail(VoucherType type, Map<String, Object> values, Map<String, String> otherFields) {
        super(values, otherFields);
        this.type = type;
    }

    /** A builder of a detail of {@code type}. */
    public static Builder builder(VoucherType type) {
        return new Builder(type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.values.putAll(values());
        b.otherFields.putAll(otherFields());
        return b;
    }

    @Override
    Map<String, FieldDef> table() {
        return type.detailTable();
    }

    @Override
    String what() {
        return "detail of " + type.vtCode();
    }

    public VoucherType type() {
        return type;
    }

    /** {@code Id} 明细ID. */
    public String id() {
        return text(FiscalVoucher.ID);
    }

    /** A copy with one modelled value changed ({@code null} removes it). */
    public FiscalDetail with(String tag, Object value) {
        return toBuilder().set(tag, value).build();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FiscalDetail d && sameValues(d);
    }

    @Override
    public int hashCode() {
        return valuesHash();
    }

    @Override
    public String toString() {
        return "FiscalDetail" + values() + (otherFields().isEmpty() ? "" : " + " + otherFields());
    }

    /** Fluent, mutable builder of a detail; {@link #build()} copies, so a builder can be reused. */
    public static final class Builder extends FieldsBuilder<Builder> {
        private final VoucherType type;

        private Builder(VoucherType type) {
            super(type.detailTable(), "detail of " + type.vtCode());
            this.type = type;
        }

        @Override
        Builder self() {
            return this;
        }

        public FiscalDetail build() {
            return new FiscalDetail(type, values, otherFields);
        }
    }
}
