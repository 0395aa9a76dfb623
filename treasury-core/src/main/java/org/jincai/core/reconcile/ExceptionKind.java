package org.jincai.core.reconcile;

/** What an exception of reconciliation is about; the stable code kept in {@code recon_exception.kind}. */
public enum ExceptionKind {
    /** A booked entry no rule matched to a payment: a fee, a credit nobody announced, a debit the hub never sent. */
    UNMATCHED_ENTRY,
    /** An entry names a payment (or a file) whose amount is not the entry's. */
    AMOUNT_DIFFERENCE,
    /** A payment sent to the bank that no statement booked within the configured bank days. */
    NOT_BOOKED,
    /** Opening balance plus the booked entries is not the closing balance. */
    BALANCE_BREAK,
    /** The opening balance is not the previous statement's closing balance (a gap or an overlap). */
    BALANCE_GAP,
    /** The electronic sequence skips a number (a statement missing). */
    SEQUENCE_GAP,
    /** A statement already taken came again with other content under the same account, id and sequence. */
    STATEMENT_CHANGED,
    /** An entry books a payment another entry already booked. */
    DUPLICATE_BOOKING,
    /** Money came back for a payment the hub does not hold as paid. */
    RETURN_NOT_PAID
}
