package org.jincai.formats;

import java.util.Objects;

/**
 * One problem found in an input: a stable {@code code} that callers and tests match on, a human
 * message, and the location of the offending item (file, envelope index, voucher number, detail id,
 * line, XPath-like element path). Messages may change; codes never do.
 */
public record Problem(String code, String message, String location) {

    public Problem {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
        location = location == null ? "" : location;
    }

    public static Problem of(String code, String message, String location) {
        return new Problem(code, message, location);
    }

    @Override
    public String toString() {
        return location.isEmpty() ? code + ": " + message : code + " at " + location + ": " + message;
    }
}
