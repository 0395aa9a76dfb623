package org.jincai.server.controls;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jincai.core.approval.ApprovalRule;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.controls.FiscalControls;
import org.jincai.core.risk.RiskService;
import org.jincai.server.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Says at every start which fiscal controls run, and warns of what an operator must know: a control that is off
 * (payments then pass it unchecked, each event saying so), and an approval role no configured user holds (the
 * vouchers whose chain needs it wait until someone who holds it signs in).
 */
@Component
class ControlsReport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ControlsReport.class);

    private final FiscalControls controls;
    private final BudgetControl budget;
    private final ApprovalRules rules;
    private final RiskService risk;
    private final HubProperties props;

    ControlsReport(FiscalControls controls, BudgetControl budget, ApprovalRules rules, RiskService risk,
                   HubProperties props) {
        this.controls = controls;
        this.budget = budget;
        this.rules = rules;
        this.risk = risk;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("fiscal controls: {}", controls.describe());
        if (!budget.options().enabled()) {
            log.warn("budget control is OFF (jincai.controls.budget.enabled): payments are not checked against budgets");
        }
        if (!rules.enabled()) {
            log.warn("approval control is OFF (jincai.controls.approval.enabled): the hub approves every voucher itself");
        }
        if (!risk.options().enabled()) {
            log.warn("risk rules are OFF (jincai.controls.risk.enabled)");
        }
        for (String role : unheldRoles()) {
            log.warn("no user in jincai.users holds approval role {}: vouchers whose chain needs it wait for a caller"
                    + " who holds it", role);
        }
    }

    /** The roles the chains may need (every rule's levels and the hold's) that no configured user holds. */
    Set<String> unheldRoles() {
        Set<String> needed = new LinkedHashSet<>();
        if (rules.enabled()) {
            rules.rules().stream().map(ApprovalRule::levels).forEach(needed::addAll);
            if (risk.options().enabled()) {
                needed.add(risk.options().holdRole());
            }
        }
        props.users().forEach(u -> needed.removeAll(u.roles()));
        return needed;
    }
}
