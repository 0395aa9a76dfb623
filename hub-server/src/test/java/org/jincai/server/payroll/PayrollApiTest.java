package org.jincai.server.payroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Payroll runs over real HTTP against the simulated banks (controls off): an operator launches a run by multipart
 * upload, an auditor follows it until the banks have answered, the outputs are served by role, an operator of another
 * agency neither launches nor sees it (OUT_OF_SCOPE), and the same file again is PAYROLL_ALREADY_RUN, its uploaded
 * copy removed from the spool. An upload a stop left in the spool without a run is removed when the hub starts
 * ({@link PayrollSpoolSweep}), which keeps a run's input and an upload written since the start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class PayrollApiTest {

    static final Path HOME = HubTestSupport.newHome("payroll-api");
    static final TestDatabase DB = TestDatabase.create();
    static final String LEFT_BY_A_STOP = "0b7e9a52-left-by-a-stop.csv";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        // an operator of another agency of the same division: sees and launches nothing of agency 219011
        HubTestSupport.scopedUser(registry, 3, "elsewhere", "420000", "999001", "OPERATOR", "AUDITOR");
        // an upload a hub killed between the copy and the run left in the spool: removed at this start
        try {
            Path left = Files.createDirectories(PayrollController.spool(HOME)).resolve(LEFT_BY_A_STOP);
            Files.writeString(left, "employee_id,name\n");
            Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    PayrollLauncher launcher;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void anOperatorLaunchesARunAnAuditorFollowsItAndTheOutputsAreServedByRole() throws Exception {
        assertThat(spooled()).as("the upload a stop left without a run, removed at the start").isEmpty();
        Path file = HOME.resolve("payroll.csv");
        PayrollCsv.Written written = PayrollCsv.write(file, 60, new PayrollCsv.Spec("219011", "2050201", "50101", "11",
                List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED"), 40, 0), StandardCharsets.UTF_8);
        byte[] form = ApiCalls.payrollForm(file, "219011", "2026-11");

        assertThat(launch(form, "auditor").statusCode()).isEqualTo(403);
        HttpResponse<String> outside = launch(form, "elsewhere");
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.body()).contains("OUT_OF_SCOPE");
        HttpResponse<String> launched = launch(form, "operator");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
        String runId = json.readTree(launched.body()).path("run").path("runId").asString();

        JsonNode run = null;
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            run = json.readTree(get("/api/v1/payroll/runs/" + runId, "auditor").body());
            if ("COMPLETED".equals(run.path("job").asString())) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(run.path("job").asString()).as(run.toString()).isEqualTo("COMPLETED");
        HttpResponse<String> hidden = get("/api/v1/payroll/runs/" + runId, "elsewhere");
        assertThat(hidden.statusCode()).isEqualTo(403);
        assertThat(hidden.body()).contains("OUT_OF_SCOPE");
        assertThat(run.path("summary").path("refused").asLong()).isEqualTo(written.refused());
        assertThat(run.path("summary").path("all").path("sent").asLong()).isEqualTo(60 - written.refused());

        HttpResponse<String> results = get("/api/v1/payroll/runs/" + runId + "/outputs/results.csv", "operator");
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body().lines()).hasSize(60 - written.refused() + 1);
        assertThat(get("/api/v1/payroll/runs/" + runId + "/outputs/summary.json", "finance").statusCode())
                .isEqualTo(403);

        String paymentId = results.body().lines().skip(1).findFirst().orElseThrow().split(",")[6];
        List<JsonNode> events = new ArrayList<>();
        json.readTree(get("/api/v1/payments/" + paymentId + "/timeline", "auditor").body()).path("entries")
                .forEach(e -> {
                    if ("EVENT".equals(e.path("kind").asString())) {
                        events.add(e);
                    }
                });
        assertThat(events).as("the timeline tells every state the payment passed").isNotEmpty();
        assertThat(events.get(0).path("to").asString()).as("born with its file").isEqualTo("RELEASED");
        assertThat(events.get(0).path("what").asString()).startsWith("RECEIVED → VALIDATED → RESERVED → PENDING_APPROVAL"
                + " → APPROVED → RELEASED: payroll run " + runId + " line ").contains(" checked; budget control off:"
                + " passed without a check; approved with the run by ").contains("; released in ");

        HttpResponse<String> again = launch(form, "operator");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("PAYROLL_ALREADY_RUN");
        assertThat(spooled()).as("the refused upload's copy removed, the run's own input kept")
                .containsExactly(Path.of(run.path("run").path("filePath").asString()));

        // the sweep at a start keeps a run's input however old, and an upload written since the process started
        Path input = Path.of(run.path("run").path("filePath").asString());
        Instant started = Instant.now().minus(Duration.ofMinutes(1));
        Files.setLastModifiedTime(input, FileTime.from(started.minus(Duration.ofHours(1))));
        Path orphan = Files.writeString(input.resolveSibling("5d1c-orphan.csv"), "employee_id,name\n");
        Files.setLastModifiedTime(orphan, FileTime.from(started.minus(Duration.ofHours(1))));
        Path arriving = Files.writeString(input.resolveSibling("9f3a-arriving.csv"), "employee_id,name\n");
        assertThat(new PayrollSpoolSweep(launcher, PayrollController.spool(HOME), started).sweep()).isEqualTo(1);
        assertThat(spooled()).containsExactlyInAnyOrder(input, arriving);
    }

    private static List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(HOME.resolve("spool").resolve("payroll"))) {
            return files.toList();
        }
    }

    private HttpResponse<String> launch(byte[] form, String user) throws Exception {
        return http.send(request("/api/v1/payroll/runs", user).header("Content-Type",
                ApiCalls.FORM).POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
    }
}
