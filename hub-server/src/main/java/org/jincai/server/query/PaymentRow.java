package org.jincai.server.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment (one credit of a voucher) as it stands: its voucher, agency, payer and payee, amount, status, the
 * batch and bank file that carried it, what the bank said of it (reason code and text, reference, paid date).
 */
public record PaymentRow(String paymentId, String voucherId, String voucherNo, String admDivCode, String agencyCode,
                         int seq, String detailId, String bankCode, String payAcctNo, String payeeAcctNo,
                         String payeeAcctName, String payeeBankName, BigDecimal amount, String currency,
                         String remittance, String status, String batchId, String deliveryId, String bankReasonCode,
                         String bankReasonText, String bankReference, LocalDate paidDate, Instant createdAt,
                         Instant updatedAt) {
}
