package org.jincai.routes.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.InboxResult;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.finance.WrittenAnswer;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.routes.InboxClaims;
import org.jincai.routes.bank.SftpUris;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance outbox route: receipts and returns staged for a finance system reach its outbox under their final
 * names, whole, and leave the staging folder; a name already in the outbox is never overwritten. The receipts the
 * hub recorded (ReceiptService, over the test database: H2, or PostgreSQL in CI's second pass) have their delivery
 * recorded once (one recorded already, a crash before its move, goes to the sent files without a second upload);
 * those another node took over, this node taken for lost, are quarantined and never reach the outbox. The same holds
 * for the duplicate notices and intake returns of an inbox file seen again and for a reconciliation return: each
 * delivered with the bytes stored for it and its delivery recorded once, or quarantined once another node took it
 * over.
 */
class FinanceOutboxRouteTest {

    @TempDir
    Path home;
    CoreFixture core;
    DefaultCamelContext camel;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home.resolve("staging"));
    }

    /** Starts this node's routes, its outbox route taking what waits in its staging folder. */
    private void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new FinanceSystemRoutes(new FinanceDirectory(List.of(TestFinance.hubei())), core.inbox,
                core.financeStaging, core.stagedAnswers, new SftpUris(home.resolve("sftp")), InboxClaims.local(), home,
                new StableFileFilterTest.HandClock()));
        camel.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        core.close();
    }

    private Path outbox() {
        return home.resolve("finance").resolve(TestFinance.CODE).resolve("outbox");
    }

    @Test
    void aStagedReceiptReachesTheOutboxWholeUnderItsName() throws Exception {
        start();
        byte[] receipt = "<MOF>receipt</MOF>".getBytes();
        core.financeStaging.stage(TestFinance.CODE, "420000_2026_5201_T1_receipt.xml", receipt);

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(outbox().resolve("420000_2026_5201_T1_receipt.xml")));

        assertThat(Files.readAllBytes(outbox().resolve("420000_2026_5201_T1_receipt.xml"))).isEqualTo(receipt);
        assertThat(Files.exists(outbox().resolve("420000_2026_5201_T1_receipt.xml.part"))).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> !Files.exists(core.financeStaging.folder(TestFinance.CODE)
                        .resolve("420000_2026_5201_T1_receipt.xml")));
    }

    @Test
    void aFileAlreadyInTheOutboxIsNotOverwritten() throws Exception {
        start();
        Files.createDirectories(outbox());
        Files.writeString(outbox().resolve("420000_2026_5201_T2_receipt.xml"), "the finance system's copy");
        core.financeStaging.stage(TestFinance.CODE, "420000_2026_5201_T2_receipt.xml", "<MOF>again</MOF>".getBytes());

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(core.financeStaging
                .folder(TestFinance.CODE).resolve("420000_2026_5201_T2_receipt.xml")));

        assertThat(Files.readString(outbox().resolve("420000_2026_5201_T2_receipt.xml"))).isEqualTo("the finance system's copy");
    }

    @Test
    void theDeliveryOfEachReceiptIsRecordedOnceItReachedTheOutbox() throws Exception {
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        List<WrittenAnswer> written = core.paidAndAnswered();
        assertThat(written).hasSizeGreaterThan(1)
                .allSatisfy(w -> assertThat(w.financeSystem()).isEqualTo(TestFinance.CODE));
        written.forEach(w -> assertStagedHereNotDelivered(w.fileName()));

        start();

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> core.financeStaging.waiting(TestFinance.CODE).isEmpty());
        for (WrittenAnswer w : written) {
            assertThat(Files.readAllBytes(outbox().resolve(w.fileName()))).as(w.fileName()).isEqualTo(core.db.jdbc()
                    .getJdbcTemplate().queryForObject("SELECT envelope FROM voucher_answer WHERE voucher_id = ?",
                            byte[].class, w.voucherId()));
            assertThat(core.stagedAnswers.find(w.fileName()).orElseThrow().deliveredAt()).as(w.fileName()).isNotNull();
            assertThat(core.stagedAnswers.delivered(w.fileName())).as("recorded once").isFalse();
        }
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_answer WHERE delivered_at IS NULL")).isZero();
    }

    @Test
    void aReceiptRecordedDeliveredButStillWaitingIsMovedToTheSentFilesNotUploadedAgain() throws Exception {
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        List<WrittenAnswer> written = core.paidAndAnswered();
        assertThat(written).hasSizeGreaterThan(1);
        WrittenAnswer recorded = written.get(0);
        // a crash after the delivery was recorded and before the file was moved
        assertThat(core.stagedAnswers.delivered(recorded.fileName())).isTrue();

        start();

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> core.financeStaging.waiting(TestFinance.CODE).isEmpty());
        Path sent = core.financeStaging.folder(TestFinance.CODE).resolve(StagingArea.SENT);
        assertThat(sent.resolve(recorded.fileName())).exists();
        assertThat(outbox().resolve(recorded.fileName())).as("not uploaded again").doesNotExist();
        for (WrittenAnswer w : written.subList(1, written.size())) {
            assertThat(outbox().resolve(w.fileName())).exists();
            assertThat(sent.resolve(w.fileName())).exists();
        }
    }

    @Test
    void aReceiptAnotherNodeTookOverIsQuarantinedAndNeverUploaded() throws Exception {
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        List<WrittenAnswer> written = core.paidAndAnswered();
        assertThat(written).hasSizeGreaterThan(1);
        StagingArea nodeB = new StagingArea(home.resolve("node-b"));
        List<StagedAnswers.Taken> taken = new StagedAnswers(core.db.jdbc(), core.db.tx(), core.finance, nodeB,
                core.clock).restageHeldBy(core.financeStaging.id(), t -> { });
        assertThat(taken).extracting(StagedAnswers.Taken::fileName)
                .containsExactlyInAnyOrderElementsOf(written.stream().map(WrittenAnswer::fileName).toList());

        start();

        Path quarantine = core.financeStaging.folder(TestFinance.CODE).resolve(StagingArea.QUARANTINE);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> written.stream()
                .allMatch(w -> Files.exists(quarantine.resolve(w.fileName() + StagingArea.REASON))));
        assertThat(core.financeStaging.waiting(TestFinance.CODE)).isEmpty();
        for (WrittenAnswer w : written) {
            assertThat(quarantine.resolve(w.fileName())).as(w.fileName() + " quarantined here").exists();
            assertThat(Files.readString(quarantine.resolve(w.fileName() + StagingArea.REASON)))
                    .contains(FinanceOutbox.ANSWER_RESTAGED).contains(nodeB.id());
            assertThat(outbox().resolve(w.fileName())).as(w.fileName() + " never uploaded from here").doesNotExist();
            assertThat(core.stagedAnswers.find(w.fileName()).orElseThrow()).satisfies(a -> {
                assertThat(a.stagedBy()).isEqualTo(nodeB.id());
                assertThat(a.deliveredAt()).isNull();
            });
            assertThat(Files.readAllBytes(nodeB.folder(TestFinance.CODE).resolve(w.fileName())))
                    .as("B's copy, for B's route to send")
                    .isEqualTo(Files.readAllBytes(quarantine.resolve(w.fileName())));
        }
    }

    @Test
    void aTakeoverWhoseRecordCannotBeWrittenTakesNothing() {
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        List<WrittenAnswer> written = core.paidAndAnswered();
        assertThat(written).isNotEmpty();
        StagingArea nodeB = new StagingArea(home.resolve("node-b"));
        StagedAnswers answersB = new StagedAnswers(core.db.jdbc(), core.db.tx(), core.finance, nodeB, core.clock);

        assertThatThrownBy(() -> answersB.restageHeldBy(core.financeStaging.id(), t -> {
            throw new IllegalStateException("the audit trail cannot be written");
        })).hasMessageContaining("audit trail");

        for (WrittenAnswer w : written) {
            assertThat(core.stagedAnswers.find(w.fileName()).orElseThrow().stagedBy()).as(w.fileName())
                    .isEqualTo(core.financeStaging.id());
        }
        assertThat(nodeB.waiting(TestFinance.CODE)).isEmpty();
        assertThat(nodeB.parts(TestFinance.CODE)).isEmpty();
    }

    /**
     * The duplicate notices and intake returns of the same file seen again under another name, and a reconciliation
     * return, all staged here.
     */
    private List<String> noticesAndAReturn() {
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        List<WrittenAnswer> written = core.paidAndAnswered();
        InboxResult again = core.inbox.take(TestFinance.hubei(), "batch-again.xml", Envelopes.example());
        List<String> files = new ArrayList<>(again.duplicateNotices());
        assertThat(files).isNotEmpty();
        files.addAll(again.returnFiles());
        files.add(core.returnedUpstream(core.payments.findByVoucher(written.get(0).voucherId()).get(0).paymentId())
                .fileName());
        return files;
    }

    @Test
    void theDeliveryOfADuplicateNoticeAndOfAReconciliationReturnIsRecordedOnceItReachedTheOutbox() throws Exception {
        List<String> files = noticesAndAReturn();
        files.forEach(this::assertStagedHereNotDelivered);

        start();

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> core.financeStaging.waiting(TestFinance.CODE).isEmpty());
        for (String name : files) {
            StagedAnswers.Recorded r = core.stagedAnswers.find(name).orElseThrow();
            String stored = r.kind() == StagedAnswers.Kind.NOTICE
                    ? "SELECT envelope FROM voucher_notice WHERE notice_id = ?"
                    : "SELECT envelope FROM recon_return WHERE payment_id = ?";
            assertThat(Files.readAllBytes(outbox().resolve(name))).as(name).isEqualTo(core.db.jdbc()
                    .getJdbcTemplate().queryForObject(stored, byte[].class, r.id()));
            assertThat(r.deliveredAt()).as(name).isNotNull();
            assertThat(core.stagedAnswers.delivered(name)).as("recorded once").isFalse();
        }
        assertThat(core.db.count("SELECT COUNT(*) FROM finance_outbox_file WHERE delivered_at IS NULL")).isZero();
    }

    @Test
    void aNoticeAndAReturnAnotherNodeTookOverAreQuarantinedAndNeverUploaded() throws Exception {
        List<String> files = noticesAndAReturn();
        StagingArea nodeB = new StagingArea(home.resolve("node-b"));
        assertThat(new StagedAnswers(core.db.jdbc(), core.db.tx(), core.finance, nodeB, core.clock)
                .restageHeldBy(core.financeStaging.id(), t -> { })).extracting(StagedAnswers.Taken::fileName)
                .containsAll(files);

        start();

        Path quarantine = core.financeStaging.folder(TestFinance.CODE).resolve(StagingArea.QUARANTINE);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> files.stream()
                .allMatch(name -> Files.exists(quarantine.resolve(name + StagingArea.REASON))));
        for (String name : files) {
            assertThat(Files.readString(quarantine.resolve(name + StagingArea.REASON)))
                    .contains(FinanceOutbox.ANSWER_RESTAGED).contains(nodeB.id());
            assertThat(outbox().resolve(name)).as(name + " never uploaded from here").doesNotExist();
            assertThat(core.stagedAnswers.find(name).orElseThrow().deliveredAt()).isNull();
            assertThat(Files.readAllBytes(nodeB.folder(TestFinance.CODE).resolve(name)))
                    .as("B's copy, for B's route to send").isEqualTo(Files.readAllBytes(quarantine.resolve(name)));
        }
    }

    /** The file's row names this node's staging area and no delivery yet. */
    private void assertStagedHereNotDelivered(String fileName) {
        assertThat(core.stagedAnswers.find(fileName)).as(fileName).get().satisfies(r -> {
            assertThat(r.stagedBy()).isEqualTo(core.financeStaging.id());
            assertThat(r.deliveredAt()).isNull();
        });
    }
}
