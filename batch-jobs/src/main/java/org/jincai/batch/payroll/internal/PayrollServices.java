package org.jincai.batch.payroll.internal;

import java.nio.file.Path;
import java.time.Clock;
import org.jincai.batch.payroll.PayrollProgress;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.ReleaseService;

/**
 * What the payroll job's steps use of the hub: its payment path (repository, lifecycle, budget control, approvals,
 * release) and the payroll's own tables, configuration, home (outputs under {@code jobs/payroll/<run id>}) and the
 * progress of the run for whoever watches it.
 */
public record PayrollServices(PayrollStore store, PaymentRepository payments, PaymentLifecycle lifecycle,
                              BudgetControl budget, ApprovalRules approvalRules, ApprovalService approvals,
                              AuditTrail audit, BankDirectory banks, ReleaseService release, PayrollProperties props,
                              PayrollProgress progress, Path home, Clock clock) {

    /** The hub's name in the payments' trail for what the payroll job does. */
    public static final String ACTOR = "system:payroll";

    public PayrollRun run(String runId) {
        return store.find(runId).orElseThrow(() -> new PayrollException(PayrollCodes.PAYROLL_RUN_NOT_FOUND,
                "no payroll run " + runId, "run " + runId));
    }

    /** Where the run's outputs go. */
    public Path outputs(String runId) {
        return home.resolve("jobs").resolve("payroll").resolve(runId);
    }
}
