package org.jincai.server.security;

/** The hub's roles (DESIGN.md): who may do what is decided by these, never by user names. */
public final class Roles {

    /** A provincial or municipal finance system submitting vouchers. */
    public static final String FINANCE_SYSTEM = "FINANCE_SYSTEM";
    /** An operator at the payment centre. */
    public static final String OPERATOR = "OPERATOR";
    /** An approver of payments (never of their own submissions). */
    public static final String APPROVER = "APPROVER";
    /** An auditor: read-only. */
    public static final String AUDITOR = "AUDITOR";
    /** An agent bank reading its own answers; no endpoint serves banks yet, so it is refused everywhere. */
    public static final String BANK = "BANK";
    /** An administrator of the hub's configuration. */
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
