package org.jincai.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.release.DeliveryEvent;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.ReleaseResult;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.routes.RouteIds;
import org.jincai.routes.bank.SftpUris;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Payment files reach their bank at most once without trusting the bank's inbox, with the real routes,
 * database, API and simulated banks over SFTP. Each test is a regression of issue 7/8: the hub used to
 * send a file again when the bank had moved it out of its inbox (its only idempotency was the final name
 * still being there), looped on a staged file whose record was missing, and re-sent a delivery left
 * UPLOADING without looking. DEMO-PIPE's profile (application-simulator.yml) names the archive where its
 * bank shows the files it took ({@code received}); DEMO-ISO's and DEMO-FIXED's name none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class DeliveryAtMostOnceTest {

    static final Path HOME = HubTestSupport.newHome("delivery");
    static final TestDatabase DB = TestDatabase.create();
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final List<String> BANKS = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");
    /** The example's three vouchers carry 3 + 4 + 4 details, one voucher per bank. */
    static final int PAYMENTS = 11;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    BankSimulator simulator;
    @Autowired
    CamelContext camel;
    @Autowired
    DeliveryService deliveries;
    @Autowired
    BankDirectory banks;
    @Autowired
    SftpUris uris;
    @Value("${local.server.port}")
    int port;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void clearFaults() throws Exception {
        simulator.faults().clear();
        if (!simulator.faults().isUp()) {
            simulator.faults().comeBack();
        }
        for (String bank : BANKS) {
            camel.getRouteController().startRoute(RouteIds.bankUpload(bank));
            camel.getRouteController().startRoute(RouteIds.bankInbound(bank));
        }
    }

    @Test
    void aBankThatMovesEachFileOutAtOnceAndCutsTheSessionBeforeTheHubHearsBackGetsEachFileOnce() throws Exception {
        simulator.faults().moveArrivalsOut().cutSessionAfterNextArrival(Duration.ZERO);

        List<StagedFile> staged = receiveAndRelease("MOVED");

        awaitReceipted("MOVED");
        assertThat(simulator.faults().armed()).as("a session was cut").containsEntry("cutAfterArrival", "null");
        assertEachFileArrivedOnce(staged);
        // a bank that notifies intraday may book a file (camt.054) before its status report is read: the payments are
        // paid and receipted first, and the file becomes ANSWERED when its pain.002 follows
        Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> DB.count(
                "SELECT COUNT(*) FROM bank_delivery WHERE status <> 'ANSWERED' AND delivery_id IN (" + ids(staged)
                        + ")") == 0);
    }

    @Test
    void anOutageLongerThanTheRetryBudgetStartingWhenAFileLandsEndsWithThatFileSentOnce() throws Exception {
        // the bank takes the file, moves it out of sight, cuts the session before the hub hears back, then stays
        // down longer than the upload's retries (4 attempts within about 4 s)
        simulator.faults().moveArrivalsOut().cutSessionAfterNextArrival(Duration.ofSeconds(7));

        List<StagedFile> staged = receiveAndRelease("OUTAG");

        Awaitility.await().atMost(SETTLE).until(() -> !simulator.faults().isUp());
        awaitReceipted("OUTAG");
        assertEachFileArrivedOnce(staged);
    }

    @Test
    void aStagedFileWithoutItsRecordIsQuarantinedNeverSentAndTheBankStillGetsTheOthers() throws Exception {
        Path folder = HOME.resolve("outbound").resolve("DEMO-FIXED");
        Files.createDirectories(folder);
        String lost = "DEMO-FIXED_20261207_B000000LOST0000_001.txt";
        Files.writeString(folder.resolve(lost), "a file whose delivery record was lost");

        Path quarantined = folder.resolve(StagingArea.QUARANTINE).resolve(lost);
        Awaitility.await().atMost(SETTLE).until(() -> Files.exists(quarantined));
        assertThat(Files.readString(folder.resolve(StagingArea.QUARANTINE).resolve(lost + StagingArea.REASON)))
                .contains("code: STAGED_FILE_UNKNOWN");
        List<StagedFile> staged = receiveAndRelease("QUARA");
        awaitReceipted("QUARA");
        assertThat(simulator.receivedFiles("DEMO-FIXED")).doesNotContain(lost);
        assertEachFileArrivedOnce(staged);
    }

    @Test
    void aDeliveryLeftUploadingIsFoundInTheArchiveTheBankShowsAndNeverSentAgain() throws Exception {
        stopRoutes("DEMO-PIPE");
        simulator.faults().moveArrivalsOut();
        StagedFile pipe = fileOf(receiveAndRelease("UPLNG"), "DEMO-PIPE");
        // as a hub killed right after the rename leaves it: the file is at the bank, the database says UPLOADING
        deliveries.startTransfer(pipe.deliveryId(), "test");
        deliveries.renameAsked(pipe.deliveryId(), "test");
        producer.sendBodyAndHeader(uris.bankSession(banks.require("DEMO-PIPE")), Files.readAllBytes(pipe.path()),
                Exchange.FILE_NAME, pipe.fileName());
        Awaitility.await().atMost(SETTLE).until(() -> simulator.receivedFiles("DEMO-PIPE").contains(pipe.fileName()));

        camel.getRouteController().startRoute(RouteIds.bankUpload("DEMO-PIPE"));

        Awaitility.await().atMost(SETTLE).until(() -> status(pipe) == DeliveryStatus.UPLOADED);
        assertThat(deliveries.history(pipe.deliveryId())).last().extracting(DeliveryEvent::reason).asString()
                .contains("in the bank's archive received");
        camel.getRouteController().startRoute(RouteIds.bankInbound("DEMO-PIPE"));
        awaitReceipted("UPLNG");
        assertThat(simulator.receivedFiles("DEMO-PIPE")).containsOnlyOnce(pipe.fileName());
    }

    @Test
    void aDeliveryNothingTellsAboutIsHeldForAnOperatorWhoResendsTheSameFileOverTheApi() throws Exception {
        stopRoutes("DEMO-FIXED");
        StagedFile fixed = fileOf(receiveAndRelease("HELDF"), "DEMO-FIXED");
        // killed after asking for the rename, and the bank shows nothing: no file, no temporary file, no answer
        deliveries.startTransfer(fixed.deliveryId(), "test");
        deliveries.renameAsked(fixed.deliveryId(), "test");
        camel.getRouteController().startRoute(RouteIds.bankInbound("DEMO-FIXED"));
        Awaitility.await().atMost(SETTLE).until(() -> names(simulator.home("DEMO-FIXED").resolve("outbox")).isEmpty());

        camel.getRouteController().startRoute(RouteIds.bankUpload("DEMO-FIXED"));

        Awaitility.await().atMost(SETTLE).until(() -> status(fixed) == DeliveryStatus.DELIVERY_UNCERTAIN);
        Path held = HOME.resolve("outbound").resolve("DEMO-FIXED").resolve(StagingArea.HELD).resolve(fixed.fileName());
        Awaitility.await().atMost(SETTLE).until(() -> Files.exists(held));
        assertThat(simulator.receivedFiles("DEMO-FIXED")).doesNotContain(fixed.fileName());

        HttpResponse<String> listed = call("GET", "/api/v1/deliveries?status=DELIVERY_UNCERTAIN", null, "auditor");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode uncertain = json.readTree(listed.body()).get("items");
        assertThat(uncertain).anySatisfy(d -> {
            assertThat(d.get("id").asString()).isEqualTo(fixed.deliveryId());
            assertThat(d.get("statusReason").asString()).contains("not in the bank's inbox");
        });
        assertThat(call("GET", "/api/v1/deliveries?status=NOT_A_STATUS", null, "operator").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/deliveries", null, "finance").statusCode()).isEqualTo(403);
        String resend = "/api/v1/deliveries/" + fixed.deliveryId() + "/resend";
        assertThat(call("POST", resend, "{\"reason\":\"resend\"}", "auditor").statusCode()).isEqualTo(403);
        assertCode(call("POST", resend, "{}", "operator"), 400, "REASON_REQUIRED");
        assertCode(call("POST", "/api/v1/deliveries/NO-SUCH-ID/confirm", "{\"reason\":\"x\"}", "operator"), 404,
                "DELIVERY_NOT_FOUND");

        HttpResponse<String> resent = call("POST", resend, "{\"reason\":\"the bank confirmed by phone it has no such file\"}",
                "operator");

        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(json.readTree(resent.body()).get("status").asString()).isEqualTo("PREPARED");
        awaitReceipted("HELDF");
        assertThat(simulator.receivedFiles("DEMO-FIXED")).containsOnlyOnce(fixed.fileName());
        assertThat(DB.count("SELECT COUNT(*) FROM delivery_event WHERE delivery_id = '" + fixed.deliveryId()
                + "' AND actor = 'operator' AND from_status = 'DELIVERY_UNCERTAIN' AND to_status = 'PREPARED'"
                + " AND reason LIKE '%has no such file%'")).isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM payment_event e JOIN payment p ON p.payment_id = e.payment_id"
                + " WHERE p.delivery_id = '" + fixed.deliveryId() + "' AND e.actor = 'operator'"
                + " AND e.from_status = 'RELEASED' AND e.to_status = 'RELEASED'")).isEqualTo(4);
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE object_type = 'delivery' AND object_id = '"
                + fixed.deliveryId() + "' AND action = 'DELIVERY_RESENT' AND channel = 'REST' AND actor = 'operator'"))
                .isEqualTo(1);
        assertCode(call("POST", resend, "{\"reason\":\"again\"}", "operator"), 409, "DELIVERY_NOT_UNCERTAIN");
    }

    // ---- helpers ----

    private void stopRoutes(String bank) throws Exception {
        camel.getRouteController().stopRoute(RouteIds.bankUpload(bank));
        camel.getRouteController().stopRoute(RouteIds.bankInbound(bank));
    }

    /** Takes in the example renumbered with {@code tag} and releases it: one file per bank. */
    private List<StagedFile> receiveAndRelease(String tag) {
        @SuppressWarnings("unchecked")
        List<VoucherOutcome> outcomes = producer.requestBodyAndHeaders(RouteIds.VOUCHER_INTAKE_ENDPOINT,
                Envelopes.exampleRenumbered(tag), Map.of(RouteIds.HEADER_SOURCE, "test", RouteIds.HEADER_ACTOR, "test"),
                List.class);
        assertThat(outcomes).allMatch(VoucherOutcome::accepted);
        List<StagedFile> staged = producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null,
                RouteIds.HEADER_ACTOR, "test", ReleaseResult.class).staged();
        assertThat(staged).extracting(StagedFile::bankCode).containsExactlyInAnyOrderElementsOf(BANKS);
        return staged;
    }

    private static StagedFile fileOf(List<StagedFile> staged, String bank) {
        return staged.stream().filter(f -> f.bankCode().equals(bank)).findFirst().orElseThrow();
    }

    private DeliveryStatus status(StagedFile f) {
        return deliveries.find(f.deliveryId()).orElseThrow().status();
    }

    /** Every payment of the vouchers tagged {@code tag} settled and receipted: 11 of them, 3 vouchers answered. */
    private static void awaitReceipted(String tag) {
        Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> DB.count("SELECT COUNT(*) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id"
                        + " WHERE v.voucher_no LIKE '" + tag + "%' AND p.status = 'RECEIPTED'") == PAYMENTS);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_answer a JOIN voucher v ON v.voucher_id = a.voucher_id"
                + " WHERE v.voucher_no LIKE '" + tag + "%'")).isEqualTo(3);
    }

    /** Each staged file reached its bank exactly once, and its payments are in no other file. */
    private void assertEachFileArrivedOnce(List<StagedFile> staged) {
        for (StagedFile f : staged) {
            assertThat(simulator.receivedFiles(f.bankCode())).as(f.fileName()).containsOnlyOnce(f.fileName());
        }
        assertThat(DB.count("SELECT COUNT(*) FROM bank_delivery WHERE delivery_id IN (" + ids(staged) + ")"))
                .isEqualTo(staged.size());
    }

    private static String ids(List<StagedFile> staged) {
        return String.join(",", staged.stream().map(f -> "'" + f.deliveryId() + "'").toList());
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String user) throws Exception {
        return ApiCalls.json(port, method, path, body, user);
    }

    private void assertCode(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }
}
