package org.jincai.batch.payroll.internal;

import java.util.Optional;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.release.StagedFile;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The worker of step {@code render} for one bank (one partition): each call stages the run's next approved payments
 * for the bank that are in no file — as many as one file may carry by the bank's limits of count and amount —
 * as one file through {@link org.jincai.core.release.ReleaseService#stageNext}, the hub's release path, streaming:
 * the credits read from the database through a cursor and rendered in the bank's format and character set into
 * {@code <name>.part}, recorded (batch, delivery, payments RELEASED by one conditional update) in its own
 * transaction, then renamed for the upload route. Memory is one credit and the writer's buffers, whatever the size
 * of the file or the run. The batch id is the run's id, the bank's number in the run and the file's number,
 * so a file lost to a crash before its record is built again under the same name, and one recorded is never built
 * again (its payments are in a file).
 */
public class RenderTasklet implements Tasklet {

    private static final String DONE = "payroll.render.done";
    private static final String TOTAL = "payroll.render.total";

    private final PayrollServices s;
    private final String runId;
    private final String bankCode;
    private final int bankIndex;

    public RenderTasklet(PayrollServices s, String runId, String bankCode, int bankIndex) {
        this.s = s;
        this.runId = runId;
        this.bankCode = bankCode;
        this.bankIndex = bankIndex;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PayrollRun run = s.run(runId);
        BankProfile bank = s.banks().require(bankCode);
        String prefix = batchPrefix(runId, bankIndex);
        Integer files = s.store().jdbc().queryForObject("SELECT COUNT(*) FROM bank_delivery WHERE batch_id LIKE :p",
                new MapSqlParameterSource("p", prefix + "%"), Integer.class);
        String batchId = prefix + String.format("%03d", (files == null ? 0 : files) + 1);
        ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
        if (!context.containsKey(TOTAL)) {
            context.putLong(TOTAL, count(run, "bank_code = :b AND status = 'APPROVED'"));
        }
        Optional<StagedFile> next = s.release().stageNext(bank, batchId, run.voucherId(), PayrollServices.ACTOR);
        if (next.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        StagedFile staged = next.get();
        contribution.incrementWriteCount(staged.transactions());
        long done = context.getLong(DONE, 0) + staged.transactions();
        context.putLong(DONE, done);
        s.progress().report(runId, "render " + bankCode, done, context.getLong(TOTAL));
        return RepeatStatus.CONTINUABLE;
    }

    /** The run's batches for one bank start with this. */
    static String batchPrefix(String runId, int bankIndex) {
        return runId + String.format("%02d", bankIndex);
    }

    private long count(PayrollRun run, String condition) {
        Long n = s.store().jdbc().queryForObject("SELECT COUNT(*) FROM payment WHERE voucher_id = :v AND " + condition,
                new MapSqlParameterSource("v", run.voucherId()).addValue("b", bankCode), Long.class);
        return n == null ? 0 : n;
    }
}
