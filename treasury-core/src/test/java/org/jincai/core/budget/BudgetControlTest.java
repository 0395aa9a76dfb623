package org.jincai.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.indicator;
import static org.jincai.core.testing.ControlVouchers.indicators;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.plan;
import static org.jincai.core.testing.ControlVouchers.plans;
import static org.jincai.core.testing.ControlVouchers.refused;
import static org.jincai.core.testing.ControlVouchers.user;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.answer.BankEntry;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditRecord;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlException;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.HeldVouchers;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budget control on the real intake, release and answer path over a real database: reservations at intake,
 * refusals whole with their codes, the warning threshold, and the reservation released or spent by the moves that
 * end a payment — once each.
 */
class BudgetControlTest {

    static final Actor OPERATOR = user("operator", "OPERATOR");

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home, Clock.systemUTC(), new CoreFixture.Controls(BudgetOptions.defaults(),
                ApprovalRules.off(), RiskOptions.off()));
        core.budgetImport.importIndicators(indicators("i.csv", indicator("10000.00")), OPERATOR);
        core.budgetImport.importPlans(plans("p.csv", plan("8000.00")), OPERATOR);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private VoucherOutcome receive(byte[] envelope) {
        List<VoucherOutcome> outcomes = core.intake.receive(EnvelopeSource.of(envelope), "test", ControlVouchers.SUBMITTER);
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    private BudgetQueries.IndicatorBalance indicatorNow() {
        return core.budgetQueries.indicators(DataScope.everything(), null).get(0);
    }

    private BudgetQueries.PlanBalance planNow() {
        return core.budgetQueries.plans(DataScope.everything(), null).get(0);
    }

    private static List<String> codes(VoucherOutcome o) {
        return o.errors().stream().map(Problem::code).distinct().toList();
    }

    @Test
    void aVoucherWithinItsBudgetIsReservedInItsIntakeAndItsPaymentsCarryTheirSubject() {
        VoucherOutcome o = receive(envelope(voucher("CT2026000001", line("6222000000000001", "王喆", "1000.00"),
                line("6222000000000002", "李堃", "2000.50"))));

        assertThat(o.accepted()).isTrue();
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("3000.50");
        assertThat(indicatorNow().available()).isEqualByComparingTo("6999.50");
        assertThat(planNow().reserved()).isEqualByComparingTo("3000.50");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RESERVED'")).isEqualTo(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment WHERE agency_code = '219011' AND exp_func_code = '2050201'"
                + " AND gov_exp_eco_code = '50201' AND dep_exp_eco_code = '30201' AND fund_type_code = '11'"
                + " AND received_on IS NOT NULL")).isEqualTo(2);
        assertThat(core.payments.findByStatus(PaymentStatus.APPROVED)).hasSize(2);
        assertThat(core.lifecycle.history(core.payments.findByStatus(PaymentStatus.APPROVED).get(0).paymentId()))
                .anySatisfy(e -> assertThat(e.reason()).startsWith("budget reserved: 3000.50 CNY from 1 indicator(s)"));
        assertThat(core.audit.recent(BudgetControl.INDICATOR, null, 10)).extracting(r -> r.action())
                .containsExactly("BUDGET_RESERVED");
    }

    @Test
    void noIndicatorForTheSubjectRefusesTheVoucherWholeAndLeavesItsKeyFree() {
        byte[] otherSubject = envelope(voucher("CT2026000002", line("6222000000000001", "王喆", "100.00"))
                .govExpEcoCode("50299").details(List.of()).payeeAcctNo("6222000000000001").payeeAcctName("王喆")
                .payeeAcctBankName("中国工商银行武汉分行").payeeAcctBankNo("102521000034"));

        VoucherOutcome refused = receive(otherSubject);

        assertThat(refused.status()).isEqualTo(VoucherOutcome.Status.REFUSED);
        assertThat(codes(refused)).containsExactly(BudgetCodes.BUDGET_SUBJECT_NOT_FOUND);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_refusal WHERE codes = 'BUDGET_SUBJECT_NOT_FOUND'"))
                .isEqualTo(1);
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("0");

        core.budgetImport.importIndicators(indicators("i2.csv", String.join(",", ControlVouchers.ADM,
                ControlVouchers.YEAR, ControlVouchers.AGENCY, ControlVouchers.FUNC, "50299", ControlVouchers.FUND, "",
                "INITIAL", "500.00", "鄂财预〔2026〕2号")), OPERATOR);
        assertThat(receive(otherSubject).accepted()).as("sent again once the budget allows").isTrue();
    }

    @Test
    void aPaymentWithoutItsEconomicClassificationHasNoSubject() {
        VoucherOutcome refused = receive(envelope(voucher("CT2026000003", line("6222000000000001", "王喆", "10.00"))
                .govExpEcoCode(null).details(List.of()).payeeAcctNo("6222000000000001").payeeAcctName("王喆")
                .payeeAcctBankName("中国工商银行武汉分行").payeeAcctBankNo("102521000034")));

        assertThat(codes(refused)).containsExactly(BudgetCodes.BUDGET_SUBJECT_NOT_FOUND);
        assertThat(refused.errors().get(0).message()).contains("GovExpEcoCode");
    }

    @Test
    void overTheIndicatorIsBudgetExceededAndReservesNothing() {
        core.budgetImport.importPlans(plans("p2.csv", String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "11",
                ControlVouchers.AGENCY, ControlVouchers.FUND, "追加", "5000.00", "鄂财库〔2026〕12号")), OPERATOR);

        VoucherOutcome refused = receive(envelope(voucher("CT2026000004", line("6222000000000001", "王喆", "6000.00"),
                line("6222000000000002", "李堃", "4000.01"))));

        assertThat(codes(refused)).containsExactly(BudgetCodes.BUDGET_EXCEEDED);
        assertThat(refused.errors().get(0).message()).contains("10000.01").contains("10000.00 available");
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("0");
        assertThat(planNow().reserved()).isEqualByComparingTo("0");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation")).isZero();
    }

    @Test
    void overTheMonthsPlanIsPlanExceededThoughTheIndicatorWouldGive() {
        VoucherOutcome refused = receive(envelope(voucher("CT2026000005", line("6222000000000001", "王喆", "8000.01"))));

        assertThat(codes(refused)).containsExactly(BudgetCodes.PLAN_EXCEEDED);
        assertThat(indicatorNow().reserved()).as("rolled back with the plan").isEqualByComparingTo("0");
    }

    @Test
    void noPlanForTheVouchersMonthIsPlanExceeded() {
        VoucherOutcome refused = receive(envelope(voucher("CT2026000006", line("6222000000000001", "王喆", "10.00"))
                .vouDate(java.time.LocalDate.of(2026, 12, 1))));

        assertThat(codes(refused)).containsExactly(BudgetCodes.PLAN_EXCEEDED);
        assertThat(refused.errors().get(0).message()).contains("no plan");
    }

    @Test
    void passingTheWarningThresholdRaisesOneAlertAndPays() {
        assertThat(receive(envelope(voucher("CT2026000007", line("6222000000000001", "王喆", "7000.00")))).accepted())
                .isTrue();
        assertThat(core.alerts.list(DataScope.everything(), true, 10)).isEmpty();

        core.budgetImport.importPlans(plans("p3.csv", String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "11",
                ControlVouchers.AGENCY, ControlVouchers.FUND, "追加", "5000.00", "鄂财库〔2026〕13号")), OPERATOR);
        VoucherOutcome crossing = receive(envelope(voucher("CT2026000008", line("6222000000000003", "张三", "2500.00"))));
        VoucherOutcome beyond = receive(envelope(voucher("CT2026000009", line("6222000000000004", "李四", "100.00"))));

        assertThat(crossing.accepted()).isTrue();
        assertThat(beyond.accepted()).isTrue();
        List<Alert> alerts = core.alerts.list(DataScope.everything(), true, 10);
        assertThat(alerts).extracting(Alert::rule).containsExactly(AlertRules.BUDGET_WARNING);
        assertThat(alerts.get(0).hold()).isFalse();
        assertThat(alerts.get(0).voucherNo()).isEqualTo("CT2026000008");
        assertThat(alerts.get(0).detail()).contains("95.0% used");
    }

    @Test
    void theBankRejectingAPaymentReleasesItsReservationAndPayingOneSpendsIt() {
        receive(envelope(voucher("CT2026000010", line("6222000000000001", "王喆", "1000.00"),
                line("6222000000000002", "李堃", "2000.00"))));
        StagedFile file = core.release.release("operator").staged().get(0);
        core.deliveries.markUploaded(file.bankCode(), file.fileName(), "route");
        List<Payment> sent = core.payments.findByDelivery(file.deliveryId());
        BankAnswer answer = new BankAnswer("a.xml", file.messageId(), List.of(
                new CreditStatus(sent.get(0).paymentId(), true, null, null),
                new CreditStatus(sent.get(1).paymentId(), false, "AC04", "account closed")));

        core.answers.apply(file.bankCode(), "a".getBytes(), answer, true, "inbound");

        BudgetQueries.IndicatorBalance after = indicatorNow();
        BigDecimal paid = sent.get(0).amount();
        assertThat(after.spent()).isEqualByComparingTo(paid);
        assertThat(after.reserved()).isEqualByComparingTo("0");
        assertThat(after.available()).isEqualByComparingTo(new BigDecimal("10000.00").subtract(paid));
        assertThat(planNow().spent()).isEqualByComparingTo(paid);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'SPENT'")).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(1);

        core.receipts.settle(List.of(sent.get(0).voucherId()));
        assertThat(core.payments.find(sent.get(1).paymentId()).orElseThrow().status())
                .as("REJECTED → FAILED → RECEIPTED").isEqualTo(PaymentStatus.RECEIPTED);
        assertThat(indicatorNow().available()).as("the failure releases nothing twice")
                .isEqualByComparingTo(after.available());
        assertThat(core.audit.recent(BudgetControl.INDICATOR, null, 10)).extracting(r -> r.action())
                .containsExactlyInAnyOrder("BUDGET_RESERVED", "BUDGET_SPENT", "BUDGET_RELEASED");
    }

    @Test
    void aStatementBookingSpendsAndMoneyReturnedAfterPaymentIsAvailableAgain() {
        receive(envelope(voucher("CT2026000011", line("6222000000000001", "王喆", "1500.00"))));
        StagedFile file = core.release.release("operator").staged().get(0);
        core.deliveries.markUploaded(file.bankCode(), file.fileName(), "route");
        Payment p = core.payments.findByDelivery(file.deliveryId()).get(0);
        core.statements.apply(file.bankCode(), "s.xml", "s".getBytes(), "STMT-1", List.of(new BankEntry("E1",
                BankEntry.BOOKED, p.amount(), "CNY", "DBIT", ControlVouchers.VOU_DATE, ControlVouchers.VOU_DATE, false,
                "REF1", Set.of(), List.of(new BankEntry.Transaction(p.paymentId(), p.amount(), null, null, null)))),
                List.of(), "inbound");
        assertThat(indicatorNow().spent()).isEqualByComparingTo("1500.00");

        core.db.tx().executeWithoutResult(s -> core.lifecycle.apply(List.of(
                Move.of(p.paymentId(), PaymentStatus.PAID, PaymentStatus.RETURNED, "money back (退款)")), "operator"));

        assertThat(indicatorNow().spent()).isEqualByComparingTo("0");
        assertThat(indicatorNow().available()).isEqualByComparingTo("10000.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RETURNED'")).isEqualTo(1);
    }

    @Test
    void releasingTwiceReleasesOnce() {
        receive(envelope(voucher("CT2026000012", line("6222000000000001", "王喆", "400.00"))));
        String id = core.payments.findByStatus(PaymentStatus.APPROVED).get(0).paymentId();

        core.db.tx().executeWithoutResult(s -> {
            core.lifecycle.apply(List.of(Move.of(id, PaymentStatus.APPROVED, PaymentStatus.CANCELLED, "withdrawn")), "op");
            core.budget.moved(List.of(Move.of(id, PaymentStatus.APPROVED, PaymentStatus.CANCELLED, "again")), "op");
        });

        assertThat(indicatorNow().reserved()).isEqualByComparingTo("0");
        assertThat(indicatorNow().available()).isEqualByComparingTo("10000.00");
        assertThat(planNow().available()).isEqualByComparingTo("8000.00");
    }

    /**
     * One transaction releasing a payment of one indicator and spending one of another, both under one plan,
     * while a second transaction holds the second indicator and then wants the plan: the first waits holding
     * indicators only, so the second gets the plan at once — no circle of waits, no deadlock to break.
     */
    @Test
    void settlingLocksEveryIndicatorBeforeAnyPlan() throws Exception {
        core.budgetImport.importIndicators(indicators("i2.csv", String.join(",", ControlVouchers.ADM,
                ControlVouchers.YEAR, ControlVouchers.AGENCY, ControlVouchers.FUNC, "50299", ControlVouchers.FUND, "",
                "INITIAL", "500.00", "鄂财预〔2026〕2号")), OPERATOR);
        receive(envelope(voucher("CT2026000013", line("6222000000000001", "王喆", "100.00"))));
        String released = core.payments.findByStatus(PaymentStatus.APPROVED).get(0).paymentId();
        receive(envelope(voucher("CT2026000014", line("6222000000000002", "李堃", "200.00"))
                .govExpEcoCode("50299").details(List.of()).payeeAcctNo("6222000000000002").payeeAcctName("李堃")
                .payeeAcctBankName("中国工商银行武汉分行").payeeAcctBankNo("102521000034")));
        String spent = core.payments.findByStatus(PaymentStatus.APPROVED).stream().map(Payment::paymentId)
                .filter(id -> !id.equals(released)).findFirst().orElseThrow();
        String second = core.db.jdbc().getJdbcTemplate().queryForObject(
                "SELECT indicator_id FROM budget_reservation WHERE payment_id = ?", String.class, spent);
        String plan = core.db.jdbc().getJdbcTemplate().queryForObject(
                "SELECT plan_id FROM budget_reservation WHERE payment_id = ?", String.class, spent);

        try (Connection other = core.db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("postgres".equals(core.db.vendor()) ? "SET lock_timeout = '5s'" : "SET LOCK_TIMEOUT 5000");
                st.executeUpdate("UPDATE budget_indicator SET updated_at = updated_at WHERE indicator_id = '" + second + "'");
            }
            CompletableFuture<Void> settling = CompletableFuture.runAsync(() -> core.db.tx().executeWithoutResult(s ->
                    core.budget.moved(List.of(Move.of(released, PaymentStatus.APPROVED, PaymentStatus.CANCELLED, "withdrawn"),
                            Move.of(spent, PaymentStatus.SENT, PaymentStatus.PAID, "paid")), "op")));
            awaitWaitingForALock(settling);

            try (Statement st = other.createStatement()) {
                assertThat(st.executeUpdate("UPDATE budget_plan SET updated_at = updated_at WHERE plan_id = '" + plan + "'"))
                        .as("the plan is free while the settling transaction waits for the indicator").isEqualTo(1);
            }
            other.commit();
            settling.get(30, TimeUnit.SECONDS);
        }

        assertThat(planNow().reserved()).isEqualByComparingTo("0");
        assertThat(planNow().spent()).isEqualByComparingTo("200.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'SPENT'")).isEqualTo(1);
        assertThat(core.audit.recent(BudgetControl.PLAN, null, 10)).extracting(r -> r.action())
                .contains("BUDGET_RELEASED", "BUDGET_SPENT");
    }

    private BudgetControl.Reserved hold(String voucherId, String voucherNo, String... totals) {
        return core.db.tx().execute(s -> core.budget.hold(voucherId, voucherNo, java.util.Arrays.stream(totals)
                .map(HeldVouchers::total).toList(), "payroll", AuditEntry.Channel.SYSTEM));
    }

    /** Payments born for the voucher in {@code status}, drawn on its hold, in one transaction. */
    private List<Payment> bornAndDrawn(String voucherId, int firstSeq, PaymentStatus status, String... amounts) {
        return core.db.tx().execute(s -> {
            List<Payment> born = HeldVouchers.born(core, voucherId, firstSeq, status, amounts);
            core.budget.draw(voucherId, born.stream().map(HeldVouchers::need).toList());
            return born;
        });
    }

    /** The voucher's hold of {@code kind} (INDICATOR or PLAN): amount, drawn, released, settled_at. */
    private Map<String, Object> heldOf(String voucherId, String kind) {
        return core.db.jdbc().queryForMap("SELECT amount, drawn, released, settled_at FROM budget_hold"
                + " WHERE voucher_id = :v AND target_kind = :k", Map.of("v", voucherId, "k", kind));
    }

    /**
     * A payroll run's way: the voucher holds its total before any payment exists; the payments born later draw their
     * reservations from the hold without touching the indicator or plan; then each payment's moves settle its own
     * reservation — the bank's failure releases its amount, the bank's payment spends it.
     */
    @Test
    void aHoldTakesTheTotalAndThePaymentsDrawnOnItAreSettledByTheirMoves() {
        String voucherId = HeldVouchers.store(core, "PR2026110001", "3000.50");

        BudgetControl.Reserved held = hold(voucherId, "PR2026110001", "5000.00");

        assertThat(held.summary()).isEqualTo("budget held: 5000.00 CNY from 1 indicator(s) and 1 monthly plan(s)");
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("5000.00");
        assertThat(indicatorNow().available()).isEqualByComparingTo("5000.00");
        assertThat(planNow().reserved()).isEqualByComparingTo("5000.00");
        assertThat(heldOf(voucherId, "INDICATOR")).containsEntry("amount", new BigDecimal("5000.00"))
                .containsEntry("drawn", new BigDecimal("0.00"));
        assertThat(heldOf(voucherId, "PLAN").get("amount")).isEqualTo(new BigDecimal("5000.00"));
        assertThat(core.audit.recent(BudgetControl.INDICATOR, null, 10)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("BUDGET_RESERVED");
            assertThat(r.before()).isEqualTo("reserved 0.00, spent 0.00 of 10000.00");
            assertThat(r.after()).isEqualTo("reserved 5000.00, spent 0.00 of 10000.00");
            assertThat(r.reason()).isEqualTo("held for voucher PR2026110001 (1 total)");
        });
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation")).isZero();

        List<Payment> born = bornAndDrawn(voucherId, 1, PaymentStatus.APPROVED, "1000.00", "2000.50");

        assertThat(indicatorNow().reserved()).as("the hold took it already").isEqualByComparingTo("5000.00");
        assertThat(planNow().reserved()).isEqualByComparingTo("5000.00");
        assertThat(heldOf(voucherId, "INDICATOR").get("drawn")).isEqualTo(new BigDecimal("3000.50"));
        assertThat(heldOf(voucherId, "PLAN").get("drawn")).isEqualTo(new BigDecimal("3000.50"));
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RESERVED'"
                + " AND indicator_id IS NOT NULL AND plan_id IS NOT NULL")).isEqualTo(2);
        assertThat(core.db.jdbc().queryForObject("SELECT SUM(amount) FROM budget_reservation", Map.of(),
                BigDecimal.class)).isEqualByComparingTo("3000.50");

        StagedFile file = core.release.release("operator").staged().get(0);
        core.deliveries.markUploaded(file.bankCode(), file.fileName(), "route");
        String paid = born.get(0).paymentId();
        String failed = born.get(1).paymentId();
        core.db.tx().executeWithoutResult(s -> core.lifecycle.move(List.of(paid, failed), PaymentStatus.SENT,
                PaymentStatus.ACCEPTED, "bank", "accepted"));
        core.db.tx().executeWithoutResult(s -> {
            core.lifecycle.move(List.of(paid), PaymentStatus.ACCEPTED, PaymentStatus.PAID, "bank", "paid");
            core.lifecycle.move(List.of(failed), PaymentStatus.ACCEPTED, PaymentStatus.FAILED, "bank", "account closed");
        });

        assertThat(indicatorNow().reserved()).as("the undrawn 1999.50 still held").isEqualByComparingTo("1999.50");
        assertThat(indicatorNow().spent()).isEqualByComparingTo("1000.00");
        assertThat(indicatorNow().available()).isEqualByComparingTo("7000.50");
        assertThat(planNow().reserved()).isEqualByComparingTo("1999.50");
        assertThat(planNow().spent()).isEqualByComparingTo("1000.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'SPENT'")).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(1);
        assertThat(heldOf(voucherId, "INDICATOR").get("drawn")).as("the hold does not follow the payments")
                .isEqualTo(new BigDecimal("3000.50"));
    }

    @Test
    void aDrawBeyondTheHoldIsRefusedAndRolledBackWhole() {
        String voucherId = HeldVouchers.store(core, "PR2026110002", "1000.00");
        hold(voucherId, "PR2026110002", "1000.00");
        bornAndDrawn(voucherId, 1, PaymentStatus.APPROVED, "600.00");

        ControlException beyond = refused(() -> bornAndDrawn(voucherId, 2, PaymentStatus.APPROVED, "300.00", "100.01"));

        assertThat(beyond.code()).isEqualTo(BudgetCodes.BUDGET_HOLD_EXCEEDED);
        assertThat(beyond.problems()).extracting(Problem::code).containsOnly(BudgetCodes.BUDGET_HOLD_EXCEEDED);
        assertThat(beyond.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                .contains("2 payments need 400.01 CNY of indicator").contains("holds 400.00 not drawn yet"))
                .anySatisfy(m -> assertThat(m).contains("of the plan of").contains("holds 400.00 not drawn yet"));
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).as("the payments' transaction rolled back")
                .isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation")).isEqualTo(1);
        assertThat(heldOf(voucherId, "INDICATOR").get("drawn")).isEqualTo(new BigDecimal("600.00"));
        assertThat(heldOf(voucherId, "PLAN").get("drawn")).isEqualTo(new BigDecimal("600.00"));
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("1000.00");

        ControlException notHeld = refused(() -> core.db.tx().executeWithoutResult(s -> {
            Payment p = HeldVouchers.born(core, voucherId, 2, PaymentStatus.APPROVED, "10.00").get(0);
            core.budget.draw(voucherId, List.of(new BudgetControl.Need(p.paymentId(), new BudgetSubject(
                    ControlVouchers.ADM, ControlVouchers.YEAR, ControlVouchers.AGENCY, ControlVouchers.FUNC, "50299",
                    ControlVouchers.FUND, null), HeldVouchers.need(p).plan(), p.amount(), "payment 2")));
        }));

        assertThat(notHeld.code()).isEqualTo(BudgetCodes.BUDGET_HOLD_EXCEEDED);
        assertThat(notHeld.getMessage()).contains("GovExpEco 50299").contains("holds nothing of");
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(1);

        bornAndDrawn(voucherId, 2, PaymentStatus.APPROVED, "400.00");
        assertThat(heldOf(voucherId, "INDICATOR").get("drawn")).as("exactly what it holds")
                .isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void releasingTheHoldGivesBackOnlyWhatNoPaymentDrewAndOnlyOnce() {
        String voucherId = HeldVouchers.store(core, "PR2026110003", "5000.00");
        hold(voucherId, "PR2026110003", "5000.00");
        List<Payment> born = bornAndDrawn(voucherId, 1, PaymentStatus.APPROVED, "1200.00", "300.25");

        core.db.tx().executeWithoutResult(s -> core.budget.releaseHeld(voucherId, "payroll", "the run ended"));

        assertThat(indicatorNow().reserved()).as("the drawn payments keep theirs").isEqualByComparingTo("1500.25");
        assertThat(indicatorNow().available()).isEqualByComparingTo("8499.75");
        assertThat(planNow().reserved()).isEqualByComparingTo("1500.25");
        assertThat(planNow().available()).isEqualByComparingTo("6499.75");
        Map<String, Object> hold = heldOf(voucherId, "INDICATOR");
        assertThat(hold).containsEntry("drawn", new BigDecimal("1500.25"))
                .containsEntry("released", new BigDecimal("3499.75"));
        assertThat(hold.get("settled_at")).isNotNull();
        assertThat(heldOf(voucherId, "PLAN").get("released")).isEqualTo(new BigDecimal("3499.75"));
        List<AuditRecord> released = core.audit.recent(BudgetControl.INDICATOR, null, 10).stream()
                .filter(r -> r.action().equals("BUDGET_RELEASED")).toList();
        assertThat(released).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("payroll");
            assertThat(r.before()).isEqualTo("reserved 5000.00, spent 0.00 of 10000.00");
            assertThat(r.after()).isEqualTo("reserved 1500.25, spent 0.00 of 10000.00");
            assertThat(r.reason()).isEqualTo("held for voucher PR2026110003 and drawn by no payment: the run ended");
        });
        assertThat(core.audit.recent(BudgetControl.PLAN, null, 10)).extracting(AuditRecord::action)
                .containsExactly("BUDGET_RELEASED", "BUDGET_RESERVED");

        core.db.tx().executeWithoutResult(s -> core.budget.releaseHeld(voucherId, "payroll", "again"));

        assertThat(indicatorNow().reserved()).as("the second call changes nothing").isEqualByComparingTo("1500.25");
        assertThat(planNow().reserved()).isEqualByComparingTo("1500.25");
        assertThat(heldOf(voucherId, "INDICATOR").get("released")).isEqualTo(new BigDecimal("3499.75"));
        assertThat(core.audit.recent(null, null, 100)).filteredOn(r -> r.action().equals("BUDGET_RELEASED"))
                .hasSize(2);
        assertThat(refused(() -> bornAndDrawn(voucherId, 3, PaymentStatus.APPROVED, "1.00")).getMessage())
                .as("a released hold gives nothing more").contains("released already");

        core.db.tx().executeWithoutResult(s -> core.lifecycle.move(born.stream().map(Payment::paymentId).toList(),
                PaymentStatus.APPROVED, PaymentStatus.CANCELLED, "operator", "withdrawn"));
        assertThat(indicatorNow().available()).as("to the fen").isEqualByComparingTo("10000.00");
        assertThat(planNow().available()).isEqualByComparingTo("8000.00");
    }

    @Test
    void aHoldOverBudgetIsRefusedWithEveryProblemNamedAndHoldsNothing() {
        String voucherId = HeldVouchers.store(core, "PR2026110004", "10000.01");

        ControlException over = refused(() -> hold(voucherId, "PR2026110004", "6000.00", "4000.01"));

        assertThat(over.kind()).isEqualTo(ControlException.Kind.INVALID);
        assertThat(over.problems()).extracting(Problem::code)
                .containsExactly(BudgetCodes.BUDGET_EXCEEDED, BudgetCodes.PLAN_EXCEEDED);
        assertThat(over.problems().get(0).message()).contains("2 totals need 10000.01 CNY from indicator")
                .contains("10000.00 available");
        assertThat(over.problems().get(1).message()).contains("8000.00 available");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_hold")).isZero();
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("0");
        assertThat(planNow().reserved()).isEqualByComparingTo("0");

        ControlException noSubject = refused(() -> core.db.tx().executeWithoutResult(s -> core.budget.hold(voucherId,
                "PR2026110004", List.of(new BudgetControl.Need(null, new BudgetSubject(ControlVouchers.ADM,
                        ControlVouchers.YEAR, ControlVouchers.AGENCY, ControlVouchers.FUNC, "50299", ControlVouchers.FUND,
                        null), HeldVouchers.total("1.00").plan(), new BigDecimal("1.00"), "agency 219011")),
                "payroll", AuditEntry.Channel.SYSTEM)));
        assertThat(noSubject.code()).isEqualTo(BudgetCodes.BUDGET_SUBJECT_NOT_FOUND);
        assertThat(noSubject.getMessage()).contains("(1 total)");
    }

    @Test
    void aVoucherHoldsOnceAndWithBudgetControlOffNothingIsHeldOrDrawn() {
        String voucherId = HeldVouchers.store(core, "PR2026110005", "100.00");
        hold(voucherId, "PR2026110005", "100.00");

        BudgetControl.Reserved again = hold(voucherId, "PR2026110005", "100.00");

        assertThat(again.summary()).startsWith("budget already held for voucher PR2026110005 since ")
                .endsWith(": nothing taken again");
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("100.00");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_hold")).isEqualTo(2);

        BudgetControl off = new BudgetControl(core.db.jdbc(), core.audit, BudgetOptions.off(), core.clock);
        String other = HeldVouchers.store(core, "PR2026110006", "50.00");
        core.db.tx().executeWithoutResult(s -> {
            assertThat(off.hold(other, "PR2026110006", List.of(HeldVouchers.total("50.00")), "payroll",
                    AuditEntry.Channel.SYSTEM).summary()).isEqualTo("budget control off: passed without a check");
            off.draw(other, HeldVouchers.born(core, other, 1, PaymentStatus.APPROVED, "50.00").stream()
                    .map(HeldVouchers::need).toList());
        });
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_hold")).isEqualTo(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation")).isZero();
        assertThat(indicatorNow().reserved()).isEqualByComparingTo("100.00");
    }

    /** Waits until some session of the database is blocked on a lock (the settling one), or fails. */
    private void awaitWaitingForALock(CompletableFuture<Void> settling) throws InterruptedException {
        String blocked = "postgres".equals(core.db.vendor())
                ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        for (int i = 0; i < 200 && core.db.count(blocked) == 0; i++) {
            assertThat(settling).as("the settling transaction ended without waiting").isNotDone();
            Thread.sleep(50);
        }
        assertThat(core.db.count(blocked)).as("a transaction waits for the held indicator").isPositive();
    }
}
