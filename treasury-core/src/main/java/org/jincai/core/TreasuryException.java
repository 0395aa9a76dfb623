package org.jincai.core;

/**
 * A business rule of the hub refused an operation. Carries a stable {@code code} (what callers and
 * tests match on) and the {@code location} of the thing refused (a payment id, a file, a voucher).
 */
public class TreasuryException extends RuntimeException {

    private final String code;
    private final String location;

    public TreasuryException(String code, String message, String location) {
        super(message);
        this.code = code;
        this.location = location;
    }

    public String code() {
        return code;
    }

    public String location() {
        return location;
    }
}
