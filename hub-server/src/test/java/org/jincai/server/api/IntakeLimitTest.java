package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/** The number of envelopes taken at once is bounded: past it, 503 with Retry-After, and nothing is read. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class IntakeLimitTest {

    static final Path HOME = HubTestSupport.newHome("intake-limit");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        registry.add("jincai.api.max-concurrent-intakes", () -> "1");
        registry.add("jincai.api.retry-after", () -> "7s");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest post(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/vouchers"))
                .header("Content-Type", "application/xml")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("finance:finance-pw".getBytes(StandardCharsets.UTF_8)))
                .POST(body).build();
    }

    private static boolean spooling() {
        String[] files = HOME.resolve("spool").toFile().list();
        return files != null && files.length > 0;
    }

    @Test
    void anEnvelopeBeyondTheLimitIsAnswered503WithRetryAfterAndTakenWhenSentAgain() throws Exception {
        byte[] envelope = Envelopes.exampleRenumbered("L2026");
        try (Socket first = new Socket("127.0.0.1", port)) {
            // the first sender sends its headers and half its envelope, then waits: its intake holds the only place
            OutputStream out = first.getOutputStream();
            out.write(("POST /api/v1/vouchers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    "finance:finance-pw".getBytes(StandardCharsets.UTF_8)) + "\r\nContent-Length: " + envelope.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(envelope, 0, envelope.length / 2);
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(IntakeLimitTest::spooling);

            HttpResponse<String> second = http.send(post(HttpRequest.BodyPublishers.ofByteArray(Envelopes.example())),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(new ObjectMapper().readTree(second.body()).get("code").asString()).isEqualTo("INTAKE_BUSY");
            assertThat(DB.count("SELECT COUNT(*) FROM voucher WHERE voucher_no LIKE 'T2026%'")).isZero();

            out.write(envelope, envelope.length / 2, envelope.length - envelope.length / 2);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 202 ");
        }
        HttpResponse<String> again = http.send(post(HttpRequest.BodyPublishers.ofByteArray(Envelopes.example())),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("the place is free again").isEqualTo(202);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher")).isEqualTo(6);
        try {
            assertThat(Files.list(HOME.resolve("spool")).count()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
