package org.jincai.core.alert;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stored alert: which rule raised it ({@link AlertRules}), whether it holds its voucher for one more
 * approval, what it is about (voucher, payment, account, amount, in which division and agency), what it says,
 * and — once acknowledged — by whom, when and why.
 */
public record Alert(String alertId, String rule, Status status, boolean hold, String voucherId, String voucherNo,
                    String paymentId, String admDivCode, String agencyCode, String accountNo, BigDecimal amount,
                    String detail, Instant raisedAt, String ackedBy, Instant ackedAt, String ackReason) {

    /** An alert is OPEN until someone acknowledges it with a reason. */
    public enum Status { OPEN, ACKNOWLEDGED }
}
