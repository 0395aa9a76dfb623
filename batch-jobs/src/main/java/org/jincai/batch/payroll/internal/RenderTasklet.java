package org.jincai.batch.payroll.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.TreasuryException;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.release.ReleaseService.PlannedFile;
import org.jincai.core.release.StagedFile;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The worker of step {@code render} for one partition: consecutive files of one bank, decided by {@link RenderPlan}
 * before rendering. Each call stages the partition's next file whose batch is not recorded yet through
 * {@link org.jincai.core.release.ReleaseService#stageBorn}, the hub's release path, streaming: the file's lines read
 * through a cursor and rendered in the bank's format and character set into {@code <name>.part}, then, in one
 * transaction, the batch and delivery recorded and the file's payments born RELEASED in it ({@link LineBirths}: their
 * reservations drawn from the run's budget holds, one event each naming the run's approval), then the file renamed
 * for the upload route. Memory is one credit and the writer's buffers, whatever the size of the file or the run. The
 * batch id is the run's id, the bank's number in the run and the file's number in the plan, so a file lost to a
 * crash before its record is built again under the same batch id, credits and payment ids (the same name while the
 * bank's execution date is the same), and one recorded is never built
 * again (its batch is recorded), nor its payments born twice. A partition first takes over its own files that
 * another node staged and never began to send ({@link org.jincai.core.release.ReleaseService#restageBatches}: exactly
 * its batches, none of another partition's): the files of its worker lost mid-partition, when the partition is sent
 * again to this node's worker ({@link org.jincai.batch.payroll.remote.RemotePartitions}) or run again by a restart.
 * Each file is recorded only while the partition is still this worker's: the transaction recording it first locks
 * the partition's step execution and checks its version is the one this worker last wrote, so a worker taken for
 * lost (a long pause) whose partition was sent to another never records a file beside it.
 */
public class RenderTasklet implements Tasklet {

    private static final String DONE = "payroll.render.done";

    private final PayrollServices s;
    private final String runId;
    private final String bankCode;
    private final int bankIndex;
    private final List<PlannedFile> files;
    private boolean tookOver;
    private String approval;

    public RenderTasklet(PayrollServices s, String runId, String bankCode, int bankIndex, String files) {
        this.s = s;
        this.runId = runId;
        this.bankCode = bankCode;
        this.bankIndex = bankIndex;
        this.files = RenderPlan.decode(files);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PayrollRun run = s.run(runId);
        BankProfile bank = s.banks().require(bankCode);
        StepExecution step = chunk.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        if (!tookOver) {
            s.release().restageBatches(files.stream().map(f -> RenderPlan.batchId(runId, bankIndex, f.number()))
                    .toList(), PayrollServices.ACTOR);
            tookOver = true;
        }
        int next = context.getInt(DONE, 0);
        while (next < files.size()) {
            PlannedFile file = files.get(next++);
            Optional<StagedFile> staged = s.release().stageBorn(bank, RenderPlan.batchId(runId, bankIndex,
                    file.number()), file, BudgetTasklet.payer(s, bank).name(), new LineBirths(s, run, bank, file,
                    approval(run)), PayrollServices.ACTOR, () -> stillHeld(step));
            context.putInt(DONE, next);
            if (staged.isPresent()) {
                contribution.incrementWriteCount(staged.get().transactions());
                s.progress().report(runId, String.format("render %s %d-%d", bankCode, files.get(0).number(),
                        files.get(files.size() - 1).number()), next, files.size());
                return next < files.size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
            }
        }
        return RepeatStatus.FINISHED;
    }

    /** How the run was approved, for its payments' trail: who decided its approval, or the hub. */
    private String approval(PayrollRun run) {
        if (approval == null) {
            if (run.approvalId() == null) {
                approval = "approved with the run by the hub, no approver asked for";
            } else {
                ApprovalView view = s.approvals().find(run.approvalId(), Actor.system(PayrollServices.ACTOR,
                        AuditEntry.Channel.SYSTEM));
                approval = "approved with the run by " + view.levels().stream().map(ApprovalView.Level::decidedBy)
                        .collect(Collectors.joining(", "));
            }
        }
        return approval;
    }

    /**
     * In the transaction recording a file: the partition's step execution, locked, still has the version this worker
     * last wrote — the manager has not sent it to another worker meanwhile, taking this one's node for lost.
     *
     * @throws TreasuryException {@value PayrollCodes#PAYROLL_PARTITION_TAKEN} when it has: the file is not recorded
     */
    private void stillHeld(StepExecution step) {
        Long version = s.store().jdbc().queryForObject("SELECT VERSION FROM BATCH_STEP_EXECUTION"
                + " WHERE STEP_EXECUTION_ID = :id FOR UPDATE", Map.of("id", step.getId()), Long.class);
        if (version == null || version.longValue() != step.getVersion().longValue()) {
            throw new TreasuryException(PayrollCodes.PAYROLL_PARTITION_TAKEN, "partition " + step.getStepName()
                    + " of run " + runId + " was sent to another worker, this node taken for lost: this worker's file"
                    + " is not recorded", runId);
        }
    }
}
