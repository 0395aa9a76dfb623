package org.jincai.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.CrashPoints;
import org.jincai.server.HubTestSupport;
import org.jincai.server.cli.JincaiCli;
import org.junit.jupiter.api.Test;

/**
 * A payroll run waiting for its approval — its budget held, none of its lines a payment yet — rejected by
 * {@code jincai approvals reject} in a child JVM killed with SIGKILL right after the rejection's commit (crash point
 * {@code approval-rejected}), before the voucher is answered: the chain is REJECTED and the run's holds given back in
 * that one commit, nothing sent, no answer yet; then {@code jincai payroll restart} ends the run REJECTED, every line
 * CANCELLED and never a payment, the budget given back once (to the fen), the voucher returned once.
 */
class RejectionCrashTest {

    private static final int ROWS = 2_600;
    private static final PayrollCsv.Spec SPEC = new PayrollCsv.Spec("219011", "2050201", "50101", "11",
            List.of("DEMO-ISO", "DEMO-PIPE"), 50, 97);
    private static final String APPROVED = "100000000.00";

    @Test
    void aRejectionKilledAfterItsCommitIsAnsweredByTheRunsRestartWhichEndsRejected() throws Exception {
        Path home = HubTestSupport.newHome("rejection-crash");
        Path file = home.resolve("payroll-2026-11.csv");
        PayrollCsv.Written written = PayrollCsv.write(file, ROWS, SPEC, StandardCharsets.UTF_8);
        int valid = ROWS - written.refused();
        Path indicators = Files.writeString(home.resolve("indicators.csv"), "AdmDivCode,StYear,AgencyCode,ExpFuncCode,"
                + "GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo\n420000,2026,219011,2050201,50101,11,,下达,"
                + APPROVED + ",鄂财预〔2026〕1号\n", StandardCharsets.UTF_8);
        Path plans = Files.writeString(home.resolve("plans.csv"), "AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,"
                + "Type,Amount,DocNo\n420000,2026,11,219011,11,下达," + APPROVED + ",鄂财库〔2026〕11号\n",
                StandardCharsets.UTF_8);
        for (Path budget : List.of(indicators, plans)) {
            Process imported = jincai(home, 0, List.of(), "budget", "import", budget.getFileName().toString()
                    .replace(".csv", ""), budget.toString(), "--as", "operator");
            assertThat(imported.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(imported.exitValue()).as(HubProcess.tail(out(home, 0), 40)).isZero();
        }

        Process run = jincai(home, 1, List.of(), "payroll", "run", file.toString(), "--agency", SPEC.agency(), "--month",
                "2026-11");
        assertThat(run.waitFor(150, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(HubProcess.tail(out(home, 1), 40)).isEqualTo(3);
        String runId;
        String approvalId;
        String held = written.validTotal().setScale(2).toPlainString();
        try (Connection c = h2(home)) {
            runId = one(c, "SELECT run_id FROM payroll_run");
            approvalId = one(c, "SELECT approval_id FROM payroll_run");
            assertThat(one(c, "SELECT COUNT(*) FROM payment")).as("no payment before the approval").isEqualTo("0");
            assertThat(one(c, "SELECT reserved FROM budget_indicator")).as("held").isEqualTo(held);
        }

        Path marker = home.resolve("crash.marker");
        Process killed = jincai(home, 2, List.of("-D" + CrashPoints.PROPERTY + "=approval-rejected",
                "-D" + CrashPoints.MARKER_PROPERTY + "=" + marker), "approvals", "reject", approvalId, "--as",
                "dept-head", "--reason", "工资表有误，退回重报");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(marker).as(HubProcess.tail(out(home, 2), 60)).exists();
        killed.destroyForcibly().waitFor();
        try (Connection c = h2(home)) {
            assertThat(one(c, "SELECT status FROM approval")).isEqualTo("REJECTED");
            assertThat(one(c, "SELECT reserved FROM budget_indicator")).as("given back with the rejection")
                    .isEqualTo("0.00");
            assertThat(one(c, "SELECT reserved FROM budget_plan")).isEqualTo("0.00");
            assertThat(one(c, "SELECT COUNT(*) FROM voucher_answer")).as("not answered yet").isEqualTo("0");
        }

        Process restart = jincai(home, 3, List.of(), "payroll", "restart", runId);
        assertThat(restart.waitFor(150, TimeUnit.SECONDS)).isTrue();
        String printed = HubProcess.tail(out(home, 3), 40);
        assertThat(restart.exitValue()).as(printed).isZero();
        assertThat(printed).contains("REJECTED");

        try (Connection c = h2(home)) {
            assertThat(one(c, "SELECT status FROM payroll_run")).isEqualTo("REJECTED");
            assertThat(one(c, "SELECT COUNT(*) FROM payment")).as("no line ever made a payment").isEqualTo("0");
            assertThat(one(c, "SELECT reserved || ' ' || spent || ' ' || approved FROM budget_indicator"))
                    .as("given back once, to the fen").isEqualTo("0.00 0.00 " + APPROVED);
            assertThat(one(c, "SELECT COUNT(*) FROM budget_hold WHERE released <> amount OR drawn <> 0"))
                    .isEqualTo("0");
            assertThat(one(c, "SELECT COUNT(*) FROM bank_delivery")).as("nothing sent").isEqualTo("0");
            assertThat(one(c, "SELECT COUNT(*) FROM voucher_answer WHERE voucher_flag = 2")).isEqualTo("1");
            assertThat(one(c, "SELECT COUNT(*) FROM voucher_answer")).isEqualTo("1");
        }
        String summary = Files.readString(home.resolve("jobs/payroll").resolve(runId).resolve("summary.json"));
        assertThat(summary).contains("\"status\": \"REJECTED\"").contains("\"cancelled\": " + valid)
                .contains("\"cancelledAmount\": \"" + held + "\"");
    }

    private static Process jincai(Path home, int n, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Dspring.profiles.active=simulator", "-Djincai.controls.risk.enabled=false", "-Dlogging.threshold.console=WARN"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                JincaiCli.class.getName(), "--home", home.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out(home, n).toFile()).start();
    }

    private static Path out(Path home, int n) {
        return home.resolve("jincai-" + n + ".out");
    }

    private static Connection h2(Path home) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jincai"), "sa", "");
    }

    private static String one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
