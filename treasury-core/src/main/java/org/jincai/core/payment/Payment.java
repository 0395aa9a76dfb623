package org.jincai.core.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The canonical payment instruction: one credit from a payer (zero-balance) account to one payee,
 * born from one voucher detail (or a header-only voucher). {@code paymentId} is the EndToEndId the
 * bank sees; {@code paidDate} and {@code bankReference} are what the bank reported when it paid
 * (XPayDate and XAgentBusinessNo on the receipt).
 */
public record Payment(
        String paymentId,
        String voucherId,
        int seq,
        String detailId,
        String bankCode,
        String payAcctNo,
        String payAcctName,
        String payeeAcctNo,
        String payeeAcctName,
        String payeeBankName,
        String payeeBankNo,
        BigDecimal amount,
        String currency,
        String remittance,
        PaymentStatus status,
        String batchId,
        String deliveryId,
        String bankReasonCode,
        String bankReasonText,
        LocalDate paidDate,
        String bankReference) {
}
