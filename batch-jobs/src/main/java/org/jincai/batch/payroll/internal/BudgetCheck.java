package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.PlanKey;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The run's totals against the budget before anything is reserved: each (agency, subject) total of the valid
 * lines against its indicator's available amount and, with plan control, each (agency, fund type) total against
 * the month's plan. A run the budget cannot carry is refused whole, every short subject named: better than half a
 * payroll reserved. The reservations themselves are still the conditional updates of the budget control, which
 * never overspend whatever runs beside this job.
 */
final class BudgetCheck {

    private final PayrollServices s;

    BudgetCheck(PayrollServices s) {
        this.s = s;
    }

    /** Refuses the run when the budget cannot carry {@code needs}: one total per (agency, subject) of its lines. */
    void require(PayrollRun run, List<BudgetControl.Need> needs) {
        List<String> shortOf = new ArrayList<>();
        for (BudgetControl.Need n : needs) {
            check("budget_indicator", "subject_key", n.subject().key(), n.amount(), "indicator " + n.subject(),
                    shortOf);
        }
        if (s.budget().options().planControl()) {
            Map<PlanKey, BigDecimal> plans = new LinkedHashMap<>();
            needs.forEach(n -> plans.merge(n.plan(), n.amount(), BigDecimal::add));
            plans.forEach((plan, total) -> check("budget_plan", "plan_key", plan.key(), total, "plan " + plan,
                    shortOf));
        }
        if (!shortOf.isEmpty()) {
            throw new PayrollException(PayrollCodes.PAYROLL_BUDGET_REFUSED, "the budget cannot carry this payroll: "
                    + String.join("; ", shortOf) + ". Nothing was reserved; add the budget, then restart the run",
                    "run " + run.runId());
        }
    }

    private void check(String table, String keyColumn, String key, BigDecimal need, String what, List<String> shortOf) {
        List<BigDecimal> available = s.store().jdbc().queryForList("SELECT approved - reserved - spent FROM " + table
                + " WHERE " + keyColumn + " = :key", new MapSqlParameterSource("key", key), BigDecimal.class);
        if (available.isEmpty()) {
            shortOf.add("no " + what + " for " + need.toPlainString() + " CNY");
        } else if (available.get(0).compareTo(need) < 0) {
            shortOf.add(what + " has " + available.get(0).toPlainString() + " CNY available, the run needs "
                    + need.toPlainString());
        }
    }
}
