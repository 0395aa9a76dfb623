package org.jincai.core.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.alert.AlertService;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.answer.StatementService;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.budget.BudgetOptions;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.controls.FiscalControls;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.InboxIntakeService;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.finance.WrittenAnswer;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.reconcile.ReturnsUpstream;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.risk.RiskService;
import org.jincai.core.voucher.VoucherIntakeService;

/**
 * The core's services wired by hand over a real test database, the two test banks and a staging folder. The fiscal
 * controls are off unless the test asks for them ({@link Controls}): the tests of the payment path outside the
 * controls need no budget.
 */
public final class CoreFixture implements AutoCloseable {

    /** Which fiscal controls run, and how. */
    public record Controls(BudgetOptions budget, ApprovalRules approval, RiskOptions risk) {

        public static Controls off() {
            return new Controls(BudgetOptions.off(), ApprovalRules.off(), RiskOptions.off());
        }

        /** All three on, with their defaults. */
        public static Controls defaults() {
            return new Controls(BudgetOptions.defaults(), ApprovalRules.defaults(), RiskOptions.defaults());
        }
    }

    public final TestDatabase db;
    public final Clock clock;
    public final BankDirectory banks;
    public final FinanceDirectory finance = new FinanceDirectory(List.of(TestFinance.hubei()));
    public final StagingArea staging;
    public final StagingArea financeStaging;
    public final PaymentRepository payments;
    public final PaymentLifecycle lifecycle;
    public final VoucherIntakeService intake;
    public final ReleaseService release;
    public final AuditTrail audit;
    public final DeliveryService deliveries;
    public final BankAnswerService answers;
    public final StatementService statements;
    public final SummaryQueries summary;
    public final InboxIntakeService inbox;
    public final ReceiptService receipts;
    public final StagedAnswers stagedAnswers;
    public final BudgetControl budget;
    public final BudgetImportService budgetImport;
    public final BudgetQueries budgetQueries;
    public final AlertService alerts;
    public final RiskService risk;
    public final ApprovalService approvals;
    public final FiscalControls controls;

    public CoreFixture(Path stagingRoot) {
        this(stagingRoot, Clock.systemUTC());
    }

    /** With a fixed clock, for what depends on the time of day (cut-off times). */
    public CoreFixture(Path stagingRoot, Clock clock) {
        this(stagingRoot, clock, TestBanks.both(2222));
    }

    /** With other bank profiles. */
    public CoreFixture(Path stagingRoot, Clock clock, List<BankProfile> bankProfiles) {
        this(stagingRoot, clock, bankProfiles, Controls.off());
    }

    /** With the fiscal controls given. */
    public CoreFixture(Path stagingRoot, Clock clock, Controls controlled) {
        this(stagingRoot, clock, TestBanks.both(2222), controlled);
    }

    public CoreFixture(Path stagingRoot, Clock clock, List<BankProfile> bankProfiles, Controls controlled) {
        this.clock = clock;
        this.banks = new BankDirectory(bankProfiles);
        db = TestDatabase.create();
        var jdbc = db.jdbc();
        var tx = db.tx();
        staging = new StagingArea(stagingRoot.resolve("banks"));
        financeStaging = new StagingArea(stagingRoot.resolve("finance"));
        payments = new PaymentRepository(jdbc, clock);
        audit = new AuditTrail(jdbc, tx, clock);
        budget = new BudgetControl(jdbc, audit, controlled.budget(), clock);
        lifecycle = new PaymentLifecycle(jdbc, clock, List.of(budget));
        budgetImport = new BudgetImportService(jdbc, tx, audit, clock);
        budgetQueries = new BudgetQueries(jdbc);
        alerts = new AlertService(jdbc, tx, audit, clock);
        risk = new RiskService(jdbc, alerts, audit, BankCalendar.standard(), controlled.risk(), clock);
        release = new ReleaseService(jdbc, tx, payments, lifecycle, banks, staging, BankCalendar.standard(), clock);
        deliveries = new DeliveryService(jdbc, tx, payments, lifecycle, staging, audit, clock);
        answers = new BankAnswerService(jdbc, tx, payments, lifecycle, deliveries, clock);
        statements = new StatementService(jdbc, tx, payments, lifecycle, answers, clock);
        summary = new SummaryQueries(jdbc);
        receipts = new ReceiptService(jdbc, tx, payments, lifecycle, finance, financeStaging, clock);
        stagedAnswers = new StagedAnswers(jdbc, tx, finance, financeStaging, clock);
        approvals = new ApprovalService(jdbc, tx, payments, lifecycle, budget, alerts, audit, receipts, clock);
        controls = new FiscalControls(budget, risk, controlled.approval(), approvals, alerts, lifecycle, audit);
        intake = new VoucherIntakeService(jdbc, tx, payments, lifecycle, banks, finance, controls, clock);
        inbox = new InboxIntakeService(jdbc, intake, financeStaging, new StagingArea(stagingRoot.resolve("received")), clock);
    }

    /**
     * Releases every approved payment, has each bank take its file and pay every credit, and answers the vouchers so
     * settled: their receipts recorded and staged in {@link #financeStaging}. Returns the answers written.
     */
    public List<WrittenAnswer> paidAndAnswered() {
        Set<String> settled = new LinkedHashSet<>();
        for (StagedFile f : release.release("operator-test").staged()) {
            deliveries.markUploaded(f.bankCode(), f.fileName(), "route-test");
            List<CreditStatus> paid = payments.findByDelivery(f.deliveryId()).stream()
                    .map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList();
            settled.addAll(answers.apply(f.bankCode(), ("paid " + f.fileName()).getBytes(StandardCharsets.US_ASCII),
                    new BankAnswer("paid-" + f.fileName(), f.messageId(), paid), true, "route-test").voucherIds());
        }
        return receipts.settle(settled);
    }

    /**
     * Records that the bank gave back {@code paymentId}'s payment, as reconciliation does ({@code recon_return},
     * without moving the payment), and sends its return upstream ({@link ReturnsUpstream}, staged in
     * {@link #financeStaging}). Returns the return written.
     */
    public ReturnsUpstream.SentReturn returnedUpstream(String paymentId) {
        Payment p = payments.find(paymentId).orElseThrow();
        db.jdbc().getJdbcTemplate().update("""
                INSERT INTO recon_return (payment_id, voucher_id, amount, reason_code, reason_text, entry_key, run_id,
                    created_at)
                VALUES (?, ?, ?, 'AC04', 'account closed', ?, 'run-test', CURRENT_TIMESTAMP)""",
                p.paymentId(), p.voucherId(), p.amount(), "entry-" + p.paymentId());
        List<ReturnsUpstream.SentReturn> sent = new ReturnsUpstream(db.jdbc(), db.tx(), finance, financeStaging, clock)
                .sendPending();
        if (sent.size() != 1) {
            throw new IllegalStateException("one return expected, written: " + sent);
        }
        return sent.get(0);
    }

    @Override
    public void close() {
        db.close();
    }
}
