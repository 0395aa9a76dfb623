package org.jincai.core.approval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One approval rule: for vouchers of {@code fundUse} (any fund use when null) whose amount is at least
 * {@code minAmount} (when given) and below {@code maxAmount} (when given), the ordered chain of {@code levels},
 * each a role one approver must hold; {@code filing} adds a filing notice (备案) to the finance department once the
 * chain has approved. An empty chain means the hub approves without a person (recorded as such).
 */
public record ApprovalRule(String name, String fundUse, BigDecimal minAmount, BigDecimal maxAmount,
                           List<String> levels, boolean filing) {

    public ApprovalRule {
        Objects.requireNonNull(name, "name");
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public boolean matches(String use, BigDecimal amount) {
        return (fundUse == null || fundUse.equals(use))
                && (minAmount == null || amount.compareTo(minAmount) >= 0)
                && (maxAmount == null || amount.compareTo(maxAmount) < 0);
    }
}
