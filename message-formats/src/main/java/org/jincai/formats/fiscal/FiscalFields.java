package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one voucher header or one detail, keyed by the standard's tag: modelled tags (those of the
 * type's table) with typed values, and the tags the table does not know, kept as text in document order
 * and written back. Absent tags have no entry; text is as received (trimmed).
 */
public abstract sealed class FiscalFields permits FiscalVoucher, FiscalDetail {

    private final Map<String, Object> values;
    private final Map<String, String> otherFields;

    FiscalFields(Map<String, Object> values, Map<String, String> otherFields) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.otherFields = Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    /** The table these values follow. */
    abstract Map<String, FieldDef> table();

    /** What these values belong to, for error messages. */
    abstract String what();

    /** The modelled values, tag to {@link String}, {@link LocalDate} or {@link BigDecimal}. */
    public Map<String, Object> values() {
        return values;
    }

    /** Tags not in the type's table, tag to text, in document order. */
    public Map<String, String> otherFields() {
        return otherFields;
    }

    /** The value of a modelled tag, {@code null} when absent. */
    public Object value(String tag) {
        field(tag);
        return values.get(tag);
    }

    /** True when the tag has a value (modelled or not). */
    public boolean has(String tag) {
        return values.containsKey(tag) || otherFields.containsKey(tag);
    }

    /**
     * The text of a tag: a modelled text field, or an unmodelled tag's text; {@code null} when absent.
     *
     * @throws IllegalArgumentException when the tag is a modelled date or amount
     */
    public String text(String tag) {
        FieldDef f = table().get(tag);
        if (f == null) {
            return otherFields.get(tag);
        }
        requireKind(f, FieldKind.TEXT);
        return (String) values.get(tag);
    }

    /** A modelled amount, {@code null} when absent. */
    public BigDecimal amount(String tag) {
        requireKind(field(tag), FieldKind.AMOUNT);
        return (BigDecimal) values.get(tag);
    }

    /** A modelled date, {@code null} when absent. */
    public LocalDate date(String tag) {
        requireKind(field(tag), FieldKind.DATE);
        return (LocalDate) values.get(tag);
    }

    private FieldDef field(String tag) {
        FieldDef f = table().get(tag);
        if (f == null) {
            throw new IllegalArgumentException(tag + " is not a field of the " + what());
        }
        return f;
    }

    private static void requireKind(FieldDef f, FieldKind kind) {
        if (f.kind() != kind) {
            throw new IllegalArgumentException(f.tag() + " is a " + f.kind() + " field, not " + kind);
        }
    }

    /** Checks a value against the table and stores or removes it. */
    static void put(Map<String, FieldDef> table, String what, Map<String, Object> values, String tag, Object value) {
        FieldDef f = table.get(tag);
        if (f == null) {
            throw new IllegalArgumentException(tag + " is not a field of the " + what + "; use otherField for unmodelled tags");
        }
        if (value == null) {
            values.remove(tag);
            return;
        }
        if (!f.kind().javaType().isInstance(value)) {
            throw new IllegalArgumentException(tag + " takes a " + f.kind().javaType().getSimpleName() + ", not " + value.getClass().getSimpleName());
        }
        values.put(tag, value);
    }

    boolean sameValues(FiscalFields o) {
        return values.equals(o.values) && otherFields.equals(o.otherFields);
    }

    int valuesHash() {
        return Objects.hash(values, otherFields);
    }

    /**
     * What the builders of a header and of a detail share: modelled values checked against the table, the
     * tags the table does not model kept as text. Fluent and mutable; building copies, so a builder can be
     * reused.
     *
     * @param <B> the builder itself, for chaining
     */
    abstract static class FieldsBuilder<B extends FieldsBuilder<B>> {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, String> otherFields = new LinkedHashMap<>();
        private final Map<String, FieldDef> table;
        private final String what;

        FieldsBuilder(Map<String, FieldDef> table, String what) {
            this.table = table;
            this.what = what;
        }

        abstract B self();

        /**
         * Sets a modelled tag; {@code null} removes it.
         *
         * @throws IllegalArgumentException when the tag is not in the table or the value has the wrong type
         */
        public B set(String tag, Object value) {
            put(table, what, values, tag, value);
            return self();
        }

        public B text(String tag, String value) {
            return set(tag, value);
        }

        public B amount(String tag, BigDecimal value) {
            return set(tag, value);
        }

        public B date(String tag, LocalDate value) {
            return set(tag, value);
        }

        /** Adds, replaces or ({@code null}) removes a tag the table does not model. */
        public B otherField(String tag, String value) {
            if (table.containsKey(tag)) {
                throw new IllegalArgumentException(tag + " is modelled; use set");
            }
            if (value == null) {
                otherFields.remove(tag);
            } else {
                otherFields.put(tag, value);
            }
            return self();
        }

        public B otherFields(Map<String, String> fields) {
            otherFields.clear();
            fields.forEach(this::otherField);
            return self();
        }
    }
}
