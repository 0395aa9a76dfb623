package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The voucher API over real HTTP, with the real routes, database, security and simulated banks: submit,
 * refuse, release, and the receipt once the banks have settled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VoucherApiTest {

    static final Path HOME = HubTestSupport.newHome("api");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        registry.add("jincai.api.max-envelope-bytes", () -> "65536");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> post(byte[] body, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/vouchers"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] example() throws IOException {
        try (var in = VoucherApiTest.class.getResourceAsStream("/api/mof-envelope-5201-8202.xml")) {
            return in.readAllBytes();
        }
    }

    @Test
    @Order(1)
    void anEnvelopeIsAnsweredWith202AndOneResultPerVoucherThenItsCopyIsRefusedAsDuplicate() throws Exception {
        HttpResponse<String> first = post(example(), "finance", "finance-pw");

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(first.body());
        assertThat(body.get("received").asInt()).isEqualTo(3);
        assertThat(body.get("accepted").asInt()).isEqualTo(3);
        JsonNode v1 = body.get("vouchers").get(0);
        assertThat(v1.get("voucherNo").asString()).isEqualTo("T202600000001");
        assertThat(v1.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(v1.get("bank").asString()).isEqualTo("DEMO-ISO");
        assertThat(v1.get("payments").asInt()).isEqualTo(3);
        assertThat(v1.get("errors")).isEmpty();

        JsonNode second = json.readTree(post(example(), "finance", "finance-pw").body());
        assertThat(second.get("accepted").asInt()).isZero();
        assertThat(second.get("duplicates").asInt()).isEqualTo(3);
        assertThat(second.get("vouchers").get(0).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(second.get("vouchers").get(0).get("errors").get(0).get("code").asString())
                .isEqualTo("DUPLICATE_VOUCHER");
        assertThat(DB.count("SELECT COUNT(*) FROM voucher")).isEqualTo(3);
    }

    @Test
    @Order(2)
    void anInvalidVoucherIsRefusedWithItsCodeAndLocationWhileTheOthersAreJudgedOnTheirOwn() throws Exception {
        // a new number: the example's own were taken by the first test, and a taken key is a duplicate whatever it holds
        byte[] tampered = Envelopes.withVoucherNo(Envelopes.exampleWithVoucherEdited("T202600000002",
                inner -> inner.replace("<PayAmt>87169.74</PayAmt>", "<PayAmt>87169.75</PayAmt>")),
                "T202600000002", "P202600000002");

        JsonNode body = json.readTree(post(tampered, "finance", "finance-pw").body());

        JsonNode v2 = body.get("vouchers").get(1);
        assertThat(v2.get("status").asString()).isEqualTo("REFUSED");
        assertThat(v2.get("errors").get(0).get("code").asString()).isEqualTo("PAY_AMT_MISMATCH");
        assertThat(v2.get("errors").get(0).get("location").asString()).contains("P202600000002");
        assertThat(body.get("vouchers").get(0).get("status").asString()).isEqualTo("DUPLICATE");
    }

    @Test
    @Order(3)
    void anOperatorReleasesAndTheSettledVoucherReceiptIsServedInGbk() throws Exception {
        String receiptUri = "/api/v1/vouchers/420000/2026/5201/T202600000002/receipt";
        HttpResponse<String> notReady = get(receiptUri, "finance", "finance-pw");
        assertThat(notReady.statusCode()).isEqualTo(404);
        assertThat(json.readTree(notReady.body()).get("code").asString()).isEqualTo("RECEIPT_NOT_READY");
        assertThat(json.readTree(get("/api/v1/vouchers/420000/2026/5201/NOPE/receipt", "auditor", "auditor-pw").body())
                .get("code").asString()).isEqualTo("VOUCHER_NOT_FOUND");

        assertThat(send("POST", "/api/v1/releases", "finance", "finance-pw").statusCode()).isEqualTo(403);
        HttpResponse<String> released = send("POST", "/api/v1/releases", "operator", "operator-pw");
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json.readTree(released.body()).get("files")).hasSize(3);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(receiptUri, "auditor", "auditor-pw").statusCode() == 200);
        HttpResponse<byte[]> receipt = http.send(request(receiptUri, "finance", "finance-pw").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(receipt.headers().firstValue("Content-Type")).get().asString().contains("GBK");
        VoucherBody body = new MofEnvelopeReader().read(new ByteArrayInputStream(receipt.body()), "receipt").bodies().get(0);
        assertThat(body.voucherFlag()).isEqualTo(VoucherBody.FLAG_RECEIPT);
        assertThat(new PaymentVoucherReader().read(body).voucher().xPayAmt()).isEqualByComparingTo("87169.74");
    }

    @Test
    @Order(4)
    void operatorsAndAuditorsSeeTheBanksStatementLinesAndNobodyElse() throws Exception {
        String uri = "/api/v1/statements?bank=DEMO-ISO";
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> json.readTree(get(uri, "auditor", "auditor-pw").body()).get("items").size() > 0);

        JsonNode listing = json.readTree(get(uri, "operator", "operator-pw").body());
        assertThat(listing.get("items")).allSatisfy(l -> {
            assertThat(l.get("bankCode").asString()).isEqualTo("DEMO-ISO");
            assertThat(l.get("status").asString()).isEqualTo("BOOK");
            assertThat(l.get("paymentId").isNull()).isFalse();
        });
        assertThat(json.readTree(get(uri + "&pending=true", "auditor", "auditor-pw").body()).get("items")).isEmpty();
        assertThat(get(uri, "finance", "finance-pw").statusCode()).isEqualTo(403);
        HttpResponse<String> badSize = get(uri + "&size=0", "auditor", "auditor-pw");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badSize.body()).get("code").asString()).isEqualTo("SIZE_INVALID");
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return http.send(request(path, user, password).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String user, String password) throws Exception {
        return http.send(request(path, user, password).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(4)
    void vouchersThatCannotBeStoredAreEachRefusedWithACodeNever500() throws Exception {
        // before: 500 INTERNAL_ERROR, the vouchers before the bad one stored and paid, those after it never answered
        byte[] envelope = Envelopes.exampleWithVoucherEdited("T202600000001",
                inner -> inner.replaceAll("<PayBankCode>[^<]*</PayBankCode>", ""));
        envelope = Envelopes.withVoucherNo(Envelopes.withVoucherNo(envelope, "T202600000001", "A500-1"),
                "T202600000002", "A500-2" + "9".repeat(40));
        envelope = Envelopes.withVoucherNo(envelope, "T202600000003", "A500-3");

        HttpResponse<String> r = post(envelope, "finance", "finance-pw");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("received").asInt()).isEqualTo(3);
        assertThat(body.get("vouchers").get(0).get("errors").get(0).get("code").asString()).isEqualTo("MISSING_FIELD");
        assertThat(body.get("vouchers").get(0).get("errors").get(0).get("location").asString()).endsWith("PayBankCode");
        assertThat(body.get("vouchers").get(1).get("errors").get(0).get("code").asString()).isEqualTo("FIELD_TOO_LONG");
        assertThat(body.get("vouchers").get(2).get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(DB.count("SELECT COUNT(*) FROM voucher WHERE voucher_no LIKE 'A500-%'")).isEqualTo(1);
        assertThat(HOME.resolve("spool").toFile().list()).as("the spooled body is removed").isEmpty();
    }

    @Test
    void anUnreadableEnvelopeIs400WithACodeAndNoStackTrace() throws Exception {
        HttpResponse<String> r = post("<MOF><VoucherCount>".getBytes(StandardCharsets.UTF_8), "finance", "finance-pw");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("code").asString()).isEqualTo("XML_NOT_WELL_FORMED");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void anEnvelopeAboveTheSizeLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> r = post(new byte[70_000], "finance", "finance-pw");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json.readTree(r.body()).get("code").asString()).isEqualTo("ENVELOPE_TOO_LARGE");
    }

    @Test
    void anEmptyBodyIsRefusedWithACode() throws Exception {
        HttpResponse<String> r = post(new byte[0], "finance", "finance-pw");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("code").asString()).isEqualTo("BODY_MISSING");
    }

    @Test
    void anEnvelopeWithAnExternalEntityIsRefusedWithoutReadingIt() throws Exception {
        String xxe = """
                <?xml version="1.0" encoding="GBK"?>
                <!DOCTYPE MOF [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <MOF><VoucherCount>&x;</VoucherCount></MOF>""";

        HttpResponse<String> r = post(xxe.getBytes(StandardCharsets.UTF_8), "finance", "finance-pw");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("code").asString()).isEqualTo("DOCTYPE_NOT_ALLOWED");
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void noCredentialsIs401AndTheWrongRoleIs403() throws Exception {
        assertThat(post(example(), null, null).statusCode()).isEqualTo(401);
        assertThat(post(example(), "finance", "wrong").statusCode()).isEqualTo(401);
        assertThat(post(example(), "auditor", "auditor-pw").statusCode()).isEqualTo(403);
    }

    @Test
    void healthIsOpenAndUpOnceEveryBankConsumerHasPolled() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build();
        // readiness waits for every upload and inbound consumer's first poll (one SFTP login per bank)
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body()).contains("\"UP\"");
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/anything")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isIn(401, 403);
    }
}
