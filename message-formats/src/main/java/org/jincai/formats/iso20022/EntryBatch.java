package org.jincai.formats.iso20022;

import java.math.BigDecimal;

/**
 * {@code NtryDtls/Btch}: the batch an entry books as one amount (batch booking), naming the original
 * payment message and payment information block and how many transactions it held.
 */
public record EntryBatch(String messageId, String paymentInformationId, Integer numberOfTransactions,
        BigDecimal totalAmount, String currency, CreditDebit creditDebit) {
}
