package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.core.alert.AlertService;
import org.jincai.core.alert.NewAlert;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.reconcile.ExceptionKind;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.NewException;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The read API over real HTTP, security, H2 and simulated banks: three vouchers of three agencies are taken in,
 * released, answered, booked on a statement and receipted; then every list pages, filters and keeps to the reader's
 * scope (an auditor of one agency sees that agency's only, one of another province nothing), one payment's timeline
 * shows its events, file, answer, statement line and receipt, and a bank file downloads as the very bytes the bank got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiTest {

    static final Path HOME = HubTestSupport.newHome("read-api");
    static final TestDatabase DB = TestDatabase.create();
    static final Duration SETTLE = Duration.ofSeconds(90);

    /** The agency of voucher T202600000001 in the example envelope. */
    static final String AGENCY = "219011";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        HubTestSupport.scopedUser(registry, 3, "agency-auditor", "420000", AGENCY, "AUDITOR");
        HubTestSupport.scopedUser(registry, 4, "elsewhere", "110000", null, "AUDITOR", "OPERATOR", "APPROVER");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    BankSimulator simulator;
    @Autowired
    ExceptionQueue exceptions;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AlertService alerts;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    /** A payment of voucher T202600000001 that its bank answered and booked on a statement. */
    String booked;

    @BeforeAll
    void takeInReleaseAndSettle() throws Exception {
        byte[] envelope;
        try (InputStream in = ReadApiTest.class.getResourceAsStream("/api/mof-envelope-5201-8202.xml")) {
            envelope = in.readAllBytes();
        }
        HttpResponse<String> taken = send("POST", "/api/v1/vouchers", envelope, "finance");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
        assertThat(send("POST", "/api/v1/releases", null, "operator").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).until(() ->
                DB.count("SELECT COUNT(*) FROM voucher_answer a JOIN voucher v ON v.voucher_id = a.voucher_id"
                        + " WHERE v.voucher_no = 'T202600000001'") > 0
                        && DB.count("SELECT COUNT(*) FROM statement_entry e JOIN payment p ON p.payment_id = e.payment_id"
                        + " JOIN voucher v ON v.voucher_id = p.voucher_id WHERE v.voucher_no = 'T202600000001'") > 0);
        booked = items(read(get("/api/v1/statements?size=500", "auditor"))).stream()
                .filter(l -> !l.get("paymentId").isNull()).map(l -> l.get("paymentId").asString())
                .filter(id -> agencyOf(id).equals(AGENCY)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void vouchersPageFilterAndKeepToTheReadersScope() throws Exception {
        JsonNode all = read(get("/api/v1/vouchers", "auditor"));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("page").asInt()).isZero();
        assertThat(all.get("size").asInt()).isEqualTo(50);
        assertThat(all.get("hasNext").asBoolean()).isFalse();

        JsonNode first = read(get("/api/v1/vouchers?size=2", "auditor"));
        JsonNode second = read(get("/api/v1/vouchers?size=2&page=1", "auditor"));
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("hasNext").asBoolean()).isFalse();
        Set<String> numbers = new HashSet<>();
        Stream.concat(items(first).stream(), items(second).stream()).forEach(v -> numbers.add(v.get("voucherNo").asString()));
        assertThat(numbers).as("two pages, every voucher once").containsExactlyInAnyOrder("T202600000001",
                "T202600000002", "T202600000003");
        assertThat(items(read(get("/api/v1/vouchers?size=2&page=5", "auditor")))).isEmpty();

        assertThat(voucherNos("/api/v1/vouchers?voucherNo=T202600000002", "auditor")).containsExactly("T202600000002");
        assertThat(voucherNos("/api/v1/vouchers?agency=" + AGENCY, "auditor")).containsExactly("T202600000001");
        JsonNode v1 = items(read(get("/api/v1/vouchers?voucherNo=T202600000001", "auditor"))).get(0);
        assertThat(voucherNos("/api/v1/vouchers?bank=" + v1.get("bankCode").asString(), "auditor"))
                .contains("T202600000001").doesNotContain("T202600000002");
        String vtCode = v1.get("vtCode").asString();
        assertThat(items(read(get("/api/v1/vouchers?vtCode=" + vtCode + "&admDivCode=420000", "auditor"))))
                .extracting(v -> v.get("vtCode").asString() + " " + v.get("voucherNo").asString())
                .contains(vtCode + " T202600000001").allSatisfy(v -> assertThat(v).startsWith(vtCode + " "));
        assertThat(voucherNos("/api/v1/vouchers?admDivCode=110000", "auditor")).isEmpty();
        assertThat(voucherNos("/api/v1/vouchers?financeSystem=NO-SUCH-SYSTEM", "auditor")).isEmpty();
        LocalDate day = LocalDate.parse(v1.get("vouDate").asString());
        assertThat(voucherNos("/api/v1/vouchers?from=" + day + "&to=" + day, "auditor")).contains("T202600000001");
        assertThat(voucherNos("/api/v1/vouchers?from=" + day.plusDays(1) + "&to=" + day.plusDays(400), "auditor"))
                .doesNotContain("T202600000001");

        assertThat(voucherNos("/api/v1/vouchers", "agency-auditor")).containsExactly("T202600000001");
        assertThat(read(get("/api/v1/vouchers", "elsewhere")).get("total").asLong()).isZero();
        String v2 = items(read(get("/api/v1/vouchers?voucherNo=T202600000002", "auditor"))).get(0).get("voucherId")
                .asString();
        assertThat(get("/api/v1/vouchers/" + v1.get("voucherId").asString(), "agency-auditor").statusCode()).isEqualTo(200);
        assertRefused(get("/api/v1/vouchers/" + v2, "agency-auditor"), 403, "OUT_OF_SCOPE");
        assertRefused(get("/api/v1/vouchers/no-such-voucher", "auditor"), 404, "VOUCHER_NOT_FOUND");
    }

    @Test
    @Order(1)
    void badPagingAndFiltersAreRefusedWithTheirCodes() throws Exception {
        assertRefused(get("/api/v1/payments?size=0", "auditor"), 400, "SIZE_INVALID");
        assertRefused(get("/api/v1/payments?size=501", "auditor"), 400, "SIZE_INVALID");
        assertRefused(get("/api/v1/vouchers?page=-1", "auditor"), 400, "PAGE_INVALID");
        assertRefused(get("/api/v1/batches?page=first", "auditor"), 400, "PAGE_INVALID");
        assertRefused(get("/api/v1/payments?status=NOT_A_STATUS", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/payments?from=20261120", "auditor"), 400, "DATE_INVALID");
        assertRefused(get("/api/v1/payments?from=2026-11-20&to=2026-11-19", "auditor"), 400, "DATE_INVALID");
        assertRefused(get("/api/v1/statements?status=MAYBE", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/alerts?status=CLOSED", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/exceptions?kind=NOPE", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/exceptions?open=maybe", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/statements?pending=yes", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/jobs?status=NOPE", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/schedules?state=NOPE", "auditor"), 400, "FILTER_INVALID");
        assertRefused(get("/api/v1/approvals/chains?status=NOPE", "auditor"), 400, "FILTER_INVALID");
        HttpResponse<String> r = get("/api/v1/payments?size=0", "auditor");
        assertThat(r.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
    }

    @Test
    @Order(2)
    void paymentsFilterByEachFieldAndKeepToTheScope() throws Exception {
        JsonNode all = read(get("/api/v1/payments?size=500", "auditor"));
        long total = all.get("total").asLong();
        assertThat(total).isEqualTo(items(all).size()).isGreaterThan(3);
        JsonNode p = read(get("/api/v1/payments/" + booked, "auditor"));

        assertThat(items(read(get("/api/v1/payments?status=" + p.get("status").asString() + "&size=500", "auditor"))))
                .isNotEmpty().allSatisfy(x -> assertThat(x.get("status").asString()).isEqualTo(p.get("status").asString()));
        assertThat(items(read(get("/api/v1/payments?bank=" + p.get("bankCode").asString() + "&size=500", "auditor"))))
                .isNotEmpty().allSatisfy(x -> assertThat(x.get("bankCode").asString()).isEqualTo(p.get("bankCode").asString()));
        assertThat(items(read(get("/api/v1/payments?agency=" + AGENCY + "&size=500", "auditor"))))
                .isNotEmpty().allSatisfy(x -> assertThat(x.get("agencyCode").asString()).isEqualTo(AGENCY));
        assertThat(items(read(get("/api/v1/payments?voucherId=" + p.get("voucherId").asString(), "auditor"))))
                .allSatisfy(x -> assertThat(x.get("voucherNo").asString()).isEqualTo("T202600000001"));
        assertThat(items(read(get("/api/v1/payments?batchId=" + p.get("batchId").asString(), "auditor"))))
                .isNotEmpty().allSatisfy(x -> assertThat(x.get("batchId").asString()).isEqualTo(p.get("batchId").asString()));
        assertThat(items(read(get("/api/v1/payments?deliveryId=" + p.get("deliveryId").asString(), "auditor"))))
                .isNotEmpty().allSatisfy(x -> assertThat(x.get("deliveryId").asString())
                        .isEqualTo(p.get("deliveryId").asString()));
        assertThat(items(read(get("/api/v1/payments?payeeAcctNo=" + p.get("payeeAcctNo").asString(), "auditor"))))
                .extracting(x -> x.get("paymentId").asString()).contains(booked);
        LocalDate today = LocalDate.now();
        assertThat(read(get("/api/v1/payments?from=" + today.minusDays(1) + "&to=" + today.plusDays(1), "auditor"))
                .get("total").asLong()).isEqualTo(total);
        assertThat(read(get("/api/v1/payments?to=" + today.minusDays(2), "auditor")).get("total").asLong()).isZero();

        JsonNode mine = read(get("/api/v1/payments?size=500", "agency-auditor"));
        assertThat(items(mine)).isNotEmpty().allSatisfy(x -> assertThat(x.get("agencyCode").asString()).isEqualTo(AGENCY));
        assertThat(mine.get("total").asLong()).isLessThan(total);
        assertThat(read(get("/api/v1/payments", "elsewhere")).get("total").asLong()).isZero();
        String other = items(all).stream().filter(x -> !x.get("agencyCode").asString().equals(AGENCY))
                .map(x -> x.get("paymentId").asString()).findFirst().orElseThrow();
        assertRefused(get("/api/v1/payments/" + other, "agency-auditor"), 403, "OUT_OF_SCOPE");
        assertRefused(get("/api/v1/payments/no-such-payment", "auditor"), 404, "PAYMENT_NOT_FOUND");
        assertThat(read(get("/api/v1/payments/" + booked, "agency-auditor")).get("paymentId").asString()).isEqualTo(booked);
    }

    @Test
    @Order(3)
    void aPaymentsTimelineShowsItsEventsFileAnswerStatementLineAndReceiptInTimeOrder() throws Exception {
        JsonNode timeline = read(get("/api/v1/payments/" + booked + "/timeline", "agency-auditor"));
        assertThat(timeline.get("payment").get("paymentId").asString()).isEqualTo(booked);
        String delivery = timeline.get("payment").get("deliveryId").asString();
        assertThat(timeline.get("file").get("deliveryId").asString()).isEqualTo(delivery);
        List<JsonNode> entries = new ArrayList<>();
        timeline.get("entries").forEach(entries::add);
        assertThat(entries).extracting(e -> e.get("kind").asString())
                .contains("EVENT", "FILE", "FILE_EVENT", "ANSWER", "STATEMENT_LINE", "RECEIPT");
        assertThat(entries).filteredOn(e -> e.get("kind").asString().equals("EVENT"))
                .extracting(e -> e.get("to").asString()).contains("RECEIVED", "RELEASED", "SENT", "ACCEPTED", "PAID");
        assertThat(entries).filteredOn(e -> e.get("kind").asString().equals("EVENT"))
                .hasSize(DB.count("SELECT COUNT(*) FROM payment_event WHERE payment_id = '" + booked + "'"));
        assertThat(entries).filteredOn(e -> e.get("kind").asString().equals("ANSWER"))
                .extracting(e -> e.get("reference").asString()).containsExactlyElementsOf(strings(
                        "SELECT f.inbound_id FROM inbound_file f JOIN bank_delivery d ON d.bank_code = f.bank_code"
                                + " AND (d.message_id = f.original_ref OR d.file_name = f.original_ref)"
                                + " WHERE d.delivery_id = '" + delivery + "'"));
        // compared as instants: ISO-8601 text drops a fraction's trailing zeros, so "…01.12Z" sorts after "…01.123Z"
        for (int i = 1; i < entries.size(); i++) {
            assertThat(Instant.parse(entries.get(i).get("at").asString()))
                    .as("oldest first").isAfterOrEqualTo(Instant.parse(entries.get(i - 1).get("at").asString()));
        }
        assertRefused(get("/api/v1/payments/" + booked + "/timeline", "elsewhere"), 403, "OUT_OF_SCOPE");
    }

    @Test
    @Order(4)
    void batchesFilesAndAnswersKeepToTheScopeAndAFileDownloadsAsTheBytesTheBankGot() throws Exception {
        JsonNode p = read(get("/api/v1/payments/" + booked, "auditor"));
        String bank = p.get("bankCode").asString();
        String batch = p.get("batchId").asString();
        String delivery = p.get("deliveryId").asString();

        assertThat(read(get("/api/v1/batches", "auditor")).get("total").asLong()).isEqualTo(3);
        assertThat(items(read(get("/api/v1/batches", "agency-auditor")))).extracting(b -> b.get("batchId").asString())
                .containsExactly(batch);
        JsonNode b = read(get("/api/v1/batches/" + batch, "auditor"));
        assertThat(items(read(get("/api/v1/batches?bank=" + bank, "auditor")))).extracting(x -> x.get("batchId").asString())
                .containsExactly(batch);
        assertThat(items(read(get("/api/v1/batches?payAcctNo=" + b.get("payAcctNo").asString(), "auditor"))))
                .extracting(x -> x.get("batchId").asString()).contains(batch);
        String executed = b.get("executionDate").asString();
        assertThat(read(get("/api/v1/batches?from=" + executed + "&to=" + executed, "auditor")).get("total").asLong())
                .isEqualTo(3);
        assertThat(read(get("/api/v1/batches?from=" + LocalDate.parse(executed).plusDays(1), "auditor"))
                .get("total").asLong()).isZero();
        assertThat(read(get("/api/v1/batches", "elsewhere")).get("total").asLong()).isZero();
        assertThat(read(get("/api/v1/batches/" + batch, "agency-auditor")).get("bankCode").asString()).isEqualTo(bank);
        assertRefused(get("/api/v1/batches/" + batch, "elsewhere"), 403, "OUT_OF_SCOPE");
        assertRefused(get("/api/v1/batches/no-such-batch", "auditor"), 404, "BATCH_NOT_FOUND");

        assertThat(items(read(get("/api/v1/deliveries?batchId=" + batch, "agency-auditor"))))
                .extracting(d -> d.get("id").asString()).containsExactly(delivery);
        assertThat(items(read(get("/api/v1/deliveries?bank=" + bank + "&status=ANSWERED", "auditor"))))
                .extracting(d -> d.get("id").asString()).contains(delivery);
        assertThat(read(get("/api/v1/deliveries", "elsewhere")).get("total").asLong()).isZero();

        JsonNode answers = read(get("/api/v1/bank-answers?deliveryId=" + delivery, "agency-auditor"));
        assertThat(items(answers)).isNotEmpty().allSatisfy(a -> {
            assertThat(a.get("deliveryId").asString()).isEqualTo(delivery);
            assertThat(a.get("bankCode").asString()).isEqualTo(bank);
        });
        assertThat(read(get("/api/v1/bank-answers", "auditor")).get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(read(get("/api/v1/bank-answers", "elsewhere")).get("total").asLong()).isZero();

        JsonNode file = read(get("/api/v1/deliveries/" + delivery, "auditor"));
        assertThat(items(read(get("/api/v1/deliveries?fileName=" + file.get("fileName").asString(), "auditor"))))
                .extracting(d -> d.get("id").asString()).containsExactly(delivery);
        String answerFile = items(answers).get(0).get("fileName").asString();
        assertThat(items(read(get("/api/v1/bank-answers?bank=" + bank + "&fileName=" + answerFile, "auditor"))))
                .extracting(a -> a.get("fileName").asString()).containsExactly(answerFile);
        HttpResponse<byte[]> download = http.send(ApiCalls.request(port, "GET", "/api/v1/deliveries/" + delivery
                + "/content", null, null, "agency-auditor").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] atTheBank = bankCopy(bank, file.get("fileName").asString());
        assertThat(download.body()).as("the bytes the bank received").isEqualTo(atTheBank);
        assertThat(download.headers().firstValue("Content-Disposition")).get().asString()
                .contains("attachment").contains(file.get("fileName").asString());
        assertThat(download.headers().firstValue("X-Content-SHA256")).contains(strings(
                "SELECT file_sha256 FROM bank_delivery WHERE delivery_id = '" + delivery + "'").get(0));
        String type = download.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith(new String(atTheBank, 0, 5, StandardCharsets.ISO_8859_1).equals("<?xml")
                ? "application/xml" : "text/plain");
        assertRefused(get("/api/v1/deliveries/" + delivery + "/content", "elsewhere"), 403, "OUT_OF_SCOPE");
    }

    @Test
    @Order(5)
    void statementLinesExceptionsAndTheOtherListsPageInsideTheScope() throws Exception {
        JsonNode lines = read(get("/api/v1/statements?paymentId=" + booked, "agency-auditor"));
        assertThat(items(lines)).isNotEmpty().allSatisfy(l -> assertThat(l.get("paymentId").asString()).isEqualTo(booked));
        JsonNode line = items(lines).get(0);
        assertThat(items(read(get("/api/v1/statements?fileName=" + line.get("fileName").asString() + "&size=500",
                "auditor")))).isNotEmpty().allSatisfy(l -> assertThat(l.get("fileName").asString())
                .isEqualTo(line.get("fileName").asString()));
        if (!line.get("bookingDate").isNull()) {
            String booking = line.get("bookingDate").asString();
            assertThat(items(read(get("/api/v1/statements?from=" + booking + "&to=" + booking + "&size=500", "auditor"))))
                    .extracting(l -> l.get("paymentId").isNull() ? "" : l.get("paymentId").asString()).contains(booked);
        }
        assertThat(items(read(get("/api/v1/statements?status=BOOK&size=500", "auditor"))))
                .isNotEmpty().allSatisfy(l -> assertThat(l.get("status").asString()).isEqualTo("BOOK"));
        assertThat(items(read(get("/api/v1/statements?size=500", "agency-auditor"))))
                .allSatisfy(l -> assertThat(agencyOf(l.get("paymentId").asString())).isEqualTo(AGENCY));
        assertThat(read(get("/api/v1/statements", "elsewhere")).get("total").asLong()).isZero();
        assertThat(read(get("/api/v1/statements/warnings", "agency-auditor")).get("total").asLong()).isZero();

        tx.executeWithoutResult(s -> {
            exceptions.open(new NewException(ExceptionKind.AMOUNT_DIFFERENCE, "READ-API-1", "DEMO-ISO", "9558800000000001",
                    "EOD-R", "R-1", booked, new BigDecimal("1.00"), new BigDecimal("2.00"), null, "read api"), "R-READ");
            exceptions.open(new NewException(ExceptionKind.UNMATCHED_ENTRY, "READ-API-2", "DEMO-ISO", "9558800000000001",
                    "EOD-R", "R-2", null, new BigDecimal("3.00"), null, null, "a fee"), "R-READ");
        });
        assertThat(read(get("/api/v1/exceptions?open=true", "auditor")).get("total").asLong()).isEqualTo(2);
        assertThat(items(read(get("/api/v1/exceptions", "agency-auditor")))).extracting(x -> x.get("paymentId").asString())
                .containsExactly(booked);
        assertThat(items(read(get("/api/v1/exceptions?kind=UNMATCHED_ENTRY", "auditor")))).hasSize(1);
        assertThat(read(get("/api/v1/exceptions?open=false", "auditor")).get("total").asLong()).isZero();
        assertThat(read(get("/api/v1/exceptions", "elsewhere")).get("total").asLong()).isZero();

        JsonNode p = read(get("/api/v1/payments/" + booked, "auditor"));
        String other = items(read(get("/api/v1/vouchers?voucherNo=T202600000002", "auditor"))).get(0).get("voucherId")
                .asString();
        alerts.raiseOnce(new NewAlert("READ-API-A1", "DUPLICATE_PAYMENT", false, p.get("voucherId").asString(), booked,
                "420000", AGENCY, p.get("payeeAcctNo").asString(), p.get("amount").decimalValue(), "read api"), "test",
                AuditEntry.Channel.SYSTEM);
        alerts.raiseOnce(new NewAlert("READ-API-A2", "DORMANT_ACCOUNT", false, other, null, "420000", "219012",
                "6222", BigDecimal.ONE, "read api"), "test", AuditEntry.Channel.SYSTEM);
        assertThat(read(get("/api/v1/alerts?status=OPEN", "auditor")).get("total").asLong()).isEqualTo(2);
        assertThat(items(read(get("/api/v1/alerts?rule=DORMANT_ACCOUNT", "auditor")))).extracting(a -> a.get("voucherId")
                .asString()).containsExactly(other);
        assertThat(items(read(get("/api/v1/alerts?agency=" + AGENCY, "auditor")))).hasSize(1);
        assertThat(items(read(get("/api/v1/alerts", "agency-auditor")))).extracting(a -> a.get("paymentId").asString())
                .containsExactly(booked);
        assertThat(read(get("/api/v1/alerts?status=ACKNOWLEDGED", "auditor")).get("total").asLong()).isZero();

        LocalDate today = LocalDate.now();
        for (String[] chain : new String[][] {{"AP-READ-1", p.get("voucherId").asString(), "T202600000001", AGENCY,
                "PENDING"}, {"AP-READ-2", other, "T202600000002", "219012", "APPROVED"}}) {
            DB.jdbc().update("""
                    INSERT INTO approval (approval_id, voucher_id, adm_div_code, agency_code, voucher_no, amount, fund_use,
                        rule_name, filing, submitter, status, levels, current_level, created_at)
                    VALUES (:id, :voucher, '420000', :agency, :no, 10.00, 'GENERAL', 'default', 0, 'finance', :status, 1, 1,
                        CURRENT_TIMESTAMP)""", Map.of("id", chain[0], "voucher", chain[1], "no", chain[2],
                    "agency", chain[3], "status", chain[4]));
        }
        assertThat(read(get("/api/v1/approvals/chains", "auditor")).get("total").asLong()).isEqualTo(2);
        assertThat(items(read(get("/api/v1/approvals/chains?status=APPROVED", "auditor"))))
                .extracting(a -> a.get("approvalId").asString()).containsExactly("AP-READ-2");
        assertThat(items(read(get("/api/v1/approvals/chains?voucherNo=T202600000001&from=" + today, "auditor"))))
                .extracting(a -> a.get("approvalId").asString()).containsExactly("AP-READ-1");
        assertThat(items(read(get("/api/v1/approvals/chains", "agency-auditor"))))
                .extracting(a -> a.get("approvalId").asString()).containsExactly("AP-READ-1");

        for (String list : List.of("/api/v1/alerts", "/api/v1/approvals/chains", "/api/v1/jobs", "/api/v1/schedules",
                "/api/v1/approvals")) {
            HttpResponse<String> r = get(list + "?page=0&size=5", "elsewhere");
            assertThat(r.statusCode()).as(list + ": " + r.body()).isEqualTo(200);
            assertThat(read(r).get("total").asLong()).as(list).isZero();
            assertThat(read(r).get("size").asInt()).isEqualTo(5);
        }
        JsonNode schedules = read(get("/api/v1/schedules?size=1", "auditor"));
        assertThat(schedules.get("total").asLong()).as("the built-in schedules").isGreaterThan(1);
        assertThat(items(schedules)).hasSize(1);
        assertThat(schedules.get("hasNext").asBoolean()).isTrue();
    }

    private static List<String> strings(String sql) {
        return DB.jdbc().queryForList(sql, Map.of(), String.class);
    }

    private String agencyOf(String paymentId) {
        return strings("SELECT COALESCE(p.agency_code, v.agency_code) FROM payment p JOIN voucher v"
                + " ON v.voucher_id = p.voucher_id WHERE p.payment_id = '" + paymentId + "'").get(0);
    }

    /** The file as it lies at the simulated bank, wherever the bank keeps it after receiving it. */
    private byte[] bankCopy(String bank, String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(simulator.home(bank))) {
            Path found = files.filter(f -> f.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError(fileName + " is nowhere at " + bank));
            return Files.readAllBytes(found);
        }
    }

    private List<String> voucherNos(String path, String user) throws Exception {
        return items(read(get(path, user))).stream().map(v -> v.get("voucherNo").asString()).toList();
    }

    private void assertRefused(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(read(r).get("code").asString()).isEqualTo(code);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        page.get("items").forEach(out::add);
        return out;
    }

    private JsonNode read(HttpResponse<String> r) {
        try {
            return json.readTree(r.body());
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("not JSON: " + r.body(), e));
        }
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return ApiCalls.call(port, "GET", path, null, null, user);
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String user) throws Exception {
        return ApiCalls.call(port, method, path, "application/xml", body, user);
    }
}
