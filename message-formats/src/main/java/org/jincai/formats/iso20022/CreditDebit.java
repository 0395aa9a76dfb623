package org.jincai.formats.iso20022;

/** CreditDebitCode: whether an entry, a transaction or a balance is a credit or a debit of the account. */
public enum CreditDebit {
    CRDT,
    DBIT;

    /** The code as written, tolerating surrounding whitespace and lower case; null when it is neither. */
    public static CreditDebit parse(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "CRDT" -> CRDT;
            case "DBIT" -> DBIT;
            default -> null;
        };
    }
}
