package org.jincai.core.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One voucher's approval as an approver or an auditor reads it: the voucher, its amount and fund use, the rule
 * that picked the chain, who submitted it, where the chain stands, and every level with its decision.
 */
public record ApprovalView(String approvalId, String voucherId, String voucherNo, String admDivCode, String agencyCode,
                           BigDecimal amount, String fundUse, String rule, boolean filing, String submitter,
                           Status status, int currentLevel, Instant createdAt, Instant decidedAt, String decisionReason,
                           List<Level> levels) {

    /** PENDING while a level waits; APPROVED when the last level approved; REJECTED when any level rejected. */
    public enum Status { PENDING, APPROVED, REJECTED }

    /** A level of the chain: RULE from the approval rules, RISK_HOLD added by a risk rule's hold. */
    public record Level(int levelNo, String role, String kind, String note, String decision, String decidedBy,
                        String channel, Instant decidedAt, String comment) {
    }

    /** The level waiting for a decision, if the chain is pending. */
    public Level waiting() {
        return status == Status.PENDING ? levels.get(currentLevel - 1) : null;
    }
}
