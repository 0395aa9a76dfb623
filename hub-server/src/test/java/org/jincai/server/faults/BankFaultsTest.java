package org.jincai.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.core.release.ReleaseResult;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.routes.RouteIds;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Faults between the hub and its banks, with the real routes, database and simulated banks over SFTP:
 * an upload cut mid-transfer, a bank server that is down then back, an answer delivered twice, a return
 * file whose totals disagree. After each: every payment in the right state, no file uploaded twice,
 * none lost. Each test takes in fresh vouchers (the example envelope renumbered: one voucher per bank).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("simulator")
class BankFaultsTest {

    static final Path HOME = HubTestSupport.newHome("faults");
    static final TestDatabase DB = TestDatabase.create();
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final List<String> BANKS = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");
    /** The example's three vouchers carry 3 + 4 + 4 details. */
    static final int PAYMENTS = 11;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    BankSimulator simulator;

    @AfterEach
    void clearFaults() throws Exception {
        simulator.faults().clear();
        if (!simulator.faults().isUp()) {
            simulator.faults().comeBack();
        }
    }

    /** Takes in the example renumbered with {@code tag} and releases it: one file per bank. */
    private List<StagedFile> receiveAndRelease(String tag) {
        @SuppressWarnings("unchecked")
        List<VoucherOutcome> outcomes = producer.requestBodyAndHeaders(RouteIds.VOUCHER_INTAKE_ENDPOINT,
                Envelopes.exampleRenumbered(tag), Map.of(RouteIds.HEADER_SOURCE, "test", RouteIds.HEADER_ACTOR, "test"),
                List.class);
        assertThat(outcomes).allMatch(VoucherOutcome::accepted);
        List<StagedFile> staged = producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null,
                RouteIds.HEADER_ACTOR, "test", ReleaseResult.class).staged();
        assertThat(staged).extracting(StagedFile::bankCode).containsExactlyInAnyOrderElementsOf(BANKS);
        return staged;
    }

    private static int paymentsOf(String tag, String status) {
        return DB.count("SELECT COUNT(*) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id"
                + " WHERE v.voucher_no LIKE '" + tag + "%' AND p.status = '" + status + "'");
    }

    /** Every payment of the vouchers tagged {@code tag} settled and receipted: 11 of them, 3 vouchers answered. */
    private static void awaitReceipted(String tag) {
        Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> paymentsOf(tag, "RECEIPTED") == PAYMENTS);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_answer a JOIN voucher v ON v.voucher_id = a.voucher_id"
                + " WHERE v.voucher_no LIKE '" + tag + "%'")).isEqualTo(3);
    }

    /** Each staged file reached its bank exactly once, under its final name, and nothing partial is left. */
    private void assertEachFileArrivedOnce(List<StagedFile> staged) throws Exception {
        for (StagedFile f : staged) {
            assertThat(simulator.receivedFiles(f.bankCode())).as(f.fileName()).containsOnlyOnce(f.fileName());
            try (Stream<Path> inbox = Files.list(simulator.home(f.bankCode()).resolve("inbox"))) {
                assertThat(inbox.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
            }
        }
    }

    @Test
    void anUploadCutMidTransferIsRetriedAndArrivesOnce() throws Exception {
        simulator.faults().dropNextUploadAfter(300);

        List<StagedFile> staged = receiveAndRelease("FDROP");

        awaitReceipted("FDROP");
        assertThat(simulator.faults().armed()).as("the upload was cut").containsEntry("dropAfter", -1L);
        assertEachFileArrivedOnce(staged);
    }

    @Test
    void aBankServerThatIsDownIsRetriedUntilItIsBackAndNothingIsSentTwice() throws Exception {
        simulator.faults().goDown();

        List<StagedFile> staged = receiveAndRelease("FDOWN");

        // one poll's budget is 4 attempts (3 redeliveries): the outage outlasts it, and the files stay staged
        Awaitility.await().atMost(SETTLE).until(() -> DB.count("SELECT COUNT(*) FROM bank_delivery WHERE status ="
                + " 'PREPARED' AND attempts > 4 AND file_name IN (" + String.join(",", staged.stream()
                .map(f -> "'" + f.fileName() + "'").toList()) + ")") == 3);
        assertThat(paymentsOf("FDOWN", "RELEASED")).as("nothing is sent while the bank is down").isEqualTo(PAYMENTS);
        assertThat(staged).allMatch(f -> Files.exists(f.path()));

        simulator.faults().comeBack();

        awaitReceipted("FDOWN");
        assertEachFileArrivedOnce(staged);
    }

    @Test
    void anAnswerDeliveredTwiceIsAppliedOnce() throws Exception {
        simulator.faults().duplicateNextAnswer();

        List<StagedFile> staged = receiveAndRelease("FTWIC");

        awaitReceipted("FTWIC");
        // the copy is written once the simulator sees the hub took the first, which may be after the last receipt
        String duplicated = Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> staged.stream().flatMap(f -> simulator.answerFiles(f.bankCode()).stream()
                        .filter(n -> n.startsWith(f.fileName().replaceFirst("\\.(xml|txt)$", ""))))
                        .filter(n -> simulator.answerFiles(bankOf(staged, n)).stream().filter(n::equals).count() == 2)
                        .findFirst(), Optional::isPresent)
                .orElseThrow(() -> new AssertionError("the simulator sent no answer twice"));
        String bank = bankOf(staged, duplicated);
        Awaitility.await().atMost(SETTLE).until(() -> !Files.exists(simulator.home(bank).resolve("outbox")
                .resolve(duplicated)));
        assertThat(DB.count("SELECT COUNT(*) FROM inbound_file WHERE file_name = '" + duplicated + "'")).isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM payment_event e JOIN payment p ON p.payment_id = e.payment_id"
                + " JOIN voucher v ON v.voucher_id = p.voucher_id WHERE v.voucher_no LIKE 'FTWIC%'"
                + " AND e.to_status IN ('ACCEPTED', 'REJECTED')")).as("each payment answered once").isEqualTo(PAYMENTS);
        try (Stream<Path> error = Files.list(simulator.home(bank).resolve("error"))) {
            assertThat(error.map(p -> p.getFileName().toString())).as("the copy was archived, not refused")
                    .noneMatch(n -> n.startsWith(duplicated));
        }
    }

    @Test
    void aReturnFileWhoseTotalsDisagreeIsRefusedWholeAndItsPaymentsWait() throws Exception {
        simulator.faults().corruptNextReturnTotals();

        List<StagedFile> staged = receiveAndRelease("FTOTL");

        Awaitility.await().atMost(SETTLE).until(() -> errorFiles().size() == 2 && staged.stream()
                .allMatch(f -> simulator.receivedFiles(f.bankCode()).contains(f.fileName())));
        List<Path> errors = errorFiles();
        Path reason = errors.stream().filter(p -> p.toString().endsWith(".reason.txt")).findFirst().orElseThrow();
        assertThat(Files.readString(reason, StandardCharsets.UTF_8)).contains("code: TOTALS_MISMATCH");
        String bank = reason.getParent().getParent().getFileName().toString();
        assertThat(bank).isIn("DEMO-PIPE", "DEMO-FIXED");
        StagedFile refusedFile = staged.stream().filter(f -> f.bankCode().equals(bank)).findFirst().orElseThrow();
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE delivery_id = '" + refusedFile.deliveryId()
                + "' AND status = 'SENT'")).as("the refused file's payments keep waiting, none lost")
                .isEqualTo(refusedFile.transactions());
        assertEachFileArrivedOnce(staged);
    }

    private List<Path> errorFiles() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (String bank : BANKS) {
            Path error = simulator.home(bank).resolve("error");
            if (Files.isDirectory(error)) {
                try (Stream<Path> list = Files.list(error)) {
                    list.forEach(files::add);
                }
            }
        }
        return files;
    }

    private static String bankOf(List<StagedFile> staged, String answerName) {
        return staged.stream().filter(f -> answerName.startsWith(f.fileName().replaceFirst("\\.(xml|txt)$", "")))
                .findFirst().orElseThrow().bankCode();
    }
}
