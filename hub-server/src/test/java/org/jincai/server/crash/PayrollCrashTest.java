package org.jincai.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import java.util.stream.Stream;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.CrashPoints;
import org.jincai.server.HubTestSupport;
import org.jincai.server.cli.JincaiCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jincai payroll run} in a child JVM against the simulated banks, killed with SIGKILL at a point of the job —
 * after validation, mid-rendering (a file written, not recorded; a file recorded, not renamed), after a file reached
 * its bank but before the database knew — then the same command run again: it resumes the run and completes it; every valid line has one
 * payment, every payment is in one file, no bank received a file twice, and the outputs agree with the database to
 * the fen.
 */
class PayrollCrashTest {

    private static final int ROWS = 600;
    private static final PayrollCsv.Spec SPEC = new PayrollCsv.Spec("219011", "2050201", "50101", "11",
            List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED"), 50, 97);

    @ParameterizedTest
    @ValueSource(strings = {"payroll-validated", "release-file-written@2", "release-recorded@3", "upload-after-rename"})
    void aPayrollKilledAnywhereIsFinishedByTheSameCommandWithNobodyPaidTwice(String point) throws Exception {
        Path home = HubTestSupport.newHome("payroll-crash");
        Path file = home.resolve("payroll-2026-11.csv");
        PayrollCsv.Written written = PayrollCsv.write(file, ROWS, SPEC, StandardCharsets.UTF_8);
        Path marker = home.resolve("crash.marker");

        Process killed = payroll(home, file, 1, "-D" + CrashPoints.PROPERTY + "=" + point,
                "-D" + CrashPoints.MARKER_PROPERTY + "=" + marker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(marker).as("reached " + point + ":\n" + HubProcess.tail(out(home, 1), 60)).exists();
        killed.destroyForcibly().waitFor();

        Process again = payroll(home, file, 2);
        assertThat(again.waitFor(150, TimeUnit.SECONDS)).as("the second run ends").isTrue();
        String printed = HubProcess.tail(out(home, 2), 80);
        assertThat(again.exitValue()).as(printed).isZero();
        assertThat(printed).contains("resumed payroll run");

        int valid = ROWS - written.refused();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jincai"), "sa", "")) {
            assertThat(one(c, "SELECT COUNT(*) FROM payroll_run")).isEqualTo("1");
            assertThat(one(c, "SELECT COUNT(*) FROM payroll_line WHERE state = 'REFUSED'"))
                    .isEqualTo(String.valueOf(written.refused()));
            assertThat(one(c, "SELECT COUNT(*) FROM payroll_line l JOIN payroll_run r ON r.run_id = l.run_id"
                    + " JOIN payment p ON p.voucher_id = r.voucher_id AND p.seq = l.line_no WHERE l.state = 'VALID'"))
                    .isEqualTo(String.valueOf(valid));
            assertThat(one(c, "SELECT COUNT(*) FROM payment")).as("one payment per valid line").isEqualTo(
                    String.valueOf(valid));
            assertThat(one(c, "SELECT COUNT(*) FROM payment WHERE delivery_id IS NULL")).isEqualTo("0");
            assertThat(strings(c, "SELECT DISTINCT status FROM bank_delivery")).containsExactly("ANSWERED");
            assertThat(new BigDecimal(one(c, "SELECT SUM(amount) FROM payment")))
                    .isEqualByComparingTo(written.validTotal());
            int files = Integer.parseInt(one(c, "SELECT COUNT(*) FROM bank_delivery"));
            List<String> received = new ArrayList<>();
            for (String bank : SPEC.banks()) {
                Path sim = home.resolve("bank-simulator").resolve(bank);
                received.addAll(names(sim.resolve("processed")));
                assertThat(Stream.of("outbox", "archive", "error").flatMap(f -> names(sim.resolve(f)).stream()))
                        .as(bank + ": no answer to a second arrival").noneMatch(n -> n.contains("-dup"));
            }
            assertThat(received).as("every file received once").hasSize(files).doesNotHaveDuplicates();
            String runId = one(c, "SELECT run_id FROM payroll_run");
            Path outputs = home.resolve("jobs/payroll").resolve(runId);
            assertThat(Files.readAllLines(outputs.resolve("results.csv"))).hasSize(valid + 1);
            assertThat(Files.readAllLines(outputs.resolve("rejected.csv"))).hasSize(written.refused() + 1);
            String summary = Files.readString(outputs.resolve("summary.json"));
            BigDecimal paid = new BigDecimal(one(c, "SELECT COALESCE(SUM(amount), 0) FROM payment WHERE status IN"
                    + " ('PAID', 'RECEIPTED', 'RECONCILED')"));
            assertThat(summary).contains("\"paidAmount\": \"" + paid.setScale(2).toPlainString() + "\"");
        }
    }

    private static Process payroll(Path home, Path file, int run, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Dspring.profiles.active=simulator", "-Djincai.controls.budget.enabled=false",
                "-Djincai.controls.risk.enabled=false", "-Dlogging.threshold.console=WARN",
                "-Djincai.inbox-ready.stable-for=1s"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                JincaiCli.class.getName(), "--home", home.toString(), "payroll", "run", file.toString(), "--agency",
                SPEC.agency(), "--month", "2026-11", "--approve-as", "dept-head"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out(home, run).toFile()).start();
    }

    private static Path out(Path home, int run) {
        return home.resolve("payroll-run-" + run + ".out");
    }

    private static String one(Connection c, String sql) throws Exception {
        return strings(c, sql).get(0);
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
