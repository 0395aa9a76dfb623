package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jincai.core.access.DataScope;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.budget.BudgetCodes;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.server.config.HubProperties;
import org.jincai.server.controls.ControlUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code budget}, {@code approvals} and {@code alerts} on a real database, acting as configured users: what they
 * print, what they refuse, and the CLI channel they record decisions with.
 */
class ControlCommandsTest {

    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path home;
    CoreFixture core;
    ControlUsers users;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home, Clock.systemUTC(), CoreFixture.Controls.defaults());
        users = new ControlUsers(new HubProperties(home, List.of(), List.of(), null, List.of(
                user("operator", "OPERATOR"), user("auditor", "AUDITOR"),
                user("zhang", "APPROVER", ApprovalRules.DEPARTMENT_HEAD)), null));
    }

    private static HubProperties.User user(String name, String... roles) {
        return new HubProperties.User(name, null, List.of(roles), new HubProperties.Scope(true, null, null), null);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private PrintStream stream() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private int budget(String... args) {
        return new BudgetCommand(core.budgetImport, core.budgetQueries,
                new PerformanceTargetImport(core.db.jdbc(), core.db.tx(), core.audit, core.clock), users, stream())
                .run(BudgetCommand.parse(List.of(args)));
    }

    private int approvals(String... args) {
        return new ApprovalsCommand(core.approvals, ApprovalRules.defaults(), core.risk.options(), core.alerts, users,
                stream()).run(ApprovalsCommand.parse(List.of(args)));
    }

    private int alerts(String... args) {
        return new AlertsCommand(core.alerts, core.risk, users, stream()).run(AlertsCommand.parse(List.of(args)));
    }

    /** The code a command's refusal carries. */
    private static String refused(Runnable command) {
        try {
            command.run();
        } catch (ControlException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }

    private Path gbkBudget() throws Exception {
        Path file = home.resolve("指标-2026.csv");
        Files.write(file, ("AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,Type,Amount,DocNo\r\n"
                + "420000,2026,219011,2050201,50201,11,下达,600000.00,鄂财预〔2026〕1号\r\n").getBytes(GBK));
        Path plans = home.resolve("plans.csv");
        Files.writeString(plans, "AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,Type,Amount,DocNo\n"
                + "420000,2026,11,219011,11,下达,600000.00,鄂财库〔2026〕11号\n");
        return file;
    }

    @Test
    void anOperatorImportsAGbkFileAndEveryoneReadsTheBudget() throws Exception {
        Path file = gbkBudget();

        assertThat(budget("import", "indicators", file.toString(), "--charset", "gbk", "--as", "operator")).isZero();
        assertThat(budget("import", "plans", home.resolve("plans.csv").toString(), "--as", "operator")).isZero();
        assertThat(budget("show", "--agency", "219011", "--history", "--as", "auditor")).isZero();

        assertThat(printed()).contains("imported 指标-2026.csv (indicators, GBK): 1 line(s): 1 created")
                .containsPattern("219011\\s+2050201\\s+50201\\s+11\\s+600000.00\\s+0.00\\s+0.00\\s+600000.00\\s+0.0%")
                .contains("1 monthly plan(s)").contains("2026-11")
                .contains("2 movement(s), in the order imported")
                .containsPattern("INDICATOR\\s+420000\\|2026\\|219011\\|2050201\\|50201\\|11\\|\\s+INITIAL\\s+600000.00"
                        + "\\s+鄂财预〔2026〕1号\\s+指标-2026.csv:2 by operator \\(CLI\\)");
        assertThat(core.audit.recent("BUDGET_IMPORT", null, 5)).allSatisfy(r -> assertThat(r.channel()).isEqualTo("CLI"));
        assertThat(refused(() -> budget("import", "indicators", file.toString(), "--charset", "GBK", "--as", "operator")))
                .isEqualTo(BudgetCodes.BUDGET_FILE_ALREADY_IMPORTED);
    }

    @Test
    void importsNeedAConfiguredOperatorAndAKnownCharset() throws Exception {
        Path file = gbkBudget();

        assertThat(refused(() -> budget("import", "indicators", file.toString(), "--as", "auditor")))
                .isEqualTo(ControlCodes.ROLE_REQUIRED);
        assertThat(refused(() -> budget("import", "indicators", file.toString(), "--as", "nobody")))
                .isEqualTo(ControlUsers.USER_UNKNOWN);
        assertThatThrownBy(() -> BudgetCommand.parse(List.of("import", "indicators", file.toString())))
                .isInstanceOf(CliArguments.UsageException.class).hasMessageContaining("--as USER");
        assertThatThrownBy(() -> BudgetCommand.parse(List.of("import", "indicators", "f", "--charset", "UTF-16",
                "--as", "operator"))).isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> BudgetCommand.parse(List.of("import", "grants", "f", "--as", "operator")))
                .isInstanceOf(CliArguments.UsageException.class);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_indicator")).isZero();
    }

    @Test
    void anApproverListsApprovesAndRejectsAsThemselvesThroughTheCli() throws Exception {
        budget("import", "indicators", gbkBudget().toString(), "--charset", "GBK", "--as", "operator");
        budget("import", "plans", home.resolve("plans.csv").toString(), "--as", "operator");
        for (String no : List.of("CL2026000001", "CL2026000002")) {
            core.intake.receive(EnvelopeSource.of(envelope(voucher(no, line("62220000000000" + no.substring(10), "王喆",
                    "1000.00")))), "test", ControlVouchers.SUBMITTER);
        }
        List<ApprovalView> waiting = core.approvals.pending(users.cli("zhang"));
        assertThat(waiting).hasSize(2);

        assertThat(approvals("list", "--as", "zhang")).isZero();
        assertThat(approvals("approve", waiting.get(0).approvalId(), "--as", "zhang", "--comment", "核对无误")).isZero();
        assertThat(approvals("reject", waiting.get(1).approvalId(), "--as", "zhang", "--reason", "重复申请")).isZero();
        assertThat(approvals("show", waiting.get(1).approvalId())).isZero();

        assertThat(printed()).contains("2 approval(s) waiting for zhang").contains(waiting.get(0).voucherNo())
                .contains("approved: voucher " + waiting.get(0).voucherNo() + " is APPROVED")
                .contains("rejected: voucher " + waiting.get(1).voucherNo() + " is cancelled")
                .contains("REJECTED by zhang (CLI)").contains("\"重复申请\"");
        assertThat(core.approvals.find(waiting.get(0).approvalId(), users.hub()).levels().get(0).channel())
                .isEqualTo("CLI");
        assertThatThrownBy(() -> ApprovalsCommand.parse(List.of("reject", "X", "--as", "zhang")))
                .isInstanceOf(CliArguments.UsageException.class).hasMessageContaining("--reason");
        assertThatThrownBy(() -> ApprovalsCommand.parse(List.of("approve", "X")))
                .isInstanceOf(CliArguments.UsageException.class).hasMessageContaining("--as USER");
        assertThat(refused(() -> approvals("list", "--as", "operator"))).isEqualTo(ControlCodes.ROLE_REQUIRED);
    }

    @Test
    void theRulesInForceArePrinted() {
        assertThat(approvals("rules")).isZero();

        assertThat(printed()).contains("approval control on")
                .contains("PAYROLL      工资 / 人员类: BusinessTypeCode 3, or ProCatCode 1")
                .containsPattern("major-project\\s+SPECIAL\\s+>= 10000000.00\\s+-> DIVISION_LEADER > FINANCE_CHIEF"
                        + " > BUREAU_LEADER \\+ filing \\(备案\\)")
                .containsPattern("daily\\s+DAILY\\s+any amount\\s+-> DEPARTMENT_HEAD")
                .contains("a risk rule's hold adds one level: RISK_OFFICER");
    }

    @Test
    void alertsAreListedAcknowledgedAndTheScanRuns() throws Exception {
        budget("import", "indicators", gbkBudget().toString(), "--charset", "GBK", "--as", "operator");
        budget("import", "plans", home.resolve("plans.csv").toString(), "--as", "operator");
        core.intake.receive(EnvelopeSource.of(envelope(voucher("CL2026000010", line("6222000000000010", "甲公司",
                "520000.00")))), "test", ControlVouchers.SUBMITTER);
        String id = core.alerts.list(DataScope.everything(), true, 10).get(0).alertId();

        assertThat(alerts("--open")).isZero();
        assertThat(alerts("ack", id, "--reason", "年度集中采购，已核实", "--as", "operator")).isZero();
        assertThat(alerts("scan", "--date", "2026-11-12")).isZero();

        assertThat(printed()).contains("1 open alert(s)").contains("DAILY_TOTAL").contains("CL2026000010")
                .contains("acknowledged " + id + " (DAILY_TOTAL) by operator: 年度集中采购，已核实")
                .contains("dormant-account scan as of 2026-11-12 (quiet window 2026-11-10 to 2026-11-12)");
        assertThatThrownBy(() -> AlertsCommand.parse(List.of("ack", id, "--as", "operator")))
                .isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> AlertsCommand.parse(List.of("scan", "--date", "12/11/2026")))
                .isInstanceOf(CliArguments.UsageException.class);
        assertThat(core.audit.recent("ALERT_SCAN", null, 1)).singleElement()
                .satisfies(r -> assertThat(r.channel()).isEqualTo("CLI"));
    }

    @Test
    void theLauncherRunsTheCommandsOnTheHubsOwnDatabaseWithExitCodes() throws Exception {
        Path file = gbkBudget();
        Path hubHome = home.resolve("hub");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        JincaiCli cli = new JincaiCli(stream(), new PrintStream(err, true, StandardCharsets.UTF_8));
        // the hub needs bank profiles to start: the simulated banks'
        System.setProperty("spring.profiles.active", "simulator");
        try {
            launch(cli, hubHome, file);
        } finally {
            System.clearProperty("spring.profiles.active");
        }
        assertThat(printed()).contains("1 created").contains("1 indicator(s)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("BUDGET_FILE_ALREADY_IMPORTED at 指标-2026.csv")
                .contains("'approvals list' acts as a configured approver: --as USER");
    }

    private static void launch(JincaiCli cli, Path hubHome, Path file) {
        assertThat(cli.run("--home", hubHome.toString(), "budget", "import", "indicators", file.toString(), "--charset",
                "GBK", "--as", "operator")).isZero();
        assertThat(cli.run("--home", hubHome.toString(), "budget", "import", "indicators", file.toString(), "--charset",
                "GBK", "--as", "operator")).as("the same file again").isEqualTo(1);
        assertThat(cli.run("--home", hubHome.toString(), "budget", "show")).isZero();
        assertThat(cli.run("--home", hubHome.toString(), "approvals", "list")).as("usage").isEqualTo(2);
        assertThat(cli.run("--home", hubHome.toString(), "approvals", "list", "--as", "dept-head")).isZero();
    }
}
