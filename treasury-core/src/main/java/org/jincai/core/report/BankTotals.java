package org.jincai.core.report;

import java.math.BigDecimal;

/**
 * Per-bank figures of what was sent and what the bank answered: {@code accepted} counts the payments the
 * bank said yes to (paid or not yet booked), {@code paid} those it reported paid (a settling return file
 * or a statement booking), {@code rejected} those it refused, {@code awaitingAnswer} those it has not
 * answered yet.
 */
public record BankTotals(String bankCode, int files, int transactions, BigDecimal amount, int accepted, int paid,
                         int rejected, int awaitingAnswer) {
}
