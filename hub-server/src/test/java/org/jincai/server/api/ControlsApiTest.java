package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jincai.core.testing.TestDatabase;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.server.ApiCalls;
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
 * The fiscal controls over real HTTP, with the real routes, database, security and simulated banks: a budget
 * imported (GBK) and refused whole, a voucher over its budget refused at intake, approvals decided level by level
 * under maker-checker, a rejection returned upstream, alerts listed and acknowledged — each endpoint with its roles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlsApiTest {

    static final Path HOME = HubTestSupport.newHome("controls-api");
    static final TestDatabase DB = TestDatabase.create();
    static final Charset GBK = Charset.forName("GBK");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.registerWithControls(registry, HOME, DB);
        HubTestSupport.user(registry, 3, "head", "APPROVER", "DEPARTMENT_HEAD");
        HubTestSupport.user(registry, 4, "risk", "APPROVER", "RISK_OFFICER");
        HubTestSupport.user(registry, 5, "both", "APPROVER", "DEPARTMENT_HEAD", "OPERATOR");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String contentType, byte[] body, String user)
            throws Exception {
        return ApiCalls.call(port, method, path, contentType, body, user);
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return call("GET", path, null, null, user);
    }

    private HttpResponse<String> postJson(String path, String body, String user) throws Exception {
        return call("POST", path, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8), user);
    }

    private JsonNode read(HttpResponse<String> r) {
        return json.readTree(r.body());
    }

    private static String code(JsonNode error) {
        return error.get("code").asString();
    }

    private JsonNode submit(byte[] envelope, String user) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/vouchers", "application/xml", envelope, user);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return read(r).get("vouchers").get(0);
    }

    private String pendingFor(String user, String voucherNo) throws Exception {
        for (JsonNode a : read(get("/api/v1/approvals", user)).get("items")) {
            if (a.get("voucherNo").asString().equals(voucherNo)) {
                return a.get("approvalId").asString();
            }
        }
        throw new AssertionError(voucherNo + " does not wait for " + user);
    }

    @Test
    @Order(1)
    void anOperatorImportsABudgetFileWholeOrNotAtAllAndOnlyOnce() throws Exception {
        String header = "AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,Type,Amount,DocNo,Remark\r\n";
        byte[] bad = (header + "420000,2026,219011,2050201,50201,11,下达,100000.00,鄂财预〔2026〕1号,年初\r\n"
                + "420000,2026,219011,2050201,50205,11,下拨,1.00,鄂财预〔2026〕1号,错误类型\r\n").getBytes(GBK);
        HttpResponse<String> refused = call("POST", "/api/v1/budget/indicators?fileName=bad.csv", "text/csv;charset=GBK",
                bad, "operator");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(code(read(refused))).isEqualTo("BUDGET_TYPE_INVALID");
        assertThat(read(refused).get("errors").get(0).get("location").asString()).isEqualTo("bad.csv:3 / Type");
        assertThat(DB.count("SELECT COUNT(*) FROM budget_indicator")).isZero();

        byte[] good = (header + "420000,2026,219011,2050201,50201,11,下达,100000.00,鄂财预〔2026〕1号,年初预算\r\n")
                .getBytes(GBK);
        assertThat(call("POST", "/api/v1/budget/indicators", "text/csv;charset=GBK", good, "auditor").statusCode())
                .as("auditors read").isEqualTo(403);
        assertThat(call("POST", "/api/v1/budget/indicators", "text/csv;charset=GBK", good, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> imported = call("POST", "/api/v1/budget/indicators?fileName=i.csv", "text/csv;charset=GBK",
                good, "operator");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(read(imported).get("created").asInt()).isEqualTo(1);
        HttpResponse<String> again = call("POST", "/api/v1/budget/indicators?fileName=i.csv", "text/csv;charset=GBK",
                good, "operator");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(code(read(again))).isEqualTo("BUDGET_FILE_ALREADY_IMPORTED");

        byte[] plans = ("AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,Type,Amount,DocNo\n"
                + "420000,2026,11,219011,11,INITIAL,100000.00,鄂财库〔2026〕11号\n").getBytes(StandardCharsets.UTF_8);
        assertThat(call("POST", "/api/v1/budget/plans", "text/csv", plans, "operator").statusCode()).isEqualTo(200);

        JsonNode budget = read(get("/api/v1/budget?agency=219011", "auditor"));
        assertThat(budget.get("indicators").get(0).get("available").decimalValue()).isEqualByComparingTo("100000.00");
        assertThat(budget.get("plans").get(0).get("month").asInt()).isEqualTo(11);
        assertThat(get("/api/v1/budget", "finance").statusCode()).isEqualTo(403);
        JsonNode movements = read(get("/api/v1/budget/movements", "auditor"));
        assertThat(movements).hasSize(2);
        assertThat(movements.get(0).get("type").asString()).isEqualTo("INITIAL");
        assertThat(movements.get(0).get("fileName").asString()).isEqualTo("i.csv");
        assertThat(movements.get(0).get("importedBy").asString()).isEqualTo("operator");
    }

    @Test
    @Order(2)
    void aVoucherOverItsBudgetIsRefusedAndTheOthersWaitForTheirApprovers() throws Exception {
        JsonNode over = submit(envelope(voucher("CH2026000001", line("6222000000000001", "王喆", "100000.01"))), "finance");
        assertThat(over.get("status").asString()).isEqualTo("REFUSED");
        assertThat(code(over.get("errors").get(0))).isEqualTo("BUDGET_EXCEEDED");

        assertThat(submit(envelope(voucher("CH2026000002", line("6222000000000002", "李堃", "1000.00"))), "finance")
                .get("status").asString()).isEqualTo("ACCEPTED");
        String id = pendingFor("head", "CH2026000002");

        assertThat(get("/api/v1/approvals", "operator").statusCode()).as("approvers only").isEqualTo(403);
        assertThat(postJson("/api/v1/approvals/" + id + "/approve", null, "risk").statusCode())
                .as("not the role of the level waiting").isEqualTo(403);
        assertThat(code(read(postJson("/api/v1/approvals/" + id + "/approve", null, "risk"))))
                .isEqualTo("APPROVAL_ROLE_REQUIRED");
        HttpResponse<String> approved = postJson("/api/v1/approvals/" + id + "/approve", "{\"comment\":\"核对无误\"}", "head");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(read(approved).get("status").asString()).isEqualTo("APPROVED");
        assertThat(read(approved).get("levels").get(0).get("decidedBy").asString()).isEqualTo("head");
        assertThat(read(approved).get("levels").get(0).get("channel").asString()).isEqualTo("REST");
        assertThat(code(read(postJson("/api/v1/approvals/" + id + "/approve", null, "head"))))
                .isEqualTo("APPROVAL_NOT_PENDING");
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'APPROVED'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theSubmitterNeverApprovesAndARejectionNeedsItsReasonAndReturnsTheVoucher() throws Exception {
        submit(envelope(voucher("CH2026000003", line("6222000000000003", "张三", "2000.00"))), "both");
        String id = pendingFor("head", "CH2026000003");
        HttpResponse<String> own = postJson("/api/v1/approvals/" + id + "/approve", null, "both");
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(code(read(own))).isEqualTo("SUBMITTER_CANNOT_APPROVE");
        assertThat(read(get("/api/v1/approvals", "both")).get("items")).as("never listed to its submitter").isEmpty();

        HttpResponse<String> noReason = postJson("/api/v1/approvals/" + id + "/reject", "{}", "head");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(code(read(noReason))).isEqualTo("REASON_REQUIRED");
        HttpResponse<String> rejected = postJson("/api/v1/approvals/" + id + "/reject",
                "{\"reason\":\"收款人账户与合同不符\"}", "head");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(read(rejected).get("status").asString()).isEqualTo("REJECTED");

        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/vouchers/420000/2026/5201/CH2026000003/receipt")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("finance:finance-pw".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        VoucherBody returned = new MofEnvelopeReader().read(new ByteArrayInputStream(answer.body()), "return").bodies()
                .get(0);
        assertThat(returned.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(returned.returnReason()).contains("APPROVAL_REJECTED").contains("收款人账户与合同不符");
        JsonNode budget = read(get("/api/v1/budget", "operator")).get("indicators").get(0);
        assertThat(budget.get("reserved").decimalValue()).as("only CH2026000002 still holds its amount")
                .isEqualByComparingTo("1000.00");

        HttpResponse<String> detail = get("/api/v1/approvals/" + id, "auditor");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(read(detail).get("approval").get("decisionReason").asString()).isEqualTo("收款人账户与合同不符");
        assertThat(code(read(get("/api/v1/approvals/no-such-id", "auditor")))).isEqualTo("APPROVAL_NOT_FOUND");
        assertThat(get("/api/v1/approvals/no-such-id", "auditor").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aDuplicateIsHeldForARiskOfficerAndItsAlertIsAcknowledgedOnceWithAReason() throws Exception {
        submit(envelope(voucher("CH2026000004", line("6222000000000002", "李堃", "1000.00"))), "finance");
        String id = pendingFor("head", "CH2026000004");
        postJson("/api/v1/approvals/" + id + "/approve", null, "head");
        assertThat(read(get("/api/v1/approvals", "risk")).get("items")).extracting(a -> a.get("voucherNo").asString())
                .containsExactly("CH2026000004");
        HttpResponse<String> done = postJson("/api/v1/approvals/" + id + "/approve", "{\"comment\":\"分期付款\"}", "risk");
        assertThat(read(done).get("status").asString()).isEqualTo("APPROVED");

        JsonNode open = read(get("/api/v1/alerts?open=true", "auditor")).get("items");
        List<String> rules = new ArrayList<>();
        open.forEach(a -> rules.add(a.get("rule").asString()));
        assertThat(rules).containsExactly("DUPLICATE_PAYMENT");
        String alertId = open.get(0).get("alertId").asString();
        assertThat(postJson("/api/v1/alerts/" + alertId + "/ack", "{\"reason\":\"x\"}", "auditor").statusCode())
                .as("auditors read only").isEqualTo(403);
        assertThat(code(read(postJson("/api/v1/alerts/" + alertId + "/ack", "{\"reason\":\" \"}", "operator"))))
                .isEqualTo("REASON_REQUIRED");
        HttpResponse<String> acked = postJson("/api/v1/alerts/" + alertId + "/ack", "{\"reason\":\"合同分期\"}", "operator");
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        assertThat(read(acked).get("ackedBy").asString()).isEqualTo("operator");
        HttpResponse<String> twice = postJson("/api/v1/alerts/" + alertId + "/ack", "{\"reason\":\"again\"}", "operator");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(read(get("/api/v1/alerts?open=true", "operator")).get("items")).isEmpty();
        assertThat(read(get("/api/v1/alerts", "operator")).get("items")).hasSize(1);
    }

    @Test
    @Order(5)
    void theDormantAccountScanRunsForOperatorsWithADate() throws Exception {
        HttpResponse<String> scan = postJson("/api/v1/alerts/scan?date=2026-11-12", null, "operator");
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        assertThat(read(scan).get("quietDays")).hasSize(3);
        assertThat(postJson("/api/v1/alerts/scan", null, "auditor").statusCode()).isEqualTo(403);
        assertThat(code(read(postJson("/api/v1/alerts/scan?date=12/11/2026", null, "operator"))))
                .isEqualTo("DATE_INVALID");
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE action = 'DORMANT_SCAN' AND actor = 'operator'"
                + " AND channel = 'REST'")).isEqualTo(1);
    }
}
