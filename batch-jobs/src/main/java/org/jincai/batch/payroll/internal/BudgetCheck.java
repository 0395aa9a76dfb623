package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.budget.BudgetSubject;
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

    void require(PayrollRun run) {
        YearMonth month = YearMonth.parse(run.month());
        String year = String.valueOf(month.getYear());
        List<String> shortOf = new ArrayList<>();
        s.store().jdbc().query("""
                SELECT agency_code, exp_func_code, eco_code, fund_type_code, SUM(amount) FROM payroll_line
                 WHERE run_id = :run AND state = 'VALID'
                 GROUP BY agency_code, exp_func_code, eco_code, fund_type_code""",
                new MapSqlParameterSource("run", run.runId()), rs -> {
                    BudgetSubject subject = new BudgetSubject(run.admDivCode(), year, rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), null);
                    check("budget_indicator", "subject_key", subject.key(), rs.getBigDecimal(5), "indicator " + subject,
                            shortOf);
                });
        if (s.budget().options().planControl()) {
            s.store().jdbc().query("""
                    SELECT agency_code, fund_type_code, SUM(amount) FROM payroll_line
                     WHERE run_id = :run AND state = 'VALID' GROUP BY agency_code, fund_type_code""",
                    new MapSqlParameterSource("run", run.runId()), rs -> {
                        PlanKey plan = new PlanKey(run.admDivCode(), year, month.getMonthValue(), rs.getString(1),
                                rs.getString(2));
                        check("budget_plan", "plan_key", plan.key(), rs.getBigDecimal(3), "plan " + plan, shortOf);
                    });
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
