package org.jincai.bank.file;

import java.time.LocalDate;

/**
 * What a payment file says besides its credits: its name, bank, message id, execution date and the payer. With a
 * {@link CreditSource} it is a file a writer renders streaming ({@link BankFileWriter#write(FileHead, CreditSource,
 * java.io.OutputStream)}).
 */
public record FileHead(
        String fileName,
        String bankCode,
        String messageId,
        LocalDate executionDate,
        String payerAccount,
        String payerName,
        String payerBankNo) {
}
