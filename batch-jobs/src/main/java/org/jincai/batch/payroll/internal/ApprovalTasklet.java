package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.batch.payroll.PayrollApprovers;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.TableStatistics;
import org.jincai.core.approval.ApprovalRule;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlException;
import org.jincai.core.payment.PaymentStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code approval}: one approval for the whole run, through the hub's approval workflow. The rules pick the
 * chain for fund use PAYROLL and the run's total (by default one department head); the chain is opened once on
 * the run's voucher, and {@code --approve-as USER} decides the level waiting as that user (maker-checker: never
 * the run's submitter). Its last approval decides the chain in one transaction; the step then moves the run's
 * payments to APPROVED a chunk per commit (one statement per chunk), so no transaction holds the whole run's moves.
 * While the chain waits the step ends {@value #AWAITING_APPROVAL} and the run stops; restarting it (after an approver
 * acted through the approvals API or CLI) comes back here. A rejection cancels the run's payments a chunk per commit
 * in the rejection call itself ({@link ApprovalService#reject}); when that was interrupted between two chunks (a
 * crash), the step cancels what is left the same way, a chunk per commit with its budget released, then ends
 * {@value #REJECTED}: the run goes straight to its outputs and ends REJECTED, every line CANCELLED. A run no rule
 * asks an approver for (approval control off, or a chain of no level) is approved by the hub, a chunk per commit,
 * and recorded so in the audit trail.
 */
public class ApprovalTasklet implements Tasklet {

    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    /** The step's exit code when the chain was rejected: the run goes straight to its outputs. */
    public static final String REJECTED = "REJECTED";
    /** The number of the last payment of the last chunk moved (approved, by the chain or the hub): the next is after. */
    private static final String AFTER = "payroll.approval.after";
    /** The same for a rejected run's chunks cancelled. */
    private static final String CANCELLED_AFTER = "payroll.approval.cancelled-after";

    private final PayrollServices s;
    private final PayrollApprovers approvers;
    private final String runId;

    public ApprovalTasklet(PayrollServices s, PayrollApprovers approvers, String runId) {
        this.s = s;
        this.approvers = approvers;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
        PayrollRun run = s.run(runId);
        if (run.voucherId() == null) {
            return RepeatStatus.FINISHED;
        }
        Actor hub = Actor.system(PayrollServices.ACTOR, AuditEntry.Channel.SYSTEM);
        if (run.approvalId() == null) {
            BigDecimal total = s.store().jdbc().queryForObject("SELECT pay_amt FROM voucher WHERE voucher_id = :v",
                    new MapSqlParameterSource("v", run.voucherId()), BigDecimal.class);
            ApprovalRule rule = !s.approvalRules().enabled() ? null : s.approvalRules().ruleFor(ApprovalRules.PAYROLL,
                    total).orElseThrow(() -> new ControlException(ControlException.Kind.INVALID,
                    ApprovalRules.APPROVAL_RULE_NOT_FOUND, "no approval rule for PAYROLL runs of " + total + " CNY",
                    "run " + runId));
            if (rule == null || rule.levels().isEmpty()) {
                return approveByTheHub(run, rule, context);
            }
            String approvalId = s.approvals().open(new ApprovalService.Opening(run.voucherId(), runId,
                    run.admDivCode(), run.agencyCode(), total, ApprovalRules.PAYROLL, rule, null, List.of(),
                    run.createdBy()), PayrollServices.ACTOR, AuditEntry.Channel.SYSTEM);
            s.store().approval(runId, approvalId);
            run = s.run(runId);
        }
        ApprovalView view = s.approvals().find(run.approvalId(), hub);
        if (view.status() == ApprovalView.Status.PENDING && run.approveAs() != null && approvers != null) {
            Actor who = approvers.approver(run.approveAs());
            s.approvals().approve(run.approvalId(), who, "payroll run " + runId + " (" + run.fileName() + ")", false);
            view = s.approvals().find(run.approvalId(), hub);
        }
        if (view.status() == ApprovalView.Status.PENDING) {
            s.store().status(runId, PayrollRun.Status.AWAITING_APPROVAL);
            contribution.setExitStatus(new ExitStatus(AWAITING_APPROVAL, "approval " + view.approvalId()
                    + " waits for level " + view.waiting().levelNo() + " (" + view.waiting().role() + ")"));
            return RepeatStatus.FINISHED;
        }
        if (view.status() == ApprovalView.Status.APPROVED) {
            // the chain decided (here or through the approvals API): its payments move a chunk per commit
            ApprovalService.Chunk moved = s.approvals().moveApproved(run.approvalId(), context.getInt(AFTER, 0),
                    s.props().chunkSize());
            if (moved.moved() > 0) {
                context.putInt(AFTER, moved.lastSeq());
                contribution.incrementWriteCount(moved.moved());
                return RepeatStatus.CONTINUABLE;
            }
        }
        if (view.status() == ApprovalView.Status.REJECTED) {
            // rejected through the approvals API or CLI, its cancellation interrupted: go on a chunk per commit
            ApprovalService.Chunk cancelled = s.approvals().cancelRejected(run.approvalId(),
                    context.getInt(CANCELLED_AFTER, 0), s.props().chunkSize());
            if (cancelled.moved() > 0) {
                context.putInt(CANCELLED_AFTER, cancelled.lastSeq());
                contribution.incrementWriteCount(cancelled.moved());
                return RepeatStatus.CONTINUABLE;
            }
            contribution.setExitStatus(new ExitStatus(REJECTED, "approval " + view.approvalId() + " rejected: "
                    + view.decisionReason()));
            return RepeatStatus.FINISHED;
        }
        approvedAll();
        s.store().status(runId, PayrollRun.Status.STARTED);
        return RepeatStatus.FINISHED;
    }

    /**
     * Every payment of the run approved: their statuses counted again (PostgreSQL) before the render reads them. Planned
     * on the counts the payments step left — every payment PENDING_APPROVAL, none APPROVED — PostgreSQL read each
     * file's approved payments through {@code ix_payment_status} (status, bank) and filtered out every other payment
     * of the bank still approved: 135 ms a file and growing with the run, 456 s of render at 1,000,000 lines.
     */
    private void approvedAll() {
        TableStatistics.refresh(s.store().jdbc(), "payment");
    }

    /** One chunk of the run's payments approved by the hub per call, the audit trail told once. */
    private RepeatStatus approveByTheHub(PayrollRun run, ApprovalRule rule, ExecutionContext context) {
        // after the last chunk's number, as ApprovalService.moveApproved looks: each chunk reads its own payments only
        List<Integer> page = s.store().jdbc().queryForList("""
                SELECT seq FROM payment WHERE voucher_id = :v AND status = :s AND seq > :after
                 ORDER BY voucher_id, status, seq FETCH FIRST :n ROWS ONLY""", new MapSqlParameterSource("v",
                run.voucherId()).addValue("s", PaymentStatus.PENDING_APPROVAL.name())
                .addValue("after", context.getInt(AFTER, 0)).addValue("n", s.props().chunkSize()), Integer.class);
        if (page.isEmpty()) {
            s.audit().append(AuditEntry.of(PayrollServices.ACTOR, AuditEntry.Channel.SYSTEM, "APPROVAL_NOT_REQUIRED",
                    "VOUCHER", run.voucherId()).change(PaymentStatus.PENDING_APPROVAL.name(),
                    PaymentStatus.APPROVED.name()).because("payroll run " + runId + ", fund use PAYROLL, "
                    + (rule == null ? "approval control off" : "rule " + rule.name() + " asks for no approver")));
            approvedAll();
            return RepeatStatus.FINISHED;
        }
        s.lifecycle().moveWhere("voucher_id = :v AND seq BETWEEN :first AND :last", new MapSqlParameterSource("v",
                run.voucherId()).addValue("first", page.get(0)).addValue("last", page.get(page.size() - 1)),
                PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED, PayrollServices.ACTOR, rule == null ? "approval control off: approved by the hub without a chain"
                        : "approval rule " + rule.name() + " asks for no approver");
        context.putInt(AFTER, page.get(page.size() - 1));
        return RepeatStatus.CONTINUABLE;
    }
}
