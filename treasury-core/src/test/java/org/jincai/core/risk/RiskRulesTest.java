package org.jincai.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.refused;
import static org.jincai.core.testing.ControlVouchers.user;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.alert.AlertService;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetOptions;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each risk rule on the real intake path, on days set by a clock the test moves: its alert, its hold (one more
 * approval level), and what does not hit; the dormancy scan; alerts acknowledged with a reason.
 */
class RiskRulesTest {

    static final Actor HEAD = user("zhang", ApprovalRules.DEPARTMENT_HEAD);
    static final Actor RISK = user("sun", RiskOptions.DEFAULT_HOLD_ROLE);

    /** A clock the test moves from day to day. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(String instant) {
            now = Instant.parse(instant);
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path home;
    CoreFixture core;
    final TestClock clock = new TestClock("2026-11-27T02:00:00Z");

    private void start(ApprovalRules approval, RiskOptions risk) {
        core = new CoreFixture(home, clock, new CoreFixture.Controls(BudgetOptions.off(), approval, risk));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private void receive(PaymentVoucher.Builder v) {
        assertThat(core.intake.receive(EnvelopeSource.of(envelope(v)), "test", ControlVouchers.SUBMITTER).get(0)
                .accepted()).isTrue();
    }

    private List<Alert> alerts() {
        return core.alerts.list(DataScope.everything(), false, 100);
    }

    private ApprovalView approvalOf(String voucherNo) {
        return core.approvals.list(DataScope.everything(), null, 100).stream().filter(a -> a.voucherNo().equals(voucherNo))
                .findFirst().orElseThrow();
    }

    @Test
    void aPayerAccountPastItsDayLimitRaisesOneAlertWithoutAHold() {
        start(ApprovalRules.defaults(), RiskOptions.defaults());

        receive(voucher("CR2026000001", line("6222000000000001", "甲公司", "300000.00")));
        receive(voucher("CR2026000002", line("6222000000000002", "乙公司", "250000.00")));
        receive(voucher("CR2026000003", line("6222000000000003", "丙公司", "10000.00")));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRules.DAILY_TOTAL);
            assertThat(a.voucherNo()).isEqualTo("CR2026000002");
            assertThat(a.accountNo()).isEqualTo(ControlVouchers.PAY_ACCT);
            assertThat(a.amount()).isEqualByComparingTo("550000.00");
            assertThat(a.hold()).isFalse();
        });
        assertThat(approvalOf("CR2026000002").levels()).hasSize(1);
    }

    @Test
    void theSamePayeeAndAmountAgainWithinTheWindowIsHeldForOneMoreApproval() {
        start(ApprovalRules.defaults(), RiskOptions.defaults());
        receive(voucher("CR2026000010", line("6222000000000001", "王喆", "38537.91")));
        clock.set("2026-12-02T02:00:00Z");

        receive(voucher("CR2026000011", line("6222000000000001", "王喆", "38537.91")));
        receive(voucher("CR2026000012", line("6222000000000001", "王喆", "38537.92")));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRules.DUPLICATE_PAYMENT);
            assertThat(a.hold()).isTrue();
            assertThat(a.detail()).contains("voucher CR2026000010 received 2026-11-27");
        });
        ApprovalView held = approvalOf("CR2026000011");
        assertThat(held.levels()).extracting(ApprovalView.Level::role, ApprovalView.Level::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ApprovalRules.DEPARTMENT_HEAD, "RULE"),
                org.assertj.core.groups.Tuple.tuple(RiskOptions.DEFAULT_HOLD_ROLE, "RISK_HOLD"));
        assertThat(held.levels().get(1).note()).contains(AlertRules.DUPLICATE_PAYMENT);

        core.approvals.approve(held.approvalId(), HEAD, null);
        assertThat(core.payments.findByVoucher(held.voucherId())).allMatch(p -> p.status() == PaymentStatus.PENDING_APPROVAL);
        core.approvals.approve(held.approvalId(), RISK, "与合同分期付款一致");
        assertThat(core.payments.findByVoucher(held.voucherId())).allMatch(p -> p.status() == PaymentStatus.APPROVED);

        clock.set("2026-12-10T02:00:00Z");
        receive(voucher("CR2026000013", line("6222000000000001", "王喆", "38537.91")));
        assertThat(alerts()).as("outside the seven days: no longer a duplicate").hasSize(1);
    }

    @Test
    void twoDetailsOfOneVoucherToOnePayeeForOneAmountAreADuplicate() {
        start(ApprovalRules.defaults(), RiskOptions.defaults());

        receive(voucher("CR2026000020", line("6222000000000001", "王喆", "500.00"), line("6222000000000001", "王喆", "500.00")));

        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.detail()).contains("also in this voucher"));
    }

    @Test
    void paymentsToOnePayeeEachJustUnderAnApprovalThresholdAreHeldAsASplit() {
        start(ApprovalRules.defaults(), RiskOptions.defaults());

        receive(voucher("CR2026000030", line("6222000000000009", "某某工程公司", "480000.00")));
        receive(voucher("CR2026000031", line("6222000000000009", "某某工程公司", "495000.00")));
        receive(voucher("CR2026000032", line("6222000000000008", "另一公司", "490000.00")));

        assertThat(alerts()).filteredOn(a -> a.rule().equals(AlertRules.SPLIT_PAYMENTS)).singleElement().satisfies(a -> {
            assertThat(a.voucherNo()).isEqualTo("CR2026000031");
            assertThat(a.hold()).isTrue();
            assertThat(a.detail()).contains("500000.00").contains("480000.00 (voucher CR2026000030)");
        });
        assertThat(approvalOf("CR2026000031").levels()).hasSize(2);
        assertThat(approvalOf("CR2026000032").levels()).hasSize(1);
    }

    @Test
    void aPayeeOnTheBlockListIsHeldByAccountOrByNameWhateverItsWidthAndSpaces() {
        start(ApprovalRules.defaults(), new RiskOptions(null, null, null, null, null, null,
                new RiskOptions.BlockList(null, null, List.of(
                        new RiskOptions.BlockList.Entry("6222999900000001", null, "涉诉冻结"),
                        new RiskOptions.BlockList.Entry(null, "湖北某某(集团)有限公司", "失信被执行人"))), null));

        receive(voucher("CR2026000040", line("6222999900000001", "张三", "100.00")));
        receive(voucher("CR2026000041", line("6222000000000005", "湖北某某（集团） 有限公司", "200.00")));
        receive(voucher("CR2026000042", line("6222000000000006", "湖北某某集团有限公司", "300.00")));

        assertThat(alerts()).filteredOn(a -> a.rule().equals(AlertRules.BLOCKED_PAYEE)).extracting(Alert::voucherNo)
                .containsExactlyInAnyOrder("CR2026000040", "CR2026000041");
        assertThat(alerts()).filteredOn(a -> a.voucherNo().equals("CR2026000041")).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("by name").contains("失信被执行人"));
        assertThat(approvalOf("CR2026000042").levels()).hasSize(1);
    }

    @Test
    void aPayeeNameOtherThanTheOneTheAccountWasPaidUnderIsHeld() {
        start(ApprovalRules.off(), RiskOptions.defaults());
        receive(voucher("CR2026000050", line("6222000000000007", "武汉长江印务有限公司", "1000.00")));
        StagedFile file = core.release.release("operator").staged().get(0);
        core.deliveries.markUploaded(file.bankCode(), file.fileName(), "route");
        String paid = core.payments.findByDelivery(file.deliveryId()).get(0).paymentId();
        core.answers.apply(file.bankCode(), "a".getBytes(), new BankAnswer("a.xml", file.messageId(),
                List.of(new CreditStatus(paid, true, null, null))), true, "inbound");

        receive(voucher("CR2026000051", line("6222000000000007", "武汉 长江印务有限公司", "1001.00")));
        receive(voucher("CR2026000052", line("6222000000000007", "武汉黄河印务有限公司", "1002.00")));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRules.PAYEE_NAME_MISMATCH);
            assertThat(a.voucherNo()).isEqualTo("CR2026000052");
            assertThat(a.hold()).isTrue();
            assertThat(a.detail()).contains("'武汉长江印务有限公司'").contains("'武汉黄河印务有限公司'");
        });
        assertThat(approvalOf("CR2026000052").levels()).as("with approval control off, a hold still holds")
                .extracting(ApprovalView.Level::kind).containsExactly("RISK_HOLD");
        assertThat(core.approvals.list(DataScope.everything(), null, 10)).hasSize(1);
    }

    @Test
    void anAccountWithRegularActivityQuietForThreeBankDaysIsFoundOnceByTheScan() {
        start(ApprovalRules.off(), RiskOptions.defaults());
        String[] days = {"2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09"};
        for (int i = 0; i < days.length; i++) {
            clock.set(days[i] + "T02:00:00Z");
            receive(voucher("CR20260001" + i, line("62220000000001" + i + "0", "收款人" + i, (100 + i) + ".00")));
        }
        clock.set("2026-11-04T03:00:00Z");
        receive(voucher("CR2026000200", line("6222000000000200", "偶尔", "10.00")).payAcctNo("9558800000000099"));
        Actor scheduler = Actor.system("scheduler", AuditEntry.Channel.SCHEDULE);

        RiskService.ScanResult notYet = core.risk.scanDormant(LocalDate.of(2026, 11, 11), scheduler);
        RiskService.ScanResult quiet = core.risk.scanDormant(LocalDate.of(2026, 11, 12), scheduler);
        RiskService.ScanResult again = core.risk.scanDormant(LocalDate.of(2026, 11, 12), scheduler);

        assertThat(notYet.dormantAccounts()).isEmpty();
        assertThat(quiet.quietDays()).containsExactly(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 11),
                LocalDate.of(2026, 11, 12));
        assertThat(quiet.dormantAccounts()).containsExactly(ControlVouchers.PAY_ACCT);
        assertThat(again.dormantAccounts()).as("found once").isEmpty();
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRules.DORMANT_ACCOUNT);
            assertThat(a.admDivCode()).isEqualTo(ControlVouchers.ADM);
        });
        assertThat(core.audit.recent("ALERT_SCAN", null, 10)).hasSize(3);
    }

    @Test
    void anAlertIsAcknowledgedOnceWithAReasonInsideTheUsersScope() {
        start(ApprovalRules.off(), RiskOptions.defaults());
        receive(voucher("CR2026000060", line("6222000000000001", "王喆", "600000.00")));
        Alert open = alerts().get(0);
        Actor elsewhere = new Actor("hunan", Set.of("OPERATOR"), DataScope.of(List.of("430000"), List.of()),
                AuditEntry.Channel.CLI);
        Actor operator = new Actor("operator", Set.of("OPERATOR"), DataScope.of(List.of("420000"), List.of()),
                AuditEntry.Channel.CLI);

        assertThat(refused(() -> core.alerts.acknowledge(open.alertId(), operator, " ")).code())
                .isEqualTo(ControlCodes.REASON_REQUIRED);
        assertThat(refused(() -> core.alerts.acknowledge(open.alertId(), elsewhere, "核实无误")).code())
                .isEqualTo(ControlCodes.OUT_OF_SCOPE);
        assertThat(core.alerts.list(elsewhere.scope(), false, 10)).isEmpty();
        Alert acked = core.alerts.acknowledge(open.alertId(), operator, "已电话核实，为年度集中采购");

        assertThat(acked.status()).isEqualTo(Alert.Status.ACKNOWLEDGED);
        assertThat(acked.ackedBy()).isEqualTo("operator");
        assertThat(acked.ackReason()).isEqualTo("已电话核实，为年度集中采购");
        assertThat(core.alerts.list(DataScope.everything(), true, 10)).isEmpty();
        assertThat(refused(() -> core.alerts.acknowledge(open.alertId(), operator, "again")).code())
                .isEqualTo(AlertService.ALERT_NOT_OPEN);
        assertThat(core.audit.recent(AlertService.OBJECT_TYPE, open.alertId(), 10)).extracting(r -> r.action())
                .containsExactly("ALERT_ACKNOWLEDGED", "ALERT_RAISED");
    }
}
