package org.jincai.core.controls;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.core.approval.ApprovalRule;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.FundUse;
import org.jincai.core.budget.BudgetOptions;
import org.jincai.core.risk.RiskOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fiscal controls' configuration, {@code jincai.controls} (docs/budget.md): budget control, the approval rules
 * and the risk rules. Everything left out takes its default — all three controls on, the default rules of
 * {@link ApprovalRules#defaults()} and {@link RiskOptions#defaults()}.
 */
@ConfigurationProperties("jincai.controls")
public record ControlsProperties(Budget budget, Approval approval, RiskOptions risk) {

    public ControlsProperties {
        budget = budget == null ? new Budget(null, null, null) : budget;
        approval = approval == null ? new Approval(null, null, null, null) : approval;
        risk = risk == null ? RiskOptions.defaults() : risk;
    }

    /** {@code jincai.controls.budget}: enabled, plan-control, warning-threshold. */
    public record Budget(Boolean enabled, Boolean planControl, BigDecimal warningThreshold) {

        public BudgetOptions options() {
            return new BudgetOptions(enabled == null || enabled, planControl == null || planControl, warningThreshold);
        }
    }

    /**
     * {@code jincai.controls.approval}: enabled, fund-uses, default-fund-use, rules — the lists replace the defaults
     * whole when given.
     */
    public record Approval(Boolean enabled, List<FundUse> fundUses, String defaultFundUse, List<ApprovalRule> rules) {

        public ApprovalRules approvalRules() {
            return new ApprovalRules(enabled == null || enabled,
                    fundUses == null ? ApprovalRules.defaultFundUses() : fundUses, defaultFundUse,
                    rules == null ? ApprovalRules.defaultRules() : rules).validate();
        }
    }
}
