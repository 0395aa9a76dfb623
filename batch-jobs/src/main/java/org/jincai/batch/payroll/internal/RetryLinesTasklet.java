package org.jincai.batch.payroll.internal;

import org.jincai.batch.payroll.PayrollRun;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code retry-lines}, for a re-run of the failed lines ({@code --retry-failed RUN_ID}): the lines of that run
 * whose payment ended without paying (rejected or failed by the bank), and every valid line of a run whose approval
 * was rejected (none of them was ever made a payment), become
 * this run's lines, under their first line numbers, to be paid again through every step. A line paid, or still on
 * its way, is never taken: the run retried is finished, and each run is retried once (the runs' unique key), so no
 * line is ever paid twice. Nothing to do for a first run.
 */
public class RetryLinesTasklet implements Tasklet {

    private final PayrollServices s;
    private final String runId;

    public RetryLinesTasklet(PayrollServices s, String runId) {
        this.s = s;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PayrollRun run = s.run(runId);
        if (run.retryOf() == null) {
            return RepeatStatus.FINISHED;
        }
        int copied = s.store().jdbc().update("""
                INSERT INTO payroll_line (run_id, line_no, employee_id, employee_name, id_type, id_number, bank_code,
                    account_no, account_name, amount, agency_code, exp_func_code, eco_code, fund_type_code, remark, state)
                SELECT :run, l.line_no, l.employee_id, l.employee_name, l.id_type, l.id_number, l.bank_code, l.account_no,
                       l.account_name, l.amount, l.agency_code, l.exp_func_code, l.eco_code, l.fund_type_code, l.remark,
                       'VALID'
                  FROM payroll_line l JOIN payroll_run r ON r.run_id = l.run_id
                  LEFT JOIN payment p ON p.voucher_id = r.voucher_id AND p.seq = l.line_no
                 WHERE l.run_id = :retried AND l.state = 'VALID'
                   AND (p.payment_id IS NULL AND r.status = 'REJECTED'
                        OR p.status IN ('REJECTED', 'FAILED', 'CANCELLED')
                        OR p.status = 'RECEIPTED' AND NOT EXISTS (SELECT 1 FROM payment_event e
                               WHERE e.payment_id = p.payment_id AND e.to_status = 'PAID'))
                   AND NOT EXISTS (SELECT 1 FROM payroll_line x WHERE x.run_id = :run AND x.line_no = l.line_no)""",
                new MapSqlParameterSource("run", runId).addValue("retried", run.retryOf()));
        contribution.incrementWriteCount(copied);
        return RepeatStatus.FINISHED;
    }
}
