package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Line 1 of a pipe file: {@code H|messageId|processingDate|unitNumber|payerName|CNY|totalCount|totalAmount}.
 * The unit number (单位编号) is the payer's account; count and amount are the integrity check of the
 * whole file.
 */
public record PipeSummary(
        String messageId,
        LocalDate processingDate,
        String unitNumber,
        String payerName,
        int totalCount,
        BigDecimal totalAmount) {

    /** The only currency the layout carries. */
    public static final String CURRENCY = "CNY";

    /** The same summary with count and total replaced. */
    public PipeSummary withTotals(int count, BigDecimal amount) {
        return new PipeSummary(messageId, processingDate, unitNumber, payerName, count, amount);
    }
}
