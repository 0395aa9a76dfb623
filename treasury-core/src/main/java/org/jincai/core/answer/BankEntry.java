package org.jincai.core.answer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One entry of a bank's statement (camt.053) or debit/credit notification (camt.054) as the hub applies it.
 *
 * @param key            the entry's own key: its AcctSvcrRef, else the statement id and its position
 * @param status         the entry's status as the bank gave it ({@code BOOK}, {@code PDNG}, {@code INFO});
 *                       null when the entry carried none. Only {@code BOOK} pays a payment
 * @param amount         what the entry booked, in total
 * @param creditDebit    {@code DBIT} or {@code CRDT}
 * @param bankReference  the bank's reference for the booking (XAgentBusinessNo on the receipt); null when none
 * @param fileReferences the payment files the entry names: Btch MsgId and PmtInfId, TxDtls Refs MsgId and
 *                       PmtInfId (the hub writes its file's message id in both)
 * @param transactions   its TxDtls, in order; empty when the bank gave none
 */
public record BankEntry(String key, String status, BigDecimal amount, String currency, String creditDebit,
                        LocalDate bookingDate, LocalDate valueDate, boolean reversal, String bankReference,
                        Set<String> fileReferences, List<Transaction> transactions) {

    /** The status of an entry that is booked on the account. */
    public static final String BOOKED = "BOOK";

    public BankEntry {
        fileReferences = Set.copyOf(fileReferences);
        transactions = List.copyOf(transactions);
    }

    /**
     * One TxDtls of an entry.
     *
     * @param amount its own amount; null when the bank gave none (a batch booked as a whole)
     */
    public record Transaction(String endToEndId, BigDecimal amount, String currency, String creditDebit,
                              String bankReference) {
    }

    public boolean booked() {
        return BOOKED.equals(status);
    }

    /** The entry's transactions each carry an amount (a lone TxDtls without one takes the entry's). */
    boolean amountPerTransaction() {
        if (transactions.isEmpty()) {
            return false;
        }
        return transactions.size() == 1 || transactions.stream().allMatch(t -> t.amount() != null);
    }
}
