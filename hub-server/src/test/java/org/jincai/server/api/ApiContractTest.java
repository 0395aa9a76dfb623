package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The API's contract. Every error, from the security layer or from an endpoint, is one RFC 9457 problem with the
 * hub's code. The published document is the running application's: the document served at {@code /v3/api-docs} is
 * exported to {@code target/openapi.json} on every build and must equal {@code docs/openapi.json} in the
 * repository. After a change of the API, {@code mvn -B -pl hub-server -am verify -Dtest=ApiContractTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djincai.openapi.update=true} writes the new document there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class ApiContractTest {

    static final Path HOME = HubTestSupport.newHome("openapi");
    static final TestDatabase DB = TestDatabase.create();
    static final Path PUBLISHED = Path.of("..", "docs", "openapi.json");
    static final Path EXPORTED = Path.of("target", "openapi.json");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theDocumentIsOnlyForSignedInUsers() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(401);
        assertThat(get("/swagger-ui/index.html", "auditor:auditor-pw").statusCode()).isEqualTo(200);
    }

    @Test
    void theDocumentDescribesEveryEndpointAndEqualsThePublishedCopy() throws Exception {
        HttpResponse<String> served = get("/v3/api-docs", "auditor:auditor-pw");
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(served.body());
        assertThat(document.get("openapi").asString()).startsWith("3.");
        JsonNode paths = document.get("paths");
        assertThat(paths.has("/api/v1/vouchers")).isTrue();
        assertThat(paths.get("/api/v1/vouchers").has("post")).isTrue();
        assertThat(paths.has("/api/v1/approvals/{id}/approve")).isTrue();
        assertThat(document.at("/components/securitySchemes/basic/scheme").asString()).isEqualTo("basic");
        assertThat(document.at("/servers/0/url").asString()).as("no host or port in the contract").isEqualTo("/");

        String exported = json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        Files.createDirectories(EXPORTED.getParent());
        Files.writeString(EXPORTED, exported, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("jincai.openapi.update")) {
            Files.writeString(PUBLISHED, exported, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(PUBLISHED)).as(PUBLISHED.toAbsolutePath().normalize() + " exists").isTrue();
        assertThat(json.readTree(Files.readString(PUBLISHED, StandardCharsets.UTF_8)))
                .as("docs/openapi.json is the running application's document (see this test's Javadoc to update it)")
                .isEqualTo(document);
    }

    @Test
    void everyErrorIsAProblemWithTheHubsCode() throws Exception {
        assertProblem(get("/api/v1/audit", null), 401, "UNAUTHENTICATED", "/api/v1/audit");
        assertProblem(send("POST", "/api/v1/releases", "auditor:auditor-pw", ""), 403, "ROLE_REQUIRED",
                "/api/v1/releases");
        HttpResponse<String> unreadable = send("POST", "/api/v1/vouchers", "finance:finance-pw", "<not-an-envelope/>");
        JsonNode problem = assertProblem(unreadable, 400, unreadableCode(unreadable), "/api/v1/vouchers");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo(problem.get("code").asString());
        assertThat(problem.get("message").asString()).isEqualTo(problem.get("detail").asString());
    }

    private String unreadableCode(HttpResponse<String> response) {
        String code = json.readTree(response.body()).path("code").asString();
        assertThat(code).as("a coded refusal").isNotBlank().isNotEqualTo("INTERNAL_ERROR");
        return code;
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code, String path) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("type").asString()).isEqualTo("urn:jincai:problem:" + code);
        assertThat(problem.get("title").asString()).isEqualTo(code);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).isEqualTo(path);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return problem;
    }

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        return send("GET", path, credentials, null);
    }

    private HttpResponse<String> send(String method, String path, String credentials, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/xml");
        }
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
