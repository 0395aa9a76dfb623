package org.jincai.server.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A voucher as taken in: its key (AdmDivCode, StYear, VtCode, VoucherNo, VoucherFlag), date, agency (预算单位), paying
 * bank and account, amount (PayAmt) and number of details, who sent it from where and when, and how many of its
 * payments the banks have paid (PAID or later, booked) so far.
 */
public record VoucherRow(String voucherId, String admDivCode, String stYear, String vtCode, String voucherNo,
                         int voucherFlag, LocalDate vouDate, String agencyCode, String agencyName, String payBankCode,
                         String bankCode, String payAcctNo, String payAcctName, BigDecimal payAmt, int detailCount,
                         String financeSystem, String source, String receivedBy, Instant receivedAt, int paymentsPaid) {
}
