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
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
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
 * The demo end to end, twice on the same home: the bundled vouchers (see demo/vouchers/README.md) dropped
 * into the finance inbox, taken in, released, uploaded over SFTP to the three simulated banks, their
 * answers and statements applied, receipts and returns written to the finance outbox. The second run
 * pays nothing twice.
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
    void firstRunTakesTheInboxPaysTheValidVouchersAndAnswersTheFinanceSystem() throws Exception {
        String printed = run(0);

        assertThat(printed).contains("received 32, accepted 30, refused 1, duplicates 1")
                .containsPattern("not new\\s+DUPLICATE_VOUCHER\\s+1")
                .containsPattern("refused\\s+PAY_AMT_MISMATCH\\s+1")
                .contains("HB2026112700023").contains("HB2026112700004")
                .containsPattern("DEMO-FIXED\\s+1\\s+16\\s+621099.46\\s+15\\s+15\\s+1\\s+0")
                .containsPattern("DEMO-ISO\\s+1\\s+37\\s+909493.86\\s+36\\s+36\\s+1\\s+0")
                .containsPattern("DEMO-PIPE\\s+1\\s+28\\s+723588.38\\s+27\\s+27\\s+1\\s+0")
                .containsPattern("DEMO-ISO_\\S+\\.xml: valid")
                .contains("receipts (回单) 29, reporting 2175041.58 CNY paid")
                .contains("returns (退回) of settled vouchers 1; returns of refused vouchers 1; duplicate notices 1")
                .contains("finance outbox now holds 32 file(s)");

        assertThat(DB.count("SELECT COUNT(*) FROM voucher")).isEqualTo(30);
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(81);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'RECEIPTED'")).isEqualTo(81);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE paid_date IS NOT NULL")).isEqualTo(78);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE paid_date IS NULL AND bank_reason_code = 'AC04'"
                + " AND payee_acct_no IN ('6222166093960000', '6222895947000000', '6217596392130000')")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_answer WHERE voucher_flag = 1")).isEqualTo(29);
        assertThat(DB.count("SELECT COUNT(*) FROM intake_file WHERE status = 'DONE'")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NOT NULL")).isEqualTo(36);

        // the banks received each file once, under its final name; every answer was archived after its commit
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED")) {
            Path root = HOME.resolve("bank-simulator").resolve(bank);
            assertThat(names(root.resolve("inbox"))).hasSize(1).noneMatch(n -> n.endsWith(".part"));
            assertThat(names(root.resolve("archive"))).hasSize(bank.equals("DEMO-ISO") ? 2 : 1);
            assertThat(names(root.resolve("outbox"))).isEmpty();
            assertThat(names(root.resolve("error"))).isEmpty();
        }
        Path finance = HOME.resolve("finance").resolve("HUBEI-FIN");
        assertThat(names(finance.resolve("inbox"))).isEmpty();
        assertThat(names(finance.resolve("archive"))).hasSize(3);
        List<String> outbox = names(finance.resolve("outbox"));
        assertThat(outbox).hasSize(32).contains("420000_2026_8202_HB2026112700003_receipt.xml",
                "420000_2026_8202_HB2026112700006_return.xml");
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700023_return_"))).hasSize(1);
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700004_duplicate_"))).as("never a return").hasSize(1);
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700004_return"))).isEmpty();

        VoucherBody receipt = onlyBody(finance.resolve("outbox").resolve("420000_2026_8202_HB2026112700003_receipt.xml"));
        PaymentVoucher paid = new PaymentVoucherReader().read(receipt).voucher();
        assertThat(receipt.voucherFlag()).isEqualTo(VoucherBody.FLAG_RECEIPT);
        assertThat(paid.xPayAmt()).isEqualByComparingTo("31764.75");
        assertThat(paid.details().get(1).xPayAmt()).isEqualByComparingTo("0.00");
        assertThat(paid.details().get(1).xAddWord()).contains("AC04");
        VoucherBody returned = onlyBody(finance.resolve("outbox").resolve("420000_2026_8202_HB2026112700006_return.xml"));
        assertThat(returned.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(returned.returnReason()).contains("AC04");
    }

    @Test
    @Order(2)
    void secondRunOnTheSameHomePaysNothingTwice() throws Exception {
        String printed = run(0);

        assertThat(printed).contains("received 0, accepted 0, refused 0, duplicates 0").contains("nothing new to send");
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(81);
        assertThat(DB.count("SELECT COUNT(*) FROM bank_delivery")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_answer")).isEqualTo(30);
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED")) {
            assertThat(names(HOME.resolve("bank-simulator").resolve(bank).resolve("inbox"))).hasSize(1);
        }
        assertThat(names(HOME.resolve("finance").resolve("HUBEI-FIN").resolve("outbox"))).hasSize(32);
    }

    private static VoucherBody onlyBody(Path envelope) throws Exception {
        try (var in = Files.newInputStream(envelope)) {
            List<VoucherBody> bodies = new MofEnvelopeReader().read(in, envelope.toString()).bodies();
            assertThat(bodies).hasSize(1);
            return bodies.get(0);
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
