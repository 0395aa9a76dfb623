package org.jincai.server.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.jincai.formats.FormatException;

/**
 * Reads the filters of a list as they come from a query string or a form: blank is no filter, a date is
 * {@code YYYY-MM-DD} ({@value #DATE_INVALID} otherwise), a state one of its list of names and a flag {@code true} or
 * {@code false} ({@value #FILTER_INVALID} otherwise), and a range never ends before it starts.
 */
public final class Filters {

    public static final String DATE_INVALID = "DATE_INVALID";
    public static final String FILTER_INVALID = "FILTER_INVALID";

    private Filters() {
    }

    /** The value stripped, or null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The date {@code YYYY-MM-DD}, or null when absent or blank. */
    public static LocalDate date(String value, String field) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new FormatException(DATE_INVALID, field + " must be YYYY-MM-DD, got '" + value + "'", field);
        }
    }

    /** {@code true} or {@code false} (any case), null when absent or blank; {@value #FILTER_INVALID} otherwise. */
    public static Boolean bool(String value, String field) {
        String v = oneOf(value, field, "TRUE", "FALSE");
        return v == null ? null : Boolean.valueOf(v.equals("TRUE"));
    }

    /** Refuses a range whose end comes before its start. */
    public static void range(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new FormatException(DATE_INVALID, "to (" + to + ") is before from (" + from + ")", "to");
        }
    }

    /** The value upper-cased when it is one of {@code allowed}, null when blank; {@value #FILTER_INVALID} otherwise. */
    public static String oneOf(String value, String field, String... allowed) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(upper)) {
            return upper;
        }
        throw new FormatException(FILTER_INVALID, field + " must be one of " + String.join(", ", allowed) + ", got '"
                + value + "'", field);
    }

    /** The names of an enumeration's constants. */
    public static String[] names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray(String[]::new);
    }
}
