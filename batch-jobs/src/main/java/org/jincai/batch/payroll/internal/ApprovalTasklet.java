package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.batch.payroll.PayrollApprovers;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.approval.ApprovalRule;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlException;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code approval}: one approval for the whole run, through the hub's approval workflow, before any of its
 * payments exists (each is born with its file in step {@code render}). The rules pick the chain for fund use PAYROLL
 * and the run's total (by default one department head); the chain is opened once on the run's voucher, which
 * carries the run's total and count, and {@code --approve-as USER} decides the level waiting as that user
 * (maker-checker: never the run's submitter). While the chain waits the step ends {@value #AWAITING_APPROVAL} and the
 * run stops; restarting it (after an approver acted through the approvals API or CLI) comes back here. A rejection
 * releases the run's budget holds in the rejection's own transaction ({@link ApprovalService#reject}); the step then
 * ends {@value #REJECTED}: the run goes straight to its outputs and ends REJECTED, every line CANCELLED, no payment
 * made.
 * A run no rule asks an approver for (approval control off, or a chain of no level) is approved by the hub, and
 * recorded so in the audit trail.
 */
public class ApprovalTasklet implements Tasklet {

    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    /** The step's exit code when the chain was rejected: the run goes straight to its outputs. */
    public static final String REJECTED = "REJECTED";

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
                // in the step's transaction: audited once, with the step's end
                s.audit().append(AuditEntry.of(PayrollServices.ACTOR, AuditEntry.Channel.SYSTEM,
                        "APPROVAL_NOT_REQUIRED", "VOUCHER", run.voucherId()).because("payroll run " + runId
                        + ", fund use PAYROLL, " + total + " CNY: " + (rule == null ? "approval control off"
                        : "rule " + rule.name() + " asks for no approver") + "; approved by the hub"));
                s.store().status(runId, PayrollRun.Status.STARTED);
                return RepeatStatus.FINISHED;
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
            s.approvals().approve(run.approvalId(), who, "payroll run " + runId + " (" + run.fileName() + ")");
            view = s.approvals().find(run.approvalId(), hub);
        }
        if (view.status() == ApprovalView.Status.PENDING) {
            s.store().status(runId, PayrollRun.Status.AWAITING_APPROVAL);
            contribution.setExitStatus(new ExitStatus(AWAITING_APPROVAL, "approval " + view.approvalId()
                    + " waits for level " + view.waiting().levelNo() + " (" + view.waiting().role() + ")"));
            return RepeatStatus.FINISHED;
        }
        if (view.status() == ApprovalView.Status.REJECTED) {
            contribution.setExitStatus(new ExitStatus(REJECTED, "approval " + view.approvalId() + " rejected: "
                    + view.decisionReason()));
            return RepeatStatus.FINISHED;
        }
        s.store().status(runId, PayrollRun.Status.STARTED);
        return RepeatStatus.FINISHED;
    }
}
