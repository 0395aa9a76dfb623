package org.jincai.bank.layout;

import java.time.LocalDate;

/**
 * The header record of a fixed-width file: {@code H}, message id (the file's batch number), processing
 * date, payer account and payer name.
 */
public record FixedHeader(String messageId, LocalDate processingDate, String payerAccount, String payerName) {
}
