package org.jincai.batch.payroll.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.Ids;
import org.jincai.batch.payroll.PayrollSummary;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code outputs}: every line has its result; the run's outputs are written under
 * {@code <home>/jobs/payroll/<run id>/} ({@link PayrollReport}), the run is COMPLETED and its voucher answered (the
 * summary is the payroll's answer). Done again after a crash, it writes the same files again from the database.
 */
public class OutputsTasklet implements Tasklet {

    private final PayrollServices s;
    private final String runId;

    public OutputsTasklet(PayrollServices s, String runId) {
        this.s = s;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        s.store().status(runId, PayrollRun.Status.COMPLETED);
        PayrollSummary summary = new PayrollReport(s).write(runId, s.outputs(runId));
        answer(summary);
        s.progress().report(runId, "outputs", summary.rowsRead(), summary.rowsRead());
        return RepeatStatus.FINISHED;
    }

    /**
     * The run's voucher answered, once: a payroll's answer is its outputs (summary.json kept as the answer), so the
     * hub counts the voucher settled and answered like any other.
     */
    private void answer(PayrollSummary summary) {
        PayrollRun run = s.run(runId);
        if (run.voucherId() == null) {
            return;
        }
        s.store().jdbc().update("""
                INSERT INTO voucher_answer (answer_id, voucher_id, voucher_flag, file_name, envelope, paid_amount,
                    created_at)
                SELECT :id, v.voucher_id, 1, :name, :envelope, :paid, :now FROM voucher v
                 WHERE v.voucher_id = :v AND NOT EXISTS (SELECT 1 FROM voucher_answer a WHERE a.voucher_id = :v)""",
                new MapSqlParameterSource("id", Ids.newId()).addValue("v", run.voucherId())
                        .addValue("name", "jobs/payroll/" + runId + "/" + PayrollReport.SUMMARY)
                        .addValue("envelope", summary.toJson().getBytes(StandardCharsets.UTF_8))
                        .addValue("paid", summary.all().paidAmount())
                        .addValue("now", Timestamp.from(s.clock().instant())));
    }
}
