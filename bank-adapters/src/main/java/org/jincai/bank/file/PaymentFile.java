package org.jincai.bank.file;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The content of one payment file for one bank: one payer account debited on one execution date.
 * {@code fileName} is deterministic (see the profile's pattern) so a retry never makes a second name;
 * {@code messageId} identifies the file inside its content (pain.001 MsgId, a layout's batch number).
 */
public record PaymentFile(
        String fileName,
        String bankCode,
        String messageId,
        LocalDate executionDate,
        String payerAccount,
        String payerName,
        String payerBankNo,
        List<OutboundCredit> credits) {

    public PaymentFile {
        credits = List.copyOf(credits);
    }

    /** The file without its credits. */
    public FileHead head() {
        return new FileHead(fileName, bankCode, messageId, executionDate, payerAccount, payerName, payerBankNo);
    }

    public BigDecimal totalAmount() {
        return credits.stream().map(OutboundCredit::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
