package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * Parsing of ISO 20022 simple types as real banks write them. ISODateTime comes with an offset, with
 * {@code Z}, or without either (local time); fractions of seconds of any length occur.
 */
public final class IsoValues {

    private IsoValues() {
    }

    public static OffsetDateTime dateTime(String text, ZoneOffset offsetWhenAbsent, String where) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atOffset(offsetWhenAbsent);
            } catch (DateTimeParseException e) {
                throw unreadable("'" + text + "' is not an ISODateTime", where, e);
            }
        }
    }

    public static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw unreadable("'" + text + "' is not an ISODate", where, e);
        }
    }

    public static BigDecimal decimal(String text, String where) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw unreadable("'" + text + "' is not a decimal number", where, e);
        }
    }

    public static int count(String text, String where) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw unreadable("'" + text + "' is not a number of transactions", where, e);
        }
    }

    public static boolean indicator(String text, String where) {
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw unreadable("'" + text + "' is not a TrueFalseIndicator", where, null);
        };
    }

    public static FormatException unreadable(String message, String where, Throwable cause) {
        return new FormatException(Problem.of(IsoProblemCodes.ISO_NOT_READABLE, message, where), cause);
    }

    public static FormatException missing(String what, String where) {
        return new FormatException(IsoProblemCodes.ISO_FIELD_MISSING, what + " is missing", where);
    }
}
