package org.jincai.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.voucher;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every REST endpoint, as Spring MVC maps it, for every role and for a caller who did not sign in: 401
 * {@code UNAUTHENTICATED} without credentials, 403 {@code ROLE_REQUIRED} for a role the matrix does not allow, and
 * anything but 401 and 403 for a role it allows. An endpoint missing from {@link #MATRIX} fails the test. Then the data
 * scope: a user of Wuhan (420100) and a finance system's user each refused, with {@code OUT_OF_SCOPE} and nothing
 * stored, for what lies outside theirs; and bearer tokens (signed here with a key of the test's own, no network), whose
 * claims carry roles and scope. One application context, real HTTP, real security.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class AccessMatrixTest {

    static final Path HOME = HubTestSupport.newHome("access-matrix");
    static final TestDatabase DB = TestDatabase.create();

    /** The roles, each held by one user of the same name (lower case) seeing the whole hub. */
    static final List<String> ROLES = List.of(Roles.FINANCE_SYSTEM, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR,
            Roles.ADMIN, Roles.BANK);

    /** Endpoint ("METHOD pattern") -> the roles it serves. */
    static final Map<String, Set<String>> MATRIX = new LinkedHashMap<>();

    static {
        allow("POST /api/v1/vouchers", Roles.FINANCE_SYSTEM, Roles.OPERATOR);
        allow("GET /api/v1/vouchers/{admDivCode}/{stYear}/{vtCode}/{voucherNo}/receipt", Roles.FINANCE_SYSTEM,
                Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/releases", Roles.OPERATOR);
        allow("GET /api/v1/statements", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/deliveries", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/deliveries/{id}", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/deliveries/{id}/content", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/statements/warnings", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/batches", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/batches/{id}", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/bank-answers", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/vouchers", Roles.FINANCE_SYSTEM, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/vouchers/{id}", Roles.FINANCE_SYSTEM, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/payments", Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/payments/{id}", Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/payments/{id}/timeline", Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/approvals/chains", Roles.APPROVER, Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/deliveries/{id}/confirm", Roles.OPERATOR);
        allow("POST /api/v1/deliveries/{id}/resend", Roles.OPERATOR);
        allow("GET /api/v1/audit", Roles.AUDITOR, Roles.ADMIN);
        allow("GET /api/v1/audit/verification", Roles.AUDITOR, Roles.ADMIN);
        allow("POST /api/v1/budget/indicators", Roles.OPERATOR);
        allow("POST /api/v1/budget/plans", Roles.OPERATOR);
        allow("GET /api/v1/budget", Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/budget/movements", Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("GET /api/v1/approvals", Roles.APPROVER);
        allow("GET /api/v1/approvals/{id}", Roles.APPROVER, Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/approvals/{id}/approve", Roles.APPROVER);
        allow("POST /api/v1/approvals/{id}/reject", Roles.APPROVER);
        allow("GET /api/v1/alerts", Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR);
        allow("POST /api/v1/alerts/scan", Roles.OPERATOR);
        allow("POST /api/v1/alerts/{id}/ack", Roles.OPERATOR, Roles.APPROVER);
        allow("POST /api/v1/payroll/runs", Roles.OPERATOR);
        allow("GET /api/v1/payroll/runs/{id}", Roles.OPERATOR, Roles.AUDITOR, Roles.APPROVER);
        allow("POST /api/v1/payroll/runs/{id}/restart", Roles.OPERATOR);
        allow("GET /api/v1/payroll/runs/{id}/outputs/{name}", Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/budget/performance", Roles.OPERATOR);
        allow("POST /api/v1/reports/monthly", Roles.OPERATOR);
        allow("GET /api/v1/reports/monthly/{month}", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/reports/monthly/{month}/files/{name}", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/schedules", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/schedules/{id}", Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/schedules/payroll", Roles.OPERATOR);
        allow("POST /api/v1/schedules/{id}/pause", Roles.OPERATOR);
        allow("POST /api/v1/schedules/{id}/resume", Roles.OPERATOR);
        allow("DELETE /api/v1/schedules/{id}", Roles.OPERATOR);
        allow("GET /api/v1/calendar", Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/calendar", Roles.OPERATOR);
        allow("GET /api/v1/jobs", Roles.OPERATOR, Roles.AUDITOR);
        allow("GET /api/v1/jobs/{id}", Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/jobs/{id}/restart", Roles.OPERATOR);
        allow("POST /api/v1/jobs/{id}/stop", Roles.OPERATOR);
        allow("GET /api/v1/exceptions", Roles.OPERATOR, Roles.AUDITOR);
        allow("POST /api/v1/exceptions/{id}/resolve", Roles.OPERATOR);
    }

    private static void allow(String endpoint, String... roles) {
        MATRIX.put(endpoint, Set.of(roles));
    }

    /** The identity provider's signing key: its public half is the hub's {@code public-key-location}. */
    static final KeyPair IDP = rsa();
    static final String ISSUER = "https://idp.example/realms/treasury";

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile() {
        try {
            Path file = HOME.resolve("idp-public.pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(IDP.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        Path key = publicKeyFile();
        registry.add("jincai.security.jwt.public-key-location", key::toString);
        registry.add("jincai.security.jwt.issuer-uri", () -> ISSUER);
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i);
            HubTestSupport.user(registry, i, role.toLowerCase(), role,
                    role.equals(Roles.APPROVER) ? "DEPARTMENT_HEAD" : role);
        }
        int n = ROLES.size();
        HubTestSupport.scopedUser(registry, n, "wuhan-operator", "420100", null, Roles.OPERATOR);
        HubTestSupport.scopedUser(registry, n + 1, "wuhan-auditor", "420100", null, Roles.AUDITOR);
        HubTestSupport.scopedUser(registry, n + 4, "hubei-auditor", "420000", null, Roles.AUDITOR);
        HubTestSupport.user(registry, n + 2, "hubei-finance", Roles.FINANCE_SYSTEM);
        registry.add("jincai.users[" + (n + 2) + "].scope.all", () -> "false");
        registry.add("jincai.users[" + (n + 2) + "].finance-system", () -> "HUBEI-FIN");
        HubTestSupport.user(registry, n + 3, "nobody", Roles.OPERATOR);
        registry.add("jincai.users[" + (n + 3) + "].scope.all", () -> "false");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String contentType, byte[] body, String user)
            throws Exception {
        return ApiCalls.call(port, method, path, contentType, body, user);
    }

    /** A harmless request to the endpoint: placeholders filled with values that name nothing, an empty body. */
    private HttpResponse<String> probe(String endpoint, String user) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "none");
        if (method.equals("GET") || method.equals("DELETE")) {
            return call(method, path, null, null, user);
        }
        String type = path.startsWith("/api/v1/vouchers") ? "application/xml"
                : path.startsWith("/api/v1/budget") || path.startsWith("/api/v1/calendar") ? "text/csv" : "application/json";
        byte[] body = type.equals("application/json") ? "{\"reason\":\"matrix\"}".getBytes(StandardCharsets.UTF_8) : null;
        return call(method, path, type, body, user);
    }

    private String code(HttpResponse<String> r) {
        JsonNode body = json.readTree(r.body());
        return body.get("code").asString();
    }

    /** The API's endpoints as Spring MVC maps them. */
    private Set<String> endpoints() {
        Set<String> out = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                    out.add(m.name() + " " + pattern);
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryRole() {
        Set<String> endpoints = endpoints();
        assertThat(endpoints).as("the endpoints Spring MVC maps").hasSizeGreaterThanOrEqualTo(MATRIX.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : endpoints) {
            Set<String> allowed = MATRIX.get(endpoint);
            if (allowed == null) {
                tests.add(DynamicTest.dynamicTest(endpoint + " has a matrix entry", () -> {
                    throw new AssertionError(endpoint + " is mapped but has no entry in AccessMatrixTest.MATRIX:"
                            + " decide its roles in SecurityConfiguration and here");
                }));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(endpoint + " anonymous -> 401", () -> {
                HttpResponse<String> r = probe(endpoint, null);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
                assertThat(code(r)).isEqualTo(AccessErrors.UNAUTHENTICATED);
            }));
            for (String role : ROLES) {
                boolean ok = allowed.contains(role);
                tests.add(DynamicTest.dynamicTest(endpoint + " " + role + (ok ? " allowed" : " -> 403"), () -> {
                    HttpResponse<String> r = probe(endpoint, role.toLowerCase());
                    if (ok) {
                        assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403);
                    } else {
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                        assertThat(code(r)).isEqualTo("ROLE_REQUIRED");
                    }
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("a wrong password -> 401", () -> {
            HttpResponse<String> r = call("GET", "/api/v1/alerts", null, null, "operator:wrong");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(code(r)).isEqualTo(AccessErrors.UNAUTHENTICATED);
        }));
        return tests.stream();
    }

    @Test
    void theMatrixNamesOnlyMappedEndpointsAndAuditorsOnlyRead() {
        assertThat(endpoints()).containsAll(MATRIX.keySet());
        MATRIX.forEach((endpoint, roles) -> {
            if (!endpoint.startsWith("GET ")) {
                assertThat(roles).as(endpoint).doesNotContain(Roles.AUDITOR);
            }
        });
    }

    @Test
    void whatLiesOutsideAUsersScopeIsRefusedWithOutOfScopeAndNothingIsStored() throws Exception {
        byte[] hubei = envelope(voucher("SC2026000001", line("6222000000000101", "周一", "10.00")));
        HttpResponse<String> r = call("POST", "/api/v1/vouchers", "application/xml", hubei, "wuhan-operator");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");
        assertThat(DB.count("SELECT COUNT(*) FROM voucher WHERE voucher_no = 'SC2026000001'")).isZero();

        byte[] beijing = envelope(voucher("SC2026000002", line("6222000000000102", "周二", "10.00")).admDivCode("110000"));
        r = call("POST", "/api/v1/vouchers", "application/xml", beijing, "hubei-finance");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");
        assertThat(DB.count("SELECT COUNT(*) FROM voucher WHERE voucher_no = 'SC2026000002'")).isZero();

        r = call("POST", "/api/v1/vouchers", "application/xml", hubei, "hubei-finance");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json.readTree(r.body()).get("accepted").asInt()).isEqualTo(1);

        String receipt = "/api/v1/vouchers/420000/2026/5201/SC2026000001/receipt";
        assertThat(call("GET", receipt, null, null, "operator").statusCode()).isEqualTo(404);
        r = call("GET", receipt, null, null, "wuhan-auditor");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");

        r = call("GET", "/api/v1/audit/verification", null, null, "wuhan-auditor");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");
        assertThat(json.readTree(call("GET", "/api/v1/audit?objectType=VOUCHER", null, null, "wuhan-auditor").body()))
                .isEmpty();
        assertThat(json.readTree(call("GET", "/api/v1/audit?objectType=VOUCHER", null, null, "auditor").body()))
                .isNotEmpty();

        r = call("POST", "/api/v1/releases", null, null, "wuhan-operator");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");

        // the Hubei voucher's file: seen inside Hubei, not from Wuhan
        assertThat(call("POST", "/api/v1/releases", null, null, "operator").statusCode()).isEqualTo(200);
        JsonNode hubeiFiles = json.readTree(call("GET", "/api/v1/deliveries", null, null, "hubei-auditor").body()).get("items");
        assertThat(hubeiFiles).isNotEmpty();
        String delivery = hubeiFiles.get(0).get("id").asString();
        assertThat(call("GET", "/api/v1/deliveries/" + delivery, null, null, "hubei-auditor").statusCode()).isEqualTo(200);
        assertThat(json.readTree(call("GET", "/api/v1/deliveries", null, null, "wuhan-auditor").body()).get("items")).isEmpty();
        r = call("GET", "/api/v1/deliveries/" + delivery, null, null, "wuhan-auditor");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");
        r = call("POST", "/api/v1/deliveries/" + delivery + "/confirm", "application/json",
                "{\"reason\":\"checked\"}".getBytes(StandardCharsets.UTF_8), "wuhan-operator");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");
        assertThat(json.readTree(call("GET", "/api/v1/audit?objectType=VOUCHER", null, null, "hubei-auditor").body()))
                .as("a division's auditor reads its vouchers' records").isNotEmpty();

        r = call("POST", "/api/v1/vouchers", "application/xml", hubei, "nobody");
        assertThat(r.statusCode()).as("a user without a scope sees nothing").isEqualTo(403);
    }

    /** A token signed by {@code key}, from {@code issuer}, valid for a minute (or expired a minute ago). */
    private static String bearer(KeyPair key, String issuer, boolean expired, Map<String, Object> claims) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject("idp-user").issuer(issuer)
                .issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(expired ? now.minusSeconds(60) : now.plusSeconds(60)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void aBearerTokenCarriesItsRolesAndScopeInItsClaims() throws Exception {
        String everything = bearer(IDP, ISSUER, false, Map.of(JwtClaims.ROLES, List.of("AUDITOR"), JwtClaims.SCOPE_ALL, true));
        HttpResponse<String> r = call("GET", "/api/v1/audit/verification", null, null, everything);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = call("POST", "/api/v1/alerts/scan", "application/json", null, everything);
        assertThat(r.statusCode()).as("auditors only read").isEqualTo(403);
        assertThat(code(r)).isEqualTo("ROLE_REQUIRED");

        String wuhan = bearer(IDP, ISSUER, false, Map.of(JwtClaims.ROLES, List.of("AUDITOR"),
                JwtClaims.ADM_DIV_CODES, List.of("420100")));
        r = call("GET", "/api/v1/audit/verification", null, null, wuhan);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");

        String beijingSystem = bearer(IDP, ISSUER, false, Map.of(JwtClaims.ROLES, List.of("FINANCE_SYSTEM"),
                JwtClaims.FINANCE_SYSTEM, "HUBEI-FIN", JwtClaims.SCOPE_ALL, true));
        byte[] beijing = envelope(voucher("JW2026000001", line("6222000000000201", "周三", "10.00")).admDivCode("110000"));
        r = call("POST", "/api/v1/vouchers", "application/xml", beijing, beijingSystem);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("OUT_OF_SCOPE");

        KeyPair stranger = rsa();
        for (String refused : List.of(bearer(stranger, ISSUER, false, Map.of(JwtClaims.ROLES, List.of("AUDITOR"))),
                bearer(IDP, ISSUER, true, Map.of(JwtClaims.ROLES, List.of("AUDITOR"))),
                bearer(IDP, "https://elsewhere.example", false, Map.of(JwtClaims.ROLES, List.of("AUDITOR"))))) {
            r = call("GET", "/api/v1/audit", null, null, refused);
            assertThat(r.statusCode()).as("another key, expired, another issuer").isEqualTo(401);
            assertThat(code(r)).isEqualTo(AccessErrors.UNAUTHENTICATED);
        }
    }

    @Test
    void aUsersActionsAreInTheAuditTrailWithWhoAndChannel() throws Exception {
        byte[] hubei = envelope(voucher("AU2026000001", line("6222000000000401", "赵六", "20.00")));
        HttpResponse<String> r = call("POST", "/api/v1/vouchers", "application/xml", hubei, "finance_system");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(call("POST", "/api/v1/releases", null, null, "operator").statusCode()).isEqualTo(200);

        JsonNode vouchers = json.readTree(call("GET", "/api/v1/audit?objectType=VOUCHER&limit=1000", null, null, "auditor").body());
        List<JsonNode> received = new ArrayList<>();
        for (JsonNode a : vouchers) {
            if (a.get("action").asString().equals("VOUCHER_RECEIVED") && a.get("reason").asString().contains("AU2026000001")) {
                received.add(a);
            }
        }
        assertThat(received).singleElement().satisfies(a -> {
                    assertThat(a.get("actor").asString()).isEqualTo("finance_system");
                    assertThat(a.get("channel").asString()).isEqualTo("REST");
                });
        JsonNode releases = json.readTree(call("GET", "/api/v1/audit?objectType=RELEASE", null, null, "auditor").body());
        assertThat(releases.get(0).get("action").asString()).isEqualTo("RELEASE_REQUESTED");
        assertThat(releases.get(0).get("actor").asString()).isEqualTo("operator");
        assertThat(releases.get(0).get("channel").asString()).isEqualTo("REST");
    }
}
