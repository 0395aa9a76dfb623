package org.jincai.core.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One statement (camt.053) or notification (camt.054) as reconciliation takes it.
 *
 * @param sequence     the electronic sequence number (ElctrncSeqNb) as given, empty when none
 * @param opening      the opening booked balance (OPBD), signed; null in a notification
 * @param closing      the closing booked balance (CLBD), signed; null in a notification
 * @param digest       the SHA-256 of what the statement says (balances and every entry), whatever file held it
 */
public record ReconStatement(String bankCode, String fileName, String accountNo, String statementId, String sequence,
                             boolean notification, LocalDate date, BigDecimal opening, BigDecimal closing,
                             String digest, List<Entry> entries) {

    public ReconStatement {
        entries = List.copyOf(entries);
    }

    /** The sequence as a number when it is one, for ordering statements of an account; null otherwise. */
    public Long sequenceNumber() {
        return sequence != null && sequence.matches("\\d{1,18}") ? Long.valueOf(sequence) : null;
    }

    /**
     * One Ntry.
     *
     * @param key            its AcctSvcrRef, else the statement id and its position
     * @param fileReferences the payment files it names (Btch and TxDtls MsgId and PmtInfId)
     * @param reason         AddtlNtryInf: a return's reason as the bank wrote it, if any
     */
    public record Entry(String key, BigDecimal amount, String currency, boolean debit, boolean reversal,
                        String status, LocalDate bookingDate, LocalDate valueDate, String bankReference,
                        String bankTransactionCode, Set<String> fileReferences, String reason,
                        List<Transaction> transactions) {

        public Entry {
            fileReferences = Set.copyOf(fileReferences);
            transactions = List.copyOf(transactions);
        }

        public boolean booked() {
            return "BOOK".equals(status);
        }

        /** The amount as it moves the balance: negative for a debit. */
        public BigDecimal signedAmount() {
            return debit ? amount.negate() : amount;
        }

        /** Each TxDtls carries its own amount (a lone one without takes the entry's). */
        public boolean amountPerTransaction() {
            return !transactions.isEmpty()
                    && (transactions.size() == 1 || transactions.stream().allMatch(t -> t.amount() != null));
        }

        /** The day the entry was booked, else its value date. */
        public LocalDate day() {
            return bookingDate != null ? bookingDate : valueDate;
        }
    }

    /**
     * One TxDtls.
     *
     * @param counterpartyAccount the creditor's account of a debit, the debtor's of a credit
     * @param reason              AddtlTxInf: a return's reason as the bank wrote it, if any
     */
    public record Transaction(String endToEndId, String bankReference, BigDecimal amount, String counterpartyAccount,
                              String reason) {
    }
}
