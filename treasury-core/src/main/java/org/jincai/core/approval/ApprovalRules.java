package org.jincai.core.approval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jincai.core.TreasuryException;

/**
 * The approval rules as data (configuration {@code jincai.controls.approval}, docs/budget.md): how a voucher's fund
 * use is told ({@link FundUse}, the first that matches, else {@code defaultFundUse}), and which chain of levels a
 * voucher of that fund use and amount needs ({@link ApprovalRule}, the first that matches). A voucher no rule
 * matches is refused ({@value #APPROVAL_RULE_NOT_FOUND}): a gap in the rules never lets a payment through.
 * {@code enabled} false approves every voucher without a chain (recorded so).
 */
public record ApprovalRules(boolean enabled, List<FundUse> fundUses, String defaultFundUse, List<ApprovalRule> rules) {

    public static final String APPROVAL_RULE_NOT_FOUND = "APPROVAL_RULE_NOT_FOUND";
    public static final String APPROVAL_RULES_INVALID = "APPROVAL_RULES_INVALID";

    /** The roles of the default chains. */
    public static final String DEPARTMENT_HEAD = "DEPARTMENT_HEAD";
    public static final String DIVISION_LEADER = "DIVISION_LEADER";
    public static final String FINANCE_CHIEF = "FINANCE_CHIEF";
    public static final String BUREAU_LEADER = "BUREAU_LEADER";

    public static final String PAYROLL = "PAYROLL";
    public static final String PROCUREMENT = "PROCUREMENT";
    public static final String SPECIAL = "SPECIAL";
    public static final String DAILY = "DAILY";

    public ApprovalRules {
        fundUses = fundUses == null ? List.of() : List.copyOf(fundUses);
        rules = rules == null ? List.of() : List.copyOf(rules);
        defaultFundUse = defaultFundUse == null ? DAILY : defaultFundUse;
    }

    /**
     * The defaults, modelled on practice: payroll (工资, 人员类) one department head; government procurement the
     * division leader then the finance chief; special funds (特定目标类) the division leader then the finance
     * chief, from 1,000,000.00 also the bureau leader, and from 10,000,000.00 (a major project) a filing notice
     * besides; daily expenses (运转类) one department head, from 500,000.00 also the finance chief.
     */
    public static ApprovalRules defaults() {
        return new ApprovalRules(true, defaultFundUses(), DAILY, defaultRules());
    }

    /** No chains: every voucher approved by the hub, recorded as "approval control off". */
    public static ApprovalRules off() {
        return new ApprovalRules(false, defaultFundUses(), DAILY, defaultRules());
    }

    public static List<FundUse> defaultFundUses() {
        return List.of(
                new FundUse(PROCUREMENT, "政府采购", Set.of(), Set.of(), true),
                new FundUse(PAYROLL, "工资 / 人员类", Set.of("3"), Set.of("1"), false),
                new FundUse(SPECIAL, "专项 / 特定目标类", Set.of(), Set.of("3"), false));
    }

    public static List<ApprovalRule> defaultRules() {
        BigDecimal million = new BigDecimal("1000000.00");
        return List.of(
                new ApprovalRule("payroll", PAYROLL, null, null, List.of(DEPARTMENT_HEAD), false),
                new ApprovalRule("procurement", PROCUREMENT, null, null, List.of(DIVISION_LEADER, FINANCE_CHIEF), false),
                new ApprovalRule("major-project", SPECIAL, new BigDecimal("10000000.00"), null,
                        List.of(DIVISION_LEADER, FINANCE_CHIEF, BUREAU_LEADER), true),
                new ApprovalRule("large-special", SPECIAL, million, null,
                        List.of(DIVISION_LEADER, FINANCE_CHIEF, BUREAU_LEADER), false),
                new ApprovalRule("special", SPECIAL, null, null, List.of(DIVISION_LEADER, FINANCE_CHIEF), false),
                new ApprovalRule("large-daily", DAILY, new BigDecimal("500000.00"), null,
                        List.of(DEPARTMENT_HEAD, FINANCE_CHIEF), false),
                new ApprovalRule("daily", DAILY, null, null, List.of(DEPARTMENT_HEAD), false));
    }

    /** The fund use of a voucher: the first {@link FundUse} it matches, else {@link #defaultFundUse()}. */
    public String fundUseOf(VoucherFacts v) {
        return fundUses.stream().filter(f -> f.matches(v)).map(FundUse::name).findFirst().orElse(defaultFundUse);
    }

    /** The first rule for this fund use and amount. */
    public Optional<ApprovalRule> ruleFor(String fundUse, BigDecimal amount) {
        return rules.stream().filter(r -> r.matches(fundUse, amount)).findFirst();
    }

    /**
     * The amounts at which a bigger chain starts (every rule's {@code minAmount}), ascending: what payments split
     * to stay "just under" would aim at.
     */
    public List<BigDecimal> thresholds() {
        return rules.stream().map(ApprovalRule::minAmount).filter(m -> m != null && m.signum() > 0).distinct()
                .sorted().toList();
    }

    /**
     * Refuses rules that cannot work, with {@value #APPROVAL_RULES_INVALID}: a rule without a name or with the
     * name of another, a level without a role, a rule for a fund use nobody defined, an amount range that is
     * empty or negative.
     */
    public ApprovalRules validate() {
        List<String> problems = new ArrayList<>();
        Set<String> uses = new HashSet<>();
        uses.add(defaultFundUse);
        for (FundUse f : fundUses) {
            if (!uses.add(f.name())) {
                problems.add("fund use " + f.name() + " is defined twice");
            }
        }
        Set<String> names = new HashSet<>();
        for (ApprovalRule r : rules) {
            if (r.name().isBlank() || !names.add(r.name())) {
                problems.add("rule '" + r.name() + "' needs a name of its own");
            }
            if (r.fundUse() != null && !uses.contains(r.fundUse())) {
                problems.add("rule " + r.name() + " names fund use " + r.fundUse() + ", which is not defined");
            }
            if (r.levels().stream().anyMatch(l -> l == null || l.isBlank())) {
                problems.add("rule " + r.name() + " has a level without a role");
            }
            if (r.minAmount() != null && r.minAmount().signum() < 0
                    || r.minAmount() != null && r.maxAmount() != null && r.minAmount().compareTo(r.maxAmount()) >= 0) {
                problems.add("rule " + r.name() + " has an empty or negative amount range");
            }
        }
        if (!problems.isEmpty()) {
            throw new TreasuryException(APPROVAL_RULES_INVALID, String.join("; ", problems), "jincai.controls.approval");
        }
        return this;
    }
}
