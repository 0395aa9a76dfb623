package org.jincai.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo end to end, twice on the same home: the bundled vouchers (see demo/vouchers/README.md) through
 * intake, release, SFTP upload to the simulated banks, their answers back. The second run pays nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {

    static final Path HOME = HubTestSupport.newHome("demo");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Autowired
    DemoRunner demo;

    private String run(int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = demo.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    @Order(1)
    void firstRunPaysTheValidVouchersAndReportsWhatEachBankAnswered() throws Exception {
        String printed = run(0);

        assertThat(printed).contains("received 24, accepted 22, refused 2")
                .containsPattern("refused DUPLICATE_VOUCHER\\s+1")
                .containsPattern("refused PAY_AMT_MISMATCH\\s+1")
                .contains("HB2026112700023").contains("HB2026112700004")
                .containsPattern("DEMO-ISO\\s+1\\s+37\\s+909493.86\\s+36\\s+1\\s+0")
                .containsPattern("DEMO-PIPE\\s+1\\s+28\\s+723588.38\\s+27\\s+1\\s+0")
                .containsPattern("DEMO-ISO_\\S+\\.xml: valid");

        assertThat(DB.count("SELECT COUNT(*) FROM voucher")).isEqualTo(22);
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(65);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'ACCEPTED'")).isEqualTo(63);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'REJECTED' AND bank_reason_code = 'AC04'"
                + " AND payee_acct_no IN ('6222166093960000', '6222895947000000')")).isEqualTo(2);
        assertThat(DB.count("SELECT COUNT(*) FROM bank_delivery WHERE status = 'ANSWERED'")).isEqualTo(2);
        assertThat(DB.count("SELECT COUNT(*) FROM inbound_file")).isEqualTo(2);

        // the banks received each file once, under its final name, and nothing partial was left behind
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE")) {
            Path root = HOME.resolve("bank-simulator").resolve(bank);
            assertThat(names(root.resolve("inbox"))).hasSize(1).noneMatch(n -> n.endsWith(".part"));
            assertThat(names(root.resolve("archive"))).as("answers archived after commit").hasSize(1);
            assertThat(names(root.resolve("outbox"))).isEmpty();
            assertThat(names(root.resolve("error"))).isEmpty();
        }
    }

    @Test
    @Order(2)
    void secondRunOnTheSameHomePaysNothingTwice() throws Exception {
        String printed = run(0);

        assertThat(printed).contains("received 24, accepted 0, refused 24")
                .containsPattern("refused DUPLICATE_VOUCHER\\s+23")
                .contains("nothing new to send");
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(65);
        assertThat(DB.count("SELECT COUNT(*) FROM bank_delivery")).isEqualTo(2);
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE")) {
            assertThat(names(HOME.resolve("bank-simulator").resolve(bank).resolve("inbox"))).hasSize(1);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }
}
