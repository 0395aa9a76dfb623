package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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

    /** Fluent, mutable builder; {@link #build()} copies, so a builder can be reused. */
    public static final class Builder {
        private final VoucherType type;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> otherFields = new LinkedHashMap<>();
        private final Map<String, FieldDef> table;

        private Builder(VoucherType type) {
            this.type = type;
            this.table = type.detailTable();
        }

        /**
         * Sets a modelled tag; {@code null} removes it.
         *
         * @throws IllegalArgumentException when the tag is not in the detail table or the value has the wrong type
         */
        public Builder set(String tag, Object value) {
            FiscalFields.put(table, "detail of " + type.vtCode(), values, tag, value);
            return this;
        }

        public Builder text(String tag, String value) {
            return set(tag, value);
        }

        public Builder amount(String tag, BigDecimal value) {
            return set(tag, value);
        }

        public Builder date(String tag, LocalDate value) {
            return set(tag, value);
        }

        /** Adds, replaces or ({@code null}) removes a tag the table does not model. */
        public Builder otherField(String tag, String value) {
            if (table.containsKey(tag)) {
                throw new IllegalArgumentException(tag + " is modelled; use set");
            }
            if (value == null) {
                otherFields.remove(tag);
            } else {
                otherFields.put(tag, value);
            }
            return this;
        }

        public Builder otherFields(Map<String, String> fields) {
            otherFields.clear();
            fields.forEach(this::otherField);
            return this;
        }

        public FiscalDetail build() {
            return new FiscalDetail(type, values, otherFields);
        }
    }
}
