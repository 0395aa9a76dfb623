package org.jincai.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * A payroll upload whose hub is killed with SIGKILL after the file is copied into {@code spool/payroll} and before the
 * launcher takes it (crash point {@code payroll-upload-spooled}): the sender gets no answer, the database has no run,
 * and the copy — names, ID numbers, accounts — is alone in the spool. The next start removes it (PayrollSpoolSweep,
 * logged with the file's name), and the same upload sent again is taken: one run, whose input is the only file left in
 * the spool. The hub runs in a child JVM on its embedded H2 (CI's PostgreSQL pass leaves the crash tests out).
 */
class PayrollUploadCrashTest {

    private static final PayrollCsv.Spec SPEC = new PayrollCsv.Spec("219011", "2050201", "50101", "11",
            SimulatedBanks.CODES, 50, 97);

    @Test
    void anUploadKilledBeforeItsRunIsRemovedAtTheNextStartAndTakenWhenSentAgain() throws Exception {
        Path root = HubTestSupport.newHome("payroll-upload-crash");
        Path home = root.resolve("hub");
        Path spool = home.resolve("spool").resolve("payroll");
        Path csv = root.resolve("payroll.csv");
        PayrollCsv.write(csv, 60, SPEC, StandardCharsets.UTF_8);
        byte[] form = ApiCalls.payrollForm(csv, SPEC.agency(), "2026-11");
        try (SimulatedBanks banks = SimulatedBanks.start(root, RejectionRule.accountEndingWith("0000"))) {
            List<String> args = new ArrayList<>(List.of(banks.hubArgument(), "--jincai.payroll.adm-div-code=420000"));
            for (int i = 0; i < SimulatedBanks.CODES.size(); i++) {
                args.add("--jincai.payroll.payers[" + i + "].bank=" + SimulatedBanks.CODES.get(i));
                args.add("--jincai.payroll.payers[" + i + "].account=95588000000001" + i + "1");
                args.add("--jincai.payroll.payers[" + i + "].name=HUBEI TREASURY PAYROLL");
            }

            try (HubProcess hub = HubProcess.start(home, 1, "payroll-upload-spooled", args)) {
                hub.arm();
                CompletableFuture<Integer> answer = hub.callAsync("POST", "/api/v1/payroll/runs", form, ApiCalls.FORM,
                        "operator").handle((response, failure) -> response == null ? -1 : response.statusCode());
                assertThat(hub.awaitCrashPoint(Duration.ofSeconds(60))).as(hub.tail()).isTrue();
                hub.kill();
                assertThat(answer.get(30, TimeUnit.SECONDS)).as("the sender had no answer").isEqualTo(-1);
            }
            List<Path> left = files(spool);
            assertThat(left).as("the copy alone in the spool").hasSize(1);
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jincai"),
                    "sa", ""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM payroll_run")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("no run taken").isZero();
            }

            try (HubProcess hub = HubProcess.start(home, 2, null, args)) {
                assertThat(files(spool)).as("removed at the start").isEmpty();
                assertThat(Files.readString(home.resolve("logs").resolve("run-2.log")))
                        .contains("payroll upload " + left.get(0).getFileName() + " was kept in the spool and never"
                                + " taken by a run");
                HttpResponse<String> again = hub.call("POST", "/api/v1/payroll/runs", form, ApiCalls.FORM, "operator");
                assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
                String input = new ObjectMapper().readTree(again.body()).path("run").path("filePath").asString();
                assertThat(files(spool)).as("the run's input, the only file in the spool")
                        .containsExactly(Path.of(input));
                hub.stop();
            }
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
