package org.jincai.server.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A voucher's approval chain as a list shows it: the voucher, amount and fund use, the rule that picked the chain,
 * who submitted it, its status and the level it stands at out of how many; its levels are on the chain itself
 * ({@code GET /api/v1/approvals/{id}}).
 */
public record ApprovalRow(String approvalId, String voucherId, String voucherNo, String admDivCode, String agencyCode,
                          BigDecimal amount, String fundUse, String rule, boolean filing, String submitter,
                          String status, int levels, int currentLevel, Instant createdAt, Instant decidedAt,
                          String decisionReason) {
}
