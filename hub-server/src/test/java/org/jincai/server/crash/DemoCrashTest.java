package org.jincai.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.jincai.core.CrashPoints;
import org.jincai.server.HubTestSupport;
import org.jincai.server.cli.JincaiCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jincai demo} killed with SIGKILL at a point of its flow, then run again on the same home, as QA did
 * (it used to end with exit 1 and 65 payments stuck RELEASED): the second run finishes with exit 0, every
 * payment receipted, every file answered, and no file reached a bank twice.
 */
class DemoCrashTest {

    @ParameterizedTest
    @ValueSource(strings = {"intake-voucher-done@5", "upload-mid-transfer", "upload-after-rename", "receipt-recorded",
        "reconcile-statement-applied@2", "reconcile-return-staged"})
    void aDemoKilledAtAnyPointFinishesOnTheNextRunWithNothingStuck(String point) throws Exception {
        Path home = HubTestSupport.newHome("demo-crash");
        Path marker = home.resolve("crash.marker");

        Process killed = demo(home, 1, "-D" + CrashPoints.PROPERTY + "=" + point,
                "-D" + CrashPoints.MARKER_PROPERTY + "=" + marker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(marker).as("the demo reached " + point + ":\n" + HubProcess.tail(out(home, 1), 40)).exists();
        killed.destroyForcibly().waitFor();

        Process again = demo(home, 2);
        assertThat(again.waitFor(150, TimeUnit.SECONDS)).as("the second run ends").isTrue();
        String printed = HubProcess.tail(out(home, 2), 200);
        assertThat(again.exitValue()).as(printed).isZero();

        List<String> returnFiles;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jincai"), "sa", "")) {
            // receipted, and on DEMO-ISO reconciled with its notification and end-of-day statements, two given back
            assertThat(strings(c, "SELECT status || ' ' || COUNT(*) FROM payment GROUP BY status"))
                    .containsExactlyInAnyOrder("RECEIPTED 45", "RECONCILED 37", "RETURNED 2");
            assertThat(strings(c, "SELECT COUNT(*) FROM recon_match")).as("nothing matched twice").containsExactly("41");
            // the intraday notification and the two end-of-day statements
            assertThat(strings(c, "SELECT COUNT(*) FROM recon_statement")).containsExactly("3");
            assertThat(strings(c, "SELECT COUNT(*) FROM recon_exception")).containsExactly("4");
            assertThat(strings(c, "SELECT COUNT(*) FROM recon_return WHERE sent_at IS NOT NULL")).containsExactly("2");
            assertThat(strings(c, "SELECT DISTINCT status FROM bank_delivery")).containsExactly("ANSWERED");
            assertThat(strings(c, "SELECT COUNT(*) FROM payment")).containsExactly("84");
            assertThat(strings(c, "SELECT COUNT(*) FROM voucher_answer")).containsExactly("32");
            returnFiles = strings(c, "SELECT file_name FROM recon_return WHERE sent_at IS NOT NULL");
        }
        // each return owed upstream reached the finance system's outbox, or waits for the route; none half-written
        Path outbox = home.resolve("finance").resolve("HUBEI-FIN").resolve("outbox");
        Path waiting = home.resolve("finance-outbound").resolve("HUBEI-FIN");
        assertThat(returnFiles).hasSize(2)
                .allMatch(n -> Files.exists(outbox.resolve(n)) || Files.exists(waiting.resolve(n)));
        assertThat(names(waiting)).as("no .part left").noneMatch(n -> n.endsWith(".part"));
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED")) {
            Path sim = home.resolve("bank-simulator").resolve(bank);
            assertThat(names(sim.resolve("processed"))).as(bank + " received one file").hasSize(1);
            assertThat(Stream.of("outbox", "archive", "error").flatMap(f -> names(sim.resolve(f)).stream()))
                    .as(bank + ": no answer to a second arrival").noneMatch(n -> n.contains("-dup"));
        }
    }

    private static Process demo(Path home, int run, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Djincai.demo.payroll-rows=0"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                JincaiCli.class.getName(), "--home", home.toString(), "demo"));
        Files.createDirectories(home);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out(home, run).toFile()).start();
    }

    private static Path out(Path home, int run) {
        return home.resolve("demo-run-" + run + ".out");
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
