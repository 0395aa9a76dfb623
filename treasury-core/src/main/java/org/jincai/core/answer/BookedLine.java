package org.jincai.core.answer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One booked line of a bank statement as the hub keeps it: the entry's key (AcctSvcrRef, else statement id
 * and entry position), the transaction's position inside a batch entry, and what the bank booked.
 * {@code endToEndId} links it to a payment when the bank reports it.
 */
public record BookedLine(String entryKey, int txSeq, String endToEndId, BigDecimal amount, String currency,
                         String creditDebit, LocalDate bookingDate, LocalDate valueDate, boolean reversal,
                         String bankReference) {
}
