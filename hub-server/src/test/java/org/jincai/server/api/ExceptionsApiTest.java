package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jincai.core.reconcile.ExceptionKind;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.NewException;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The exceptions queue of reconciliation over real HTTP, security and database: listed by an operator or an
 * auditor, resolved once by an operator with a reason (audited), refused with its code otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class ExceptionsApiTest {

    static final Path HOME = HubTestSupport.newHome("exceptions-api");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.registerWithControls(registry, HOME, DB);
        // an operator of one agency of Hubei: an exception that names no payment is not hers to resolve
        HubTestSupport.scopedUser(registry, 3, "agency-op", "420000", "219011", "OPERATOR");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    ExceptionQueue queue;
    @Autowired
    TransactionTemplate tx;

    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String body, String user) throws Exception {
        return ApiCalls.json(port, method, path, body, user);
    }

    @Test
    void operatorsListAndResolveOnceAuditorsReadOthersAreRefused() throws Exception {
        tx.executeWithoutResult(s -> queue.open(new NewException(ExceptionKind.UNMATCHED_ENTRY, "FEE-1|", "DEMO-ISO",
                "9558800000000001", "EOD-1", "FEE-1", null, new java.math.BigDecimal("25.00"), null, null,
                "a debit of 25.00 no rule matched"), "R-API"));

        HttpResponse<String> listed = call("GET", "/api/v1/exceptions?open=true&bank=DEMO-ISO", null, "auditor");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode first = json.readTree(listed.body()).get("items").get(0);
        String id = first.get("id").asString();
        assertThat(first.get("kind").asString()).isEqualTo("UNMATCHED_ENTRY");

        assertThat(call("POST", "/api/v1/exceptions/" + id + "/resolve", "{\"reason\":\"fee\"}", "auditor").statusCode())
                .as("auditors only read").isEqualTo(403);
        assertThat(call("GET", "/api/v1/exceptions", null, "finance").statusCode()).isEqualTo(403);
        HttpResponse<String> outside = call("POST", "/api/v1/exceptions/" + id + "/resolve", "{\"reason\":\"fee\"}",
                "agency-op");
        assertThat(outside.statusCode()).as("outside her scope, as the list has it").isEqualTo(403);
        assertThat(json.readTree(outside.body()).get("code").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(json.readTree(call("GET", "/api/v1/exceptions", null, "agency-op").body()).get("items")).isEmpty();
        HttpResponse<String> noReason = call("POST", "/api/v1/exceptions/" + id + "/resolve", "{}", "operator");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noReason.body()).get("code").asString()).isEqualTo("RECON_REASON_REQUIRED");

        HttpResponse<String> resolved = call("POST", "/api/v1/exceptions/" + id + "/resolve",
                "{\"reason\":\"bank fee, booked to 手续费\"}", "operator");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(resolved.body()).get("resolvedBy").asString()).isEqualTo("operator");

        HttpResponse<String> again = call("POST", "/api/v1/exceptions/" + id + "/resolve", "{\"reason\":\"x\"}",
                "operator");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("code").asString()).isEqualTo("RECON_EXCEPTION_RESOLVED");
        assertThat(call("POST", "/api/v1/exceptions/nope/resolve", "{\"reason\":\"x\"}", "operator").statusCode())
                .isEqualTo(404);
        assertThat(json.readTree(call("GET", "/api/v1/exceptions?open=true", null, "operator").body()).get("items")).isEmpty();
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE action = 'RECON_EXCEPTION_RESOLVED'"
                + " AND actor = 'operator' AND channel = 'REST'")).isEqualTo(1);
    }
}
