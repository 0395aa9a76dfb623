package org.jincai.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.indicators;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.plans;
import static org.jincai.core.testing.ControlVouchers.refused;
import static org.jincai.core.testing.ControlVouchers.user;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditRecord;
import org.jincai.core.budget.BudgetOptions;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.finance.ReceiptSweep;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.MoveObserver;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.HeldVouchers;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval workflow on the real intake path: chains picked by fund use and amount, decided level by level by
 * the roles they name, maker-checker, data scope, rejection returning the voucher upstream and releasing its budget.
 */
class ApprovalWorkflowTest {

    static final Actor HEAD = user("zhang", ApprovalRules.DEPARTMENT_HEAD);
    static final Actor HEAD2 = user("zhou", ApprovalRules.DEPARTMENT_HEAD);
    static final Actor DIVISION = user("li", ApprovalRules.DIVISION_LEADER);
    static final Actor CHIEF = user("wang", ApprovalRules.FINANCE_CHIEF);
    static final Actor BUREAU = user("zhao", ApprovalRules.BUREAU_LEADER);

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        start(ApprovalRules.defaults());
    }

    private void start(ApprovalRules rules) {
        if (core != null) {
            core.close();
        }
        core = new CoreFixture(home, Clock.systemUTC(), new CoreFixture.Controls(BudgetOptions.defaults(), rules,
                RiskOptions.off()));
        Actor op = user("operator", "OPERATOR");
        core.budgetImport.importIndicators(indicators("i.csv", ControlVouchers.indicator("50000000.00")), op);
        core.budgetImport.importPlans(plans("p.csv", ControlVouchers.plan("50000000.00")), op);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private VoucherOutcome receive(PaymentVoucher.Builder v) {
        return core.intake.receive(EnvelopeSource.of(envelope(v)), "test", ControlVouchers.SUBMITTER).get(0);
    }

    private ApprovalView only() {
        List<ApprovalView> all = core.approvals.list(DataScope.everything(), null, 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private BigDecimal available() {
        return core.budgetQueries.indicators(DataScope.everything(), null).get(0).available();
    }

    @Test
    void aSmallDailyExpenseWaitsForOneDepartmentHeadThenPays() {
        assertThat(receive(voucher("CA2026000001", line("6222000000000001", "王喆", "3000.00"))).accepted()).isTrue();

        ApprovalView a = only();
        assertThat(a.fundUse()).isEqualTo(ApprovalRules.DAILY);
        assertThat(a.rule()).isEqualTo("daily");
        assertThat(a.levels()).extracting(ApprovalView.Level::role).containsExactly(ApprovalRules.DEPARTMENT_HEAD);
        assertThat(core.payments.findByStatus(PaymentStatus.PENDING_APPROVAL)).hasSize(1);
        assertThat(core.release.release("operator").staged()).as("nothing approved yet").isEmpty();
        assertThat(core.approvals.pending(HEAD)).extracting(ApprovalView::approvalId).containsExactly(a.approvalId());
        assertThat(core.approvals.pending(CHIEF)).isEmpty();

        ApprovalView approved = core.approvals.approve(a.approvalId(), HEAD, "核对无误");

        assertThat(approved.status()).isEqualTo(ApprovalView.Status.APPROVED);
        assertThat(approved.levels().get(0).decidedBy()).isEqualTo("zhang");
        assertThat(approved.levels().get(0).channel()).isEqualTo("REST");
        assertThat(approved.levels().get(0).comment()).isEqualTo("核对无误");
        assertThat(core.payments.findByStatus(PaymentStatus.APPROVED)).hasSize(1);
        assertThat(core.release.release("operator").staged()).hasSize(1);
        assertThat(core.audit.recent(ApprovalService.OBJECT_TYPE, a.approvalId(), 10)).extracting(AuditRecord::action)
                .containsExactly("APPROVAL_APPROVED", "APPROVAL_OPENED");
    }

    @Test
    void specialFundsNeedTwoLevelsDecidedByTwoDifferentPeople() {
        receive(voucher("CA2026000002", line("6222000000000001", "湖北某某建设有限公司", "200000.00")).proCatCode("3"));
        ApprovalView a = only();
        assertThat(a.fundUse()).isEqualTo(ApprovalRules.SPECIAL);
        assertThat(a.levels()).extracting(ApprovalView.Level::role)
                .containsExactly(ApprovalRules.DIVISION_LEADER, ApprovalRules.FINANCE_CHIEF);
        Actor both = new Actor("qian", Set.of(ApprovalRules.DIVISION_LEADER, ApprovalRules.FINANCE_CHIEF),
                DataScope.everything(), AuditEntry.Channel.CLI);

        assertThat(core.approvals.approve(a.approvalId(), both, null).currentLevel()).isEqualTo(2);
        assertThat(core.approvals.pending(both)).as("not a second level for the same person").isEmpty();
        assertThat(refused(() -> core.approvals.approve(a.approvalId(), both, null)).code())
                .isEqualTo(ApprovalService.ONE_LEVEL_PER_APPROVER);
        assertThat(core.payments.findByStatus(PaymentStatus.PENDING_APPROVAL)).hasSize(1);

        ApprovalView done = core.approvals.approve(a.approvalId(), CHIEF, "同意");

        assertThat(done.status()).isEqualTo(ApprovalView.Status.APPROVED);
        assertThat(done.levels()).extracting(ApprovalView.Level::decidedBy).containsExactly("qian", "wang");
        assertThat(done.levels()).extracting(ApprovalView.Level::channel).containsExactly("CLI", "REST");
        assertThat(core.payments.findByStatus(PaymentStatus.APPROVED)).hasSize(1);
    }

    @Test
    void aMajorProjectNeedsThreeLevelsAndFilesANoticeWithTheFinanceDepartment() {
        receive(voucher("CA2026000003", line("6222000000000001", "湖北某某建设有限公司", "12000000.00")).proCatCode("3"));
        ApprovalView a = only();
        assertThat(a.rule()).isEqualTo("major-project");
        assertThat(a.filing()).isTrue();

        core.approvals.approve(a.approvalId(), DIVISION, null);
        core.approvals.approve(a.approvalId(), CHIEF, null);
        assertThat(core.alerts.list(DataScope.everything(), false, 10)).as("filed once approved").isEmpty();
        core.approvals.approve(a.approvalId(), BUREAU, null);

        assertThat(core.alerts.list(DataScope.everything(), true, 10)).singleElement().satisfies(n -> {
            assertThat(n.rule()).isEqualTo(AlertRules.FILING);
            assertThat(n.hold()).isFalse();
            assertThat(n.detail()).contains("备案").contains("li (DIVISION_LEADER), wang (FINANCE_CHIEF), zhao (BUREAU_LEADER)");
        });
    }

    @Test
    void payrollAndProcurementAreToldByTheirCodes() {
        receive(voucher("CA2026000004", line("6222000000000001", "王喆", "8000.00")).businessTypeCode("3"));
        receive(voucher("CA2026000005", line("6222000000000002", "某某办公用品公司", "8000.00"))
                .otherField("GovProcurementID", "ZFCG2026-0001"));

        assertThat(core.approvals.list(DataScope.everything(), null, 10)).extracting(ApprovalView::voucherNo,
                ApprovalView::fundUse, ApprovalView::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("CA2026000004", ApprovalRules.PAYROLL, "payroll"),
                org.assertj.core.groups.Tuple.tuple("CA2026000005", ApprovalRules.PROCUREMENT, "procurement"));
    }

    @Test
    void theSubmitterNeverApprovesAndTheRoleAndTheScopeAreRequired() {
        receive(voucher("CA2026000006", line("6222000000000001", "王喆", "100.00")));
        ApprovalView a = only();
        Actor submitter = user(ControlVouchers.SUBMITTER, ApprovalRules.DEPARTMENT_HEAD);
        Actor elsewhere = new Actor("wuhan", Set.of(ApprovalRules.DEPARTMENT_HEAD),
                DataScope.of(List.of("420100"), List.of()), AuditEntry.Channel.REST);
        Actor otherAgency = new Actor("agency", Set.of(ApprovalRules.DEPARTMENT_HEAD),
                DataScope.of(List.of("420000"), List.of("305001")), AuditEntry.Channel.REST);

        assertThat(core.approvals.pending(submitter)).isEmpty();
        assertThat(refused(() -> core.approvals.approve(a.approvalId(), submitter, null)).code())
                .isEqualTo(ApprovalService.SUBMITTER_CANNOT_APPROVE);
        assertThat(refused(() -> core.approvals.approve(a.approvalId(), CHIEF, null)).code())
                .isEqualTo(ApprovalService.APPROVAL_ROLE_REQUIRED);
        assertThat(core.approvals.pending(elsewhere)).isEmpty();
        assertThat(core.approvals.pending(otherAgency)).isEmpty();
        ControlException scope = refused(() -> core.approvals.approve(a.approvalId(), elsewhere, null));
        assertThat(scope.code()).isEqualTo(ControlCodes.OUT_OF_SCOPE);
        assertThat(scope.kind()).isEqualTo(ControlException.Kind.FORBIDDEN);
        assertThat(refused(() -> core.approvals.reject(a.approvalId(), otherAgency, "不同意")).code())
                .isEqualTo(ControlCodes.OUT_OF_SCOPE);
        assertThat(refused(() -> core.approvals.approve("no-such-approval", HEAD, null)).kind())
                .isEqualTo(ControlException.Kind.NOT_FOUND);
        assertThat(only().status()).isEqualTo(ApprovalView.Status.PENDING);
    }

    @Test
    void aRejectionEndsTheChainReleasesTheBudgetAndReturnsTheVoucherWithTheReason() throws Exception {
        receive(voucher("CA2026000007", line("6222000000000001", "湖北某某建设有限公司", "200000.00"),
                line("6222000000000002", "湖北某某监理有限公司", "50000.00")).proCatCode("3"));
        ApprovalView a = only();
        core.approvals.approve(a.approvalId(), DIVISION, null);
        assertThat(available()).isEqualByComparingTo("49750000.00");
        assertThat(refused(() -> core.approvals.reject(a.approvalId(), CHIEF, "  ")).code())
                .isEqualTo(ControlCodes.REASON_REQUIRED);

        ApprovalView rejected = core.approvals.reject(a.approvalId(), CHIEF, "合同未备案，不予支付");

        assertThat(rejected.status()).isEqualTo(ApprovalView.Status.REJECTED);
        assertThat(rejected.decisionReason()).isEqualTo("合同未备案，不予支付");
        assertThat(rejected.levels().get(1).decision()).isEqualTo("REJECTED");
        List<Payment> cancelled = core.payments.findByStatus(PaymentStatus.CANCELLED);
        assertThat(cancelled).hasSize(2).allSatisfy(p -> assertThat(p.bankReasonCode())
                .isEqualTo(ApprovalService.APPROVAL_REJECTED));
        assertThat(available()).as("released with the cancellation").isEqualByComparingTo("50000000.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(2);

        byte[] answer = core.receipts.answerFor(ControlVouchers.ADM, ControlVouchers.YEAR, "5201", "CA2026000007")
                .orElseThrow();
        VoucherBody body = new MofEnvelopeReader().read(new ByteArrayInputStream(answer), "return").bodies().get(0);
        assertThat(body.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(body.returnReason()).contains(ApprovalService.APPROVAL_REJECTED).contains("合同未备案");
        assertThat(home.resolve("finance").resolve("HUBEI-FIN")).isDirectoryContaining(p -> p.getFileName().toString()
                .contains("CA2026000007"));
        assertThat(core.payments.findByStatus(PaymentStatus.CANCELLED)).as("the return changes no state").hasSize(2);
        assertThat(refused(() -> core.approvals.approve(a.approvalId(), CHIEF, null)).code())
                .isEqualTo(ApprovalService.APPROVAL_NOT_PENDING);
        assertThat(core.receipts.settleAll()).as("answered once").isEmpty();
    }

    /**
     * The last approval moves every waiting payment of the voucher, a chunk of {@value PaymentRepository#IN_CHUNK} at a
     * time, each chunk read after the last one's number: more than two chunks, with payments of the voucher in another
     * state between them, which stay as they are.
     */
    @Test
    void theLastApprovalMovesEveryWaitingPaymentChunkAfterChunkAndNoOther() {
        int waiting = 2 * PaymentRepository.IN_CHUNK + 203;
        String voucherId = HeldVouchers.store(core, "PR2026110010", (waiting + 5) + ".00");
        String approvalId = core.db.tx().execute(s -> core.approvals.open(new ApprovalService.Opening(voucherId,
                "PR2026110010", ControlVouchers.ADM, ControlVouchers.AGENCY, new BigDecimal(waiting + 5),
                ApprovalRules.PAYROLL, new ApprovalRule("payroll", ApprovalRules.PAYROLL, null, null,
                List.of(ApprovalRules.DEPARTMENT_HEAD), false), "RISK_OFFICER", List.of(), "payroll-job"), "payroll",
                AuditEntry.Channel.SYSTEM));
        int before = PaymentRepository.IN_CHUNK - 3;
        core.db.tx().executeWithoutResult(s -> {
            HeldVouchers.born(core, voucherId, 1, PaymentStatus.PENDING_APPROVAL, ones(before));
            HeldVouchers.born(core, voucherId, before + 1, PaymentStatus.RESERVED, ones(5));
            HeldVouchers.born(core, voucherId, before + 6, PaymentStatus.PENDING_APPROVAL, ones(waiting - before));
        });

        core.approvals.approve(approvalId, HEAD, null);

        assertThat(core.payments.findByVoucher(voucherId)).hasSize(waiting + 5).allSatisfy(p -> assertThat(p.status())
                .isEqualTo(p.seq() > before && p.seq() <= before + 5 ? PaymentStatus.RESERVED : PaymentStatus.APPROVED));
        assertThat(core.db.count("SELECT COUNT(DISTINCT payment_id) FROM payment_event WHERE to_status = 'APPROVED'"
                + " AND actor = 'zhang'")).as("one event each").isEqualTo(waiting);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event WHERE to_status = 'APPROVED'"
                + " AND actor = 'zhang'")).isEqualTo(waiting);
    }

    private static String[] ones(int n) {
        String[] amounts = new String[n];
        java.util.Arrays.fill(amounts, "1.00");
        return amounts;
    }

    /**
     * A rejection of many payments cancels them a chunk per commit; one interrupted between two chunks (a chunk's
     * commit failing) is still REJECTED, half cancelled, unanswered, and the receipt sweep finishes it exactly: every
     * payment CANCELLED with one event, the budget released to the fen, the return sent once.
     */
    @Test
    void aRejectionCancelsAChunkPerCommitAndTheSweepFinishesOneInterruptedBetweenChunks() {
        List<ControlVouchers.Line> lines = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            lines.add(line("622200000000000" + i, "收款人" + i, "100.0" + i));
        }
        receive(voucher("CA2026000021", lines.toArray(ControlVouchers.Line[]::new)));
        ApprovalView a = only();
        BigDecimal total = new BigDecimal("700.28");
        assertThat(available()).isEqualByComparingTo(new BigDecimal("50000000.00").subtract(total));
        int[] chunks = {0};
        MoveObserver failingThirdChunk = (moves, actor) -> {
            if (++chunks[0] == 3) {
                throw new IllegalStateException("the third chunk's commit fails");
            }
        };
        ApprovalService byTwos = new ApprovalService(core.db.jdbc(), core.db.tx(), core.payments,
                new PaymentLifecycle(core.db.jdbc(), core.clock, List.of(core.budget, failingThirdChunk)), core.budget,
                core.alerts, core.audit, core.receipts, core.clock, 2);

        ApprovalView rejected = byTwos.reject(a.approvalId(), HEAD, "重复申请");

        assertThat(rejected.status()).as("the decision committed alone").isEqualTo(ApprovalView.Status.REJECTED);
        assertThat(core.payments.findByStatus(PaymentStatus.CANCELLED)).as("two chunks of two").hasSize(4);
        assertThat(core.payments.findByStatus(PaymentStatus.PENDING_APPROVAL)).hasSize(3);
        assertThat(available()).as("the two chunks' budget released, the third's rolled back")
                .isEqualByComparingTo(new BigDecimal("50000000.00").subtract(new BigDecimal("300.18")));
        assertThat(core.receipts.settleAll()).as("not settled while payments wait").isEmpty();
        assertThat(core.receipts.answerFor(ControlVouchers.ADM, ControlVouchers.YEAR, "5201", "CA2026000021")).isEmpty();

        new ReceiptSweep(core.receipts, byTwos, Duration.ofMinutes(1)).sweep();

        List<Payment> cancelled = core.payments.findByStatus(PaymentStatus.CANCELLED);
        assertThat(cancelled).hasSize(7).allSatisfy(p -> {
            assertThat(p.bankReasonCode()).isEqualTo(ApprovalService.APPROVAL_REJECTED);
            assertThat(p.bankReasonText()).isEqualTo("rejected by zhang (DEPARTMENT_HEAD, level 1 of 1): 重复申请");
        });
        assertThat(chunks[0]).as("two chunks, the third failed, then two more by the sweep").isEqualTo(5);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event WHERE to_status = 'CANCELLED'"
                + " AND actor = 'zhang'")).as("one event each").isEqualTo(7);
        assertThat(core.db.count("SELECT COUNT(DISTINCT payment_id) FROM payment_event WHERE to_status = 'CANCELLED'"))
                .isEqualTo(7);
        assertThat(available()).as("released to the fen").isEqualByComparingTo("50000000.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(7);
        byte[] answer = core.receipts.answerFor(ControlVouchers.ADM, ControlVouchers.YEAR, "5201", "CA2026000021")
                .orElseThrow();
        VoucherBody body = new MofEnvelopeReader().read(new ByteArrayInputStream(answer), "return").bodies().get(0);
        assertThat(body.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(body.returnReason()).contains("重复申请");

        assertThat(byTwos.finishRejections()).as("nothing left").isZero();
        assertThat(core.receipts.settleAll()).as("answered once").isEmpty();
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_answer")).isEqualTo(1);
        assertThat(core.audit.recent(ApprovalService.OBJECT_TYPE, a.approvalId(), 10)).extracting(AuditRecord::action)
                .containsExactly("APPROVAL_REJECTED", "APPROVAL_OPENED");
    }

    /**
     * A payroll run's voucher holds its budget before its approval, and its payments are born after it: the rejection
     * releases what the holds still hold in the decision's own commit — here even though the cancellation of two
     * payments drawn early stops at once — and those payments give theirs back when they are cancelled.
     */
    @Test
    void aRejectionReleasesWhatTheVouchersHoldsStillHoldInTheDecisionsCommit() {
        String voucherId = HeldVouchers.store(core, "PR2026110009", "5000.00");
        String approvalId = core.db.tx().execute(s -> {
            core.budget.hold(voucherId, "PR2026110009", List.of(HeldVouchers.total("5000.00")), "payroll",
                    AuditEntry.Channel.SYSTEM);
            return core.approvals.open(new ApprovalService.Opening(voucherId, "PR2026110009", ControlVouchers.ADM,
                    ControlVouchers.AGENCY, new BigDecimal("5000.00"), ApprovalRules.PAYROLL, new ApprovalRule("payroll",
                    ApprovalRules.PAYROLL, null, null, List.of(ApprovalRules.DEPARTMENT_HEAD), false), "RISK_OFFICER",
                    List.of(), "payroll-job"), "payroll", AuditEntry.Channel.SYSTEM);
        });
        core.db.tx().executeWithoutResult(s -> core.budget.draw(voucherId, HeldVouchers.born(core, voucherId, 1,
                PaymentStatus.PENDING_APPROVAL, "1000.00", "500.50").stream().map(HeldVouchers::need).toList()));
        assertThat(available()).isEqualByComparingTo("49995000.00");
        MoveObserver stopping = (moves, actor) -> {
            throw new IllegalStateException("the cancellation stops");
        };
        ApprovalService stopped = new ApprovalService(core.db.jdbc(), core.db.tx(), core.payments,
                new PaymentLifecycle(core.db.jdbc(), core.clock, List.of(core.budget, stopping)), core.budget,
                core.alerts, core.audit, core.receipts, core.clock);

        ApprovalView rejected = stopped.reject(approvalId, HEAD, "工资表有误");

        assertThat(rejected.status()).isEqualTo(ApprovalView.Status.REJECTED);
        assertThat(core.payments.findByStatus(PaymentStatus.PENDING_APPROVAL)).as("their cancellation stopped")
                .hasSize(2);
        assertThat(available()).as("the undrawn 3499.50 released with the decision")
                .isEqualByComparingTo("49998499.50");
        assertThat(core.budgetQueries.plans(DataScope.everything(), null).get(0).available())
                .isEqualByComparingTo("49998499.50");
        assertThat(core.db.jdbc().queryForList("SELECT released FROM budget_hold WHERE voucher_id = :v"
                + " AND settled_at IS NOT NULL", java.util.Map.of("v", voucherId), BigDecimal.class))
                .containsExactly(new BigDecimal("3499.50"), new BigDecimal("3499.50"));
        assertThat(core.audit.recent(null, null, 3)).extracting(AuditRecord::action)
                .containsExactly("APPROVAL_REJECTED", "BUDGET_RELEASED", "BUDGET_RELEASED");
        assertThat(core.audit.recent(null, null, 3).get(1)).satisfies(r -> {
            assertThat(r.actor()).isEqualTo("zhang");
            assertThat(r.before()).isEqualTo("reserved 5000.00, spent 0.00 of 50000000.00");
            assertThat(r.after()).isEqualTo("reserved 1500.50, spent 0.00 of 50000000.00");
            assertThat(r.reason()).isEqualTo("held for voucher PR2026110009 and drawn by no payment: approval"
                    + " rejected by zhang: 工资表有误");
        });

        assertThat(core.approvals.finishRejections()).isEqualTo(2);

        assertThat(available()).as("to the fen").isEqualByComparingTo("50000000.00");
        assertThat(core.budgetQueries.plans(DataScope.everything(), null).get(0).available())
                .isEqualByComparingTo("50000000.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(2);
        assertThat(core.db.jdbc().queryForList("SELECT released FROM budget_hold WHERE voucher_id = :v",
                java.util.Map.of("v", voucherId), BigDecimal.class)).as("released once")
                .containsExactly(new BigDecimal("3499.50"), new BigDecimal("3499.50"));
    }

    /** A crash between a rejection's commit and its return: the start-up recovery answers the voucher, once. */
    @Test
    void aRejectedVoucherWhoseReturnWasNotWrittenIsAnsweredAtStart() {
        receive(voucher("CA2026000014", line("6222000000000001", "王喆", "100.00")));
        String voucherId = core.payments.findByStatus(PaymentStatus.PENDING_APPROVAL).get(0).voucherId();
        core.db.tx().executeWithoutResult(s -> core.lifecycle.apply(core.payments.findByVoucher(voucherId).stream()
                .map(p -> new Move(p.paymentId(), PaymentStatus.PENDING_APPROVAL,
                        PaymentStatus.CANCELLED, "rejected", ApprovalService.APPROVAL_REJECTED, "rejected: 不予支付"))
                .toList(), "zhang"));
        assertThat(core.receipts.answerFor(ControlVouchers.ADM, ControlVouchers.YEAR, "5201", "CA2026000014")).isEmpty();

        assertThat(core.receipts.settleAll()).singleElement().satisfies(w -> assertThat(w.voucherFlag())
                .isEqualTo(VoucherBody.FLAG_RETURN));

        assertThat(core.receipts.settleAll()).isEmpty();
        assertThat(available()).isEqualByComparingTo("50000000.00");
    }

    @Test
    void aVoucherNoRuleCoversIsRefusedAndReservesNothing() {
        start(new ApprovalRules(true, ApprovalRules.defaultFundUses(), ApprovalRules.DAILY, List.of(
                new ApprovalRule("special-only", ApprovalRules.SPECIAL, null, null, List.of("DIVISION_LEADER"), false))));

        VoucherOutcome refused = receive(voucher("CA2026000008", line("6222000000000001", "王喆", "100.00")));

        assertThat(refused.errors()).extracting(Problem::code).containsExactly(ApprovalRules.APPROVAL_RULE_NOT_FOUND);
        assertThat(available()).isEqualByComparingTo("50000000.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
    }

    @Test
    void aRuleWithoutLevelsApprovesAtOnceAndSaysSo() {
        start(new ApprovalRules(true, ApprovalRules.defaultFundUses(), ApprovalRules.DAILY, List.of(
                new ApprovalRule("small-daily", ApprovalRules.DAILY, null, new BigDecimal("1000.00"), List.of(), false),
                new ApprovalRule("daily", ApprovalRules.DAILY, null, null, List.of("DEPARTMENT_HEAD"), false))));

        receive(voucher("CA2026000009", line("6222000000000001", "王喆", "999.99")));
        receive(voucher("CA2026000010", line("6222000000000002", "李堃", "1000.00")));

        assertThat(core.payments.findByStatus(PaymentStatus.APPROVED)).singleElement()
                .satisfies(p -> assertThat(core.lifecycle.history(p.paymentId())).last()
                        .satisfies(e -> assertThat(e.reason()).contains("small-daily asks for no approver")));
        assertThat(only().voucherNo()).isEqualTo("CA2026000010");
    }

    @Test
    void twoApproversOfOneLevelAtOnceDecideItOnce() throws Exception {
        receive(voucher("CA2026000011", line("6222000000000001", "王喆", "100.00")));
        String id = only().approvalId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Actor who = user("head" + i, ApprovalRules.DEPARTMENT_HEAD);
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        core.approvals.approve(id, who, null);
                        return "approved";
                    } catch (ControlException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(1, TimeUnit.MINUTES));
            }
            assertThat(outcomes.stream().filter("approved"::equals)).hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.equals("approved"))).hasSize(7).allMatch(o ->
                    o.equals(ApprovalService.APPROVAL_CONCURRENT_DECISION) || o.equals(ApprovalService.APPROVAL_NOT_PENDING));
        } finally {
            pool.shutdownNow();
        }
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event WHERE to_status = 'APPROVED'")).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM approval_level WHERE decided_by IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void anAuditorListsApprovalsOfEveryStatusInTheirScope() {
        receive(voucher("CA2026000012", line("6222000000000001", "王喆", "100.00")));
        receive(voucher("CA2026000013", line("6222000000000002", "李堃", "100.00")));
        ApprovalView first = core.approvals.list(DataScope.everything(), null, 10).stream()
                .filter(v -> v.voucherNo().equals("CA2026000012")).findFirst().orElseThrow();
        core.approvals.reject(first.approvalId(), HEAD2, "重复申请");

        assertThat(core.approvals.list(DataScope.everything(), ApprovalView.Status.REJECTED, 10))
                .extracting(ApprovalView::voucherNo).containsExactly("CA2026000012");
        assertThat(core.approvals.list(DataScope.everything(), ApprovalView.Status.PENDING, 10))
                .extracting(ApprovalView::voucherNo).containsExactly("CA2026000013");
        assertThat(core.approvals.list(DataScope.of(List.of("430000"), List.of()), null, 10)).isEmpty();
        assertThat(core.approvals.find(first.approvalId(), user("auditor", "AUDITOR")).levels().get(0).decidedBy())
                .isEqualTo("zhou");
        List<Alert> none = core.alerts.list(DataScope.everything(), false, 10);
        assertThat(none).isEmpty();
    }
}
