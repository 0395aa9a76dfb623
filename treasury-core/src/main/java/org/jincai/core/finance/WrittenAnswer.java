package org.jincai.core.finance;

import java.math.BigDecimal;

/**
 * A receipt (回单, VoucherFlag 1) or return (退回, VoucherFlag 2) the hub wrote back for a voucher, and where
 * it was staged ({@code financeSystem} null when no finance system serves the voucher's AdmDivCode: the
 * answer is then only served by the API).
 */
public record WrittenAnswer(String voucherId, String voucherNo, String financeSystem, int voucherFlag, String fileName,
                            BigDecimal paidAmount) {
}
