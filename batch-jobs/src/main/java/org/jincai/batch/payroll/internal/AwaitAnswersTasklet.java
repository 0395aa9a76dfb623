package org.jincai.batch.payroll.internal;

import java.time.Instant;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.TableStatistics;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code answers}: waits while the hub's own routes deliver the staged files (the outbound route, at most once)
 * and apply the banks' answers (the inbound route and the answer service) — this job uploads and reads nothing
 * itself. It looks every {@code answer-poll} until every payment of the run is settled (paid, rejected, failed,
 * cancelled); past {@code answer-wait} it ends {@value #AWAITING_ANSWERS} and the run stops, to be restarted (it
 * then waits again from here).
 */
public class AwaitAnswersTasklet implements Tasklet {

    public static final String AWAITING_ANSWERS = "AWAITING_ANSWERS";
    /** The states in which a payment of a payroll has its result. */
    static final String SETTLED = "'PAID', 'REJECTED', 'FAILED', 'RECEIPTED', 'RECONCILED', 'RETURNED', 'CANCELLED'";
    private static final String DEADLINE = "payroll.answers.deadline";

    private final PayrollServices s;
    private final String runId;
    private boolean sampled;

    public AwaitAnswersTasklet(PayrollServices s, String runId) {
        this.s = s;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws InterruptedException {
        PayrollRun run = s.run(runId);
        if (run.voucherId() == null) {
            return RepeatStatus.FINISHED;
        }
        if (!sampled) {
            // the payments the render has just born, counted before they are read (PostgreSQL)
            TableStatistics.refresh(s.store().jdbc(), "payment", "payment_event", "budget_reservation");
            sampled = true;
        }
        MapSqlParameterSource v = new MapSqlParameterSource("v", run.voucherId());
        Long open = s.store().jdbc().queryForObject("SELECT COUNT(*) FROM payment WHERE voucher_id = :v AND status NOT IN ("
                + SETTLED + ")", v, Long.class);
        Long all = s.store().jdbc().queryForObject("SELECT COUNT(*) FROM payment WHERE voucher_id = :v", v, Long.class);
        s.progress().report(runId, "answers", all - open, all);
        if (open == 0) {
            return RepeatStatus.FINISHED;
        }
        ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
        long now = s.clock().millis();
        if (!context.containsKey(DEADLINE)) {
            context.putLong(DEADLINE, now + s.props().answerWait().toMillis());
            s.store().status(runId, PayrollRun.Status.AWAITING_ANSWERS);
        }
        if (now >= context.getLong(DEADLINE)) {
            contribution.setExitStatus(new ExitStatus(AWAITING_ANSWERS, open + " payment(s) without the bank's answer"
                    + " at " + Instant.ofEpochMilli(now)));
            return RepeatStatus.FINISHED;
        }
        Thread.sleep(s.props().answerPoll().toMillis());
        return RepeatStatus.CONTINUABLE;
    }
}
