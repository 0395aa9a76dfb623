package org.jincai.batch.payroll.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.Ids;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.batch.payroll.PayrollSummary;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step {@code outputs}: every line has its result; the run's outputs are written under
 * {@code <home>/jobs/payroll/<run id>/} ({@link PayrollReport}), the run is COMPLETED — REJECTED when its approval
 * was, every line cancelled — and its voucher answered (the summary is the payroll's answer). Done again after a crash, it writes the same files again from the database.
 */
public class OutputsTasklet implements Tasklet {

    private final PayrollServices s;
    private final String runId;
    private final TransactionTemplate tx;

    public OutputsTasklet(PayrollServices s, String runId, TransactionTemplate tx) {
        this.s = s;
        this.runId = runId;
        this.tx = tx;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PayrollRun run = s.run(runId);
        boolean rejected = rejected(run);
        if (run.voucherId() != null) {
            // every line has its payment by now, or none will (a rejected run): the holds' remainder goes back
            tx.executeWithoutResult(t -> s.budget().releaseHeld(run.voucherId(), PayrollServices.ACTOR,
                    "payroll run " + runId + (rejected ? " rejected" : " ended") + ": what no payment drew"));
        }
        s.store().status(runId, rejected ? PayrollRun.Status.REJECTED : PayrollRun.Status.COMPLETED);
        PayrollSummary summary = new PayrollReport(s).write(runId, s.outputs(runId));
        answer(summary, rejected);
        s.progress().report(runId, "outputs", summary.rowsRead(), summary.rowsRead());
        return RepeatStatus.FINISHED;
    }

    /** Whether the run's approval was rejected: none of its lines has a payment, each is CANCELLED. */
    private boolean rejected(PayrollRun run) {
        return run.approvalId() != null && !s.store().jdbc().queryForList(
                "SELECT 1 FROM approval WHERE approval_id = :a AND status = 'REJECTED'",
                new MapSqlParameterSource("a", run.approvalId()), Integer.class).isEmpty();
    }

    /**
     * The run's voucher answered, once: a payroll's answer is its outputs (summary.json kept as the answer), so the
     * hub counts the voucher settled and answered like any other; a rejected run's as a return (VoucherFlag 2).
     */
    private void answer(PayrollSummary summary, boolean rejected) {
        PayrollRun run = s.run(runId);
        if (run.voucherId() == null) {
            return;
        }
        s.store().jdbc().update("""
                INSERT INTO voucher_answer (answer_id, voucher_id, voucher_flag, file_name, envelope, paid_amount,
                    created_at)
                SELECT :id, v.voucher_id, :flag, :name, :envelope, :paid, :now FROM voucher v
                 WHERE v.voucher_id = :v AND NOT EXISTS (SELECT 1 FROM voucher_answer a WHERE a.voucher_id = :v)""",
                new MapSqlParameterSource("id", Ids.newId()).addValue("v", run.voucherId())
                        .addValue("flag", rejected ? VoucherBody.FLAG_RETURN : VoucherBody.FLAG_RECEIPT).addValue("name", "jobs/payroll/" + runId + "/" + PayrollReport.SUMMARY)
                        .addValue("envelope", summary.toJson().getBytes(StandardCharsets.UTF_8))
                        .addValue("paid", summary.all().paidAmount())
                        .addValue("now", Timestamp.from(s.clock().instant())));
    }
}
