package org.jincai.batch.payroll.internal;

import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.payroll.PayrollSummary;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step {@code outputs}: every line has its result; the run's outputs are written under
 * {@code <home>/jobs/payroll/<run id>/} ({@link PayrollReport}) and the run is COMPLETED. Done again after a crash,
 * it writes the same files again from the database.
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
        s.progress().report(runId, "outputs", summary.rowsRead(), summary.rowsRead());
        return RepeatStatus.FINISHED;
    }
}
