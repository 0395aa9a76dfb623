package org.jincai.core.report;

import java.math.BigDecimal;

/** Per-bank figures of what was sent and what the bank answered. */
public record BankTotals(String bankCode, int files, int transactions, BigDecimal amount, int accepted, int rejected,
                         int awaitingAnswer) {
}
