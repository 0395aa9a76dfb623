package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Four envelopes of about 48 MB each (near the 64 MB limit), sent at once over HTTP to the whole hub, in a JVM
 * whose heap is bounded (Surefire runs this class alone with {@code -Xmx256m}, see the hub-server POM): every
 * one is answered 202 with a result for each of its vouchers. Each envelope holds 220 vouchers of 499 details;
 * the first pays DEMO-ISO, the others name a bank no profile serves (read and checked in full, then refused,
 * so the database stays small and the figure is the intake's own). The peak heap is logged for
 * docs/operations.md. Before the body was spooled and the envelope streamed, four such bodies took gigabytes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class IntakeMemoryTest {

    private static final Logger log = LoggerFactory.getLogger(IntakeMemoryTest.class);
    static final Path HOME = HubTestSupport.newHome("intake-memory");
    static final TestDatabase DB = TestDatabase.create();
    static final Charset GBK = Envelopes.GBK;
    static final int ENVELOPES = 4;
    static final int VOUCHERS = 220;
    static final int DETAILS = 499;
    static final List<Path> FILES = new ArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        registry.add("jincai.api.max-concurrent-intakes", () -> Integer.toString(ENVELOPES));
    }

    @BeforeAll
    static void writeEnvelopes() throws IOException {
        String template = firstInnerVoucher();
        for (int e = 0; e < ENVELOPES; e++) {
            Path file = HOME.resolve("big-" + e + ".xml");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<MOF><VoucherCount>" + VOUCHERS
                        + "</VoucherCount>\n").getBytes(GBK));
                for (int v = 0; v < VOUCHERS; v++) {
                    String no = String.format("M%d%011d", e, v);
                    String inner = voucher(template, no, v == 0 ? "999100000001" : "999999999999");
                    out.write(("<VoucherBody AdmDivCode=\"420000\" StYear=\"2026\" VtCode=\"8202\" VoucherNo=\"" + no
                            + "\"><VoucherFlag>0</VoucherFlag><Attach></Attach><Voucher>"
                            + Base64.getEncoder().encodeToString(inner.getBytes(GBK))
                            + "</Voucher><SignStampList/><SignatureList/></VoucherBody>\n").getBytes(GBK));
                }
                out.write("</MOF>\n".getBytes(GBK));
            }
            FILES.add(file);
        }
    }

    private static String firstInnerVoucher() {
        Matcher m = Pattern.compile("<Voucher>([^<]+)</Voucher>").matcher(new String(Envelopes.example(), GBK));
        m.find();
        return new String(Base64.getDecoder().decode(m.group(1)), GBK);
    }

    /** The example's 8202 with {@value #DETAILS} details of 100.00 each, renumbered and paid by {@code payBank}. */
    private static String voucher(String template, String no, String payBank) {
        int listStart = template.indexOf("<DetailList>") + "<DetailList>".length();
        int firstEnd = template.indexOf("</Detail>") + "</Detail>".length();
        String detail = template.substring(template.indexOf("<Detail>", listStart), firstEnd);
        StringBuilder details = new StringBuilder();
        for (int d = 1; d <= DETAILS; d++) {
            details.append(detail.replaceFirst("<Id>[^<]*</Id>", "<Id>" + no + "-" + d + "</Id>")
                    .replaceFirst("<VoucherBillNo>[^<]*</VoucherBillNo>", "<VoucherBillNo>" + no + "</VoucherBillNo>")
                    .replaceFirst("<PayAmt>[^<]*</PayAmt>", "<PayAmt>100.00</PayAmt>")).append('\n');
        }
        String head = template.substring(0, listStart)
                .replaceFirst("<VoucherNo>[^<]*</VoucherNo>", "<VoucherNo>" + no + "</VoucherNo>")
                .replaceFirst("<PayBankCode>[^<]*</PayBankCode>", "<PayBankCode>" + payBank + "</PayBankCode>")
                .replaceFirst("<PayAmt>[^<]*</PayAmt>", "<PayAmt>" + DETAILS + "00.00</PayAmt>");
        return head + "\n" + details + template.substring(template.indexOf("</DetailList>"));
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void fourMaximumSizeEnvelopesAtOnceAreTakenWithinABoundedHeap() throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant started = Instant.now();

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (Path file : FILES) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/vouchers"))
                    .header("Content-Type", "application/xml")
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("finance:finance-pw".getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        ObjectMapper json = new ObjectMapper();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            HttpResponse<String> r = answer.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode body = json.readTree(r.body());
            assertThat(body.get("received").asInt()).isEqualTo(VOUCHERS);
            assertThat(body.get("accepted").asInt()).isEqualTo(1);
            assertThat(body.get("refused").asInt()).isEqualTo(VOUCHERS - 1);
        }

        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        log.info("intake memory: {} envelopes of {} MB at once in {} s; heap limit {} MB, peak heap used {} MB",
                ENVELOPES, Files.size(FILES.get(0)) / (1024 * 1024), Duration.between(started, Instant.now()).toSeconds(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), peak / (1024 * 1024));
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(ENVELOPES * DETAILS);
        assertThat(HOME.resolve("spool").toFile().list()).isEmpty();
    }
}
