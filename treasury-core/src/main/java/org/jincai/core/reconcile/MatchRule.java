package org.jincai.core.reconcile;

/** The rule that matched a statement entry to a payment, in the order they are tried; kept with every match. */
public enum MatchRule {
    /** The TxDtls EndToEndId is the payment's id (the hub writes its payment id as EndToEndId). */
    END_TO_END,
    /** The bank's reference (AcctSvcrRef, bank serial) is the one the payment was paid under. */
    BANK_REFERENCE,
    /** A batch-booked entry names the payment file (MsgId or PmtInfId) whose payments it books. */
    BATCH_REFERENCE,
    /** A batch-booked entry without a reference has the total and the execution date of one file. */
    BATCH_TOTAL,
    /** The same amount to the same counterparty account, booked within the tolerance of the execution date. */
    AMOUNT_ACCOUNT_DATE;

    /** The code kept in {@code recon_match.rule_code} (at most 16 characters). */
    public String code() {
        return switch (this) {
            case END_TO_END -> "END_TO_END";
            case BANK_REFERENCE -> "BANK_REFERENCE";
            case BATCH_REFERENCE -> "BATCH_REFERENCE";
            case BATCH_TOTAL -> "BATCH_TOTAL";
            case AMOUNT_ACCOUNT_DATE -> "AMOUNT_ACCT_DATE";
        };
    }
}
