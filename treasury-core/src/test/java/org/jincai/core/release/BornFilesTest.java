package org.jincai.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.Digests;
import org.jincai.core.TreasuryException;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.ReleaseService.PlannedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Files whose payments are born with them: how {@link ReleaseService#planFiles} cuts a caller's rows into files by the
 * bank's per-file limits, and how {@link ReleaseService#stageBorn} stages one planned file — the file and its payments
 * recorded together or not at all, once.
 */
class BornFilesTest {

    private static final String LINES = "SELECT line_no, pay_acct, amount FROM born_line ORDER BY line_no";
    private static final List<PaymentStatus> THROUGH = List.of(PaymentStatus.VALIDATED, PaymentStatus.RESERVED,
            PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED, PaymentStatus.RELEASED);

    @TempDir
    Path home;
    CoreFixture core;
    /** A voucher of the example envelope, its payer account and name: the born payments' voucher and payer. */
    String voucherId;
    String payAcctNo;
    String payAcctName;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        Map<String, Object> voucher = core.db.jdbc().getJdbcTemplate().queryForList(
                "SELECT voucher_id, pay_acct_no, pay_acct_name FROM voucher ORDER BY voucher_id").get(0);
        voucherId = (String) voucher.get("voucher_id");
        payAcctNo = (String) voucher.get("pay_acct_no");
        payAcctName = (String) voucher.get("pay_acct_name");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    // ---- planFiles

    @Test
    void aFileEndsWhereTheNextRowWouldPassTheCountLimit() {
        lines(row(1, "A", "10.00"), row(2, "A", "20.00"), row(3, "A", "30.00"), row(4, "A", "40.00"),
                row(5, "A", "50.00"));

        assertThat(plan(TestBanks.iso(2222, 2))).containsExactly(
                new PlannedFile(1, "A", 1, 2, 2, new BigDecimal("30.00")),
                new PlannedFile(2, "A", 3, 4, 2, new BigDecimal("70.00")),
                new PlannedFile(3, "A", 5, 5, 1, new BigDecimal("50.00")));
    }

    @Test
    void aFileEndsWhereTheNextRowWouldPassTheAmountLimitAndMayReachIt() {
        lines(row(1, "A", "400.00"), row(2, "A", "600.00"), row(3, "A", "0.01"), row(4, "A", "999.99"),
                row(5, "A", "0.01"));

        assertThat(plan(TestBanks.iso(2222, 1000, new BigDecimal("1000.00")))).containsExactly(
                new PlannedFile(1, "A", 1, 2, 2, new BigDecimal("1000.00")),
                new PlannedFile(2, "A", 3, 4, 2, new BigDecimal("1000.00")),
                new PlannedFile(3, "A", 5, 5, 1, new BigDecimal("0.01")));
    }

    @Test
    void aRowAloneAboveTheAmountLimitIsAFileOfItsOwn() {
        lines(row(1, "A", "300.00"), row(2, "A", "1500.00"), row(3, "A", "200.00"), row(4, "A", "2500.00"));

        assertThat(plan(TestBanks.iso(2222, 1000, new BigDecimal("1000.00")))).containsExactly(
                new PlannedFile(1, "A", 1, 1, 1, new BigDecimal("300.00")),
                new PlannedFile(2, "A", 2, 2, 1, new BigDecimal("1500.00")),
                new PlannedFile(3, "A", 3, 3, 1, new BigDecimal("200.00")),
                new PlannedFile(4, "A", 4, 4, 1, new BigDecimal("2500.00")));
    }

    /**
     * B's first file ends (at row 5) before A's (at row 6), yet A's comes first: the files are numbered by their first
     * row, not by when they were cut.
     */
    @Test
    void eachPayerAccountIsCutOnItsOwnAndTheFilesAreNumberedByTheirFirstRow() {
        lines(row(1, "A", "1.00"), row(2, "B", "2.00"), row(3, "B", "3.00"), row(4, "A", "4.00"),
                row(5, "B", "5.00"), row(6, "A", "6.00"), row(7, "B", "7.00"));

        assertThat(plan(TestBanks.iso(2222, 2))).containsExactly(
                new PlannedFile(1, "A", 1, 4, 2, new BigDecimal("5.00")),
                new PlannedFile(2, "B", 2, 3, 2, new BigDecimal("5.00")),
                new PlannedFile(3, "B", 5, 7, 2, new BigDecimal("12.00")),
                new PlannedFile(4, "A", 6, 6, 1, new BigDecimal("6.00")));
    }

    @Test
    void noRowsNoFiles() {
        lines();

        assertThat(plan(TestBanks.iso(2222, 2))).isEmpty();
    }

    // ---- stageBorn

    @Test
    void aBornFileIsPublishedWithItsBatchItsDeliveryAndItsPaymentsReleasedInIt() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "250.50"), credit(3, "0.01"));
        PlannedFile file = births.planned(bank);

        StagedFile staged = core.release.stageBorn(bank, "BBORN1", file, payAcctName, births, "payroll-test",
                () -> { }).orElseThrow();

        assertThat(births.bears).isEqualTo(1);
        assertThat(staged.path()).isEqualTo(core.staging.folder("DEMO-ISO").resolve(staged.fileName())).exists();
        assertThat(staged.transactions()).isEqualTo(3);
        assertThat(staged.messageId()).isEqualTo("BBORN1-001");
        assertThat(stagedFiles()).containsExactly(staged.fileName());
        String content = Files.readString(staged.path(), StandardCharsets.UTF_8);
        for (OutboundCredit c : births.credits) {
            assertThat(content).contains("<EndToEndId>" + c.endToEndId() + "</EndToEndId>");
        }
        assertThat(content).contains(staged.messageId());

        Map<String, Object> batch = core.db.jdbc().getJdbcTemplate().queryForMap(
                "SELECT bank_code, pay_acct_no, tx_count, total_amount, file_count, created_by FROM payment_batch"
                        + " WHERE batch_id = 'BBORN1'");
        assertThat(batch.get("bank_code")).isEqualTo("DEMO-ISO");
        assertThat(batch.get("pay_acct_no")).isEqualTo(payAcctNo);
        assertThat(((Number) batch.get("tx_count")).intValue()).isEqualTo(3);
        assertThat((BigDecimal) batch.get("total_amount")).isEqualByComparingTo("350.51");
        assertThat(((Number) batch.get("file_count")).intValue()).isEqualTo(1);
        assertThat(batch.get("created_by")).isEqualTo("payroll-test");
        Delivery d = core.deliveries.find(staged.deliveryId()).orElseThrow();
        assertThat(d.status()).isEqualTo(DeliveryStatus.PREPARED);
        assertThat(d.fileName()).isEqualTo(staged.fileName());
        assertThat(d.fileSha256()).isEqualTo(Digests.sha256(Files.readAllBytes(staged.path())));
        assertThat(core.db.count("SELECT COUNT(*) FROM bank_delivery WHERE batch_id = 'BBORN1' AND tx_count = 3"
                + " AND total_amount = 350.51")).isEqualTo(1);

        List<Payment> born = core.payments.findByDelivery(staged.deliveryId());
        assertThat(born).extracting(Payment::paymentId)
                .containsExactlyInAnyOrderElementsOf(births.credits.stream().map(OutboundCredit::endToEndId).toList());
        for (Payment p : born) {
            assertThat(p.status()).isEqualTo(PaymentStatus.RELEASED);
            assertThat(p.batchId()).isEqualTo("BBORN1");
            assertThat(p.deliveryId()).isEqualTo(staged.deliveryId());
            assertThat(core.lifecycle.history(p.paymentId())).singleElement().satisfies(e -> {
                assertThat(e.from()).isNull();
                assertThat(e.to()).isEqualTo(PaymentStatus.RELEASED);
                assertThat(e.reason()).endsWith("released in " + staged.fileName());
            });
        }
    }

    @Test
    void aBatchAlreadyRecordedIsNeitherBuiltNorBornAgain() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        StagedFile first = core.release.stageBorn(bank, "BBORN2", births.planned(bank), payAcctName, births,
                "payroll-test", () -> { }).orElseThrow();
        byte[] bytes = Files.readAllBytes(first.path());
        Recorded before = recorded();
        FileBirths again = new FileBirths(credit(4, "100.00"), credit(5, "200.00"), credit(6, "300.00"));

        Optional<StagedFile> second = core.release.stageBorn(bank, "BBORN2", again.planned(bank), payAcctName, again,
                "payroll-test", () -> { });

        assertThat(second).isEmpty();
        assertThat(core.release.stageBorn(TestBanks.iso(2222, 2), "BBORN2", again.planned(bank), payAcctName, again,
                "payroll-test", () -> { })).as("recorded: empty even once the bank's limits are lowered (a restart)")
                .isEmpty();
        assertThat(again.bears).isZero();
        assertThat(again.opened).as("no file rendered").isZero();
        assertThat(recorded()).isEqualTo(before);
        assertThat(stagedFiles()).containsExactly(first.fileName());
        assertThat(first.path()).hasBinaryContent(bytes);
    }

    @Test
    void anotherCountBornThanPlannedRecordsNothingAndLeavesNoFile() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        PlannedFile planned = births.planned(bank);
        births.bearOnly(2);
        Recorded before = recorded();

        assertThatThrownBy(() -> core.release.stageBorn(bank, "BBORN3", planned, payAcctName, births, "payroll-test",
                () -> { })).isInstanceOfSatisfying(TreasuryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ReleaseService.RELEASE_PLAN_CHANGED);
                    assertThat(e.location()).isEqualTo("BBORN3");
                });

        assertThat(births.bears).as("the two payments were inserted, then rolled back").isEqualTo(1);
        assertNothingRecordedSince(before, births);
        assertThat(stagedFiles()).as("neither part nor file").isEmpty();
    }

    @Test
    void anotherCountOrTotalWrittenThanPlannedRecordsNothingAndLeavesNoFile() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        PlannedFile planned = births.planned(bank);
        PlannedFile more = new PlannedFile(planned.number(), planned.payAcctNo(), planned.firstSeq(),
                planned.lastSeq(), planned.count() + 1, planned.total());
        PlannedFile otherTotal = new PlannedFile(planned.number(), planned.payAcctNo(), planned.firstSeq(),
                planned.lastSeq(), planned.count(), planned.total().add(new BigDecimal("0.01")));
        Recorded before = recorded();

        assertThatThrownBy(() -> core.release.stageBorn(bank, "BBORN7", more, payAcctName, births, "payroll-test",
                () -> { })).isInstanceOfSatisfying(TreasuryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ReleaseService.RELEASE_PLAN_CHANGED);
                    assertThat(e.getMessage()).contains("3 of 600.00 CNY were written");
                });
        assertThatThrownBy(() -> core.release.stageBorn(bank, "BBORN8", otherTotal, payAcctName, births,
                "payroll-test", () -> { })).as("the same count, a fen more planned").isInstanceOfSatisfying(
                TreasuryException.class, e -> assertThat(e.getMessage()).contains("3 payments of 600.01 CNY, 3 of"
                        + " 600.00 CNY were written"));

        assertThat(births.opened).as("the part was written").isPositive();
        assertThat(births.bears).as("no payment born for a file that is not the plan's").isZero();
        assertNothingRecordedSince(before, births);
        assertThat(stagedFiles()).as("neither part nor file").isEmpty();
    }

    @Test
    void aFenceThatThrowsRecordsNothingAndDiscardsThePart() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        Recorded before = recorded();
        IllegalStateException fenced = new IllegalStateException("the run's lease is lost");

        assertThatThrownBy(() -> core.release.stageBorn(bank, "BBORN4", births.planned(bank), payAcctName, births,
                "payroll-test", () -> {
                    throw fenced;
                })).isSameAs(fenced);

        assertThat(births.opened).as("the part was written").isPositive();
        assertThat(births.bears).isZero();
        assertNothingRecordedSince(before, births);
        assertThat(stagedFiles()).as("the part discarded").isEmpty();
    }

    @Test
    void aPlannedFileAboveTheBanksLimitsIsRefusedBeforeAnythingIsWritten() {
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        PlannedFile planned = births.planned(TestBanks.iso(2222));
        Recorded before = recorded();

        for (BankProfile changed : List.of(TestBanks.iso(2222, 2),
                TestBanks.iso(2222, 1000, new BigDecimal("599.99")))) {
            assertThatThrownBy(() -> core.release.stageBorn(changed, "BBORN5", planned, payAcctName, births,
                    "payroll-test", () -> { })).as("limits of %d credits and %s CNY", changed.maxTransactionsPerFile(),
                    changed.maxAmountPerFile()).isInstanceOfSatisfying(TreasuryException.class,
                    e -> assertThat(e.code()).isEqualTo(ReleaseService.RELEASE_RANGE_OVER_LIMITS));
        }

        assertThat(births.opened).isZero();
        assertThat(births.bears).isZero();
        assertNothingRecordedSince(before, births);
        assertThat(core.staging.folder("DEMO-ISO")).doesNotExist();
    }

    @Test
    void aPlannedFileOfOnePaymentAboveTheAmountLimitIsStaged() {
        BankProfile bank = TestBanks.iso(2222, 1000, new BigDecimal("1000.00"));
        FileBirths births = new FileBirths(credit(1, "1500.00"));

        StagedFile staged = core.release.stageBorn(bank, "BBORN6", births.planned(bank), payAcctName, births,
                "payroll-test", () -> { }).orElseThrow();

        assertThat(staged.transactions()).isEqualTo(1);
        assertThat(core.payments.findByDelivery(staged.deliveryId())).extracting(Payment::status)
                .containsExactly(PaymentStatus.RELEASED);
    }

    // ---- stageBorn on several threads

    /** The node writes one file while it records another: a part being written holds no lock the record needs. */
    @Test
    void anotherBatchIsStagedWhileAFileIsBeingWritten() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths held = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        Gate gate = held.holdAtSecondCredit();
        FileBirths other = new FileBirths(credit(4, "40.00"), credit(5, "50.00"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<StagedFile>> writing = threads.submit(() -> core.release.stageBorn(bank, "BPIPE1",
                    held.planned(bank), payAcctName, held, "payroll-test", () -> { }));
            gate.awaitReached();

            StagedFile staged = threads.submit(() -> core.release.stageBorn(bank, "BPIPE2", other.planned(bank),
                    payAcctName, other, "payroll-test", () -> { })).get(30, TimeUnit.SECONDS).orElseThrow();

            assertThat(writing).isNotDone();
            assertThat(core.payments.findByDelivery(staged.deliveryId())).hasSize(2);
            gate.release();
            StagedFile first = writing.get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(core.payments.findByDelivery(first.deliveryId())).hasSize(3);
            assertThat(stagedFiles()).containsExactlyInAnyOrder(first.fileName(), staged.fileName());
        } finally {
            gate.release();
            threads.shutdownNow();
        }
    }

    /** Recovery from a crash removes the parts nobody writes any more, never one a thread of the node is writing. */
    @Test
    void recoveryLeavesAPartBeingWrittenAlone() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths held = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        Gate gate = held.holdAtSecondCredit();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<StagedFile>> writing = thread.submit(() -> core.release.stageBorn(bank, "BPIPE3",
                    held.planned(bank), payAcctName, held, "payroll-test", () -> { }));
            gate.awaitReached();
            assertThat(stagedFiles()).singleElement().satisfies(n -> assertThat(n).endsWith(StagingArea.PART));

            ReleaseService.StagingRecovery recovery = core.release.recoverStaging();

            assertThat(recovery.discarded()).isZero();
            gate.release();
            StagedFile staged = writing.get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(stagedFiles()).containsExactly(staged.fileName());
            assertThat(core.deliveries.find(staged.deliveryId()).orElseThrow().fileSha256())
                    .isEqualTo(Digests.sha256(Files.readAllBytes(staged.path())));
        } finally {
            gate.release();
            thread.shutdownNow();
        }
    }

    /**
     * A part written and waiting for its record is not a crash's leftover either: a start-up repair that takes the
     * node's lock between the writing and the record leaves it (here the repair runs in the record's fence, on the
     * recording thread, which holds the lock: it is reentrant).
     */
    @Test
    void recoveryLeavesAPartWrittenAndNotYetRecordedAlone() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths births = new FileBirths(credit(1, "100.00"), credit(2, "200.00"));
        List<ReleaseService.StagingRecovery> recoveries = new ArrayList<>();

        StagedFile staged = core.release.stageBorn(bank, "BPIPE5", births.planned(bank), payAcctName, births,
                "payroll-test", () -> recoveries.add(core.release.recoverStaging())).orElseThrow();

        assertThat(recoveries).singleElement().satisfies(r -> {
            assertThat(r.discarded()).as("the part left alone").isZero();
            assertThat(r.published()).isZero();
        });
        assertThat(stagedFiles()).containsExactly(staged.fileName());
        assertThat(core.deliveries.find(staged.deliveryId()).orElseThrow().fileSha256())
                .isEqualTo(Digests.sha256(Files.readAllBytes(staged.path())));
    }

    /**
     * A batch staged by two threads at once (a partition sent again to a node whose earlier worker still runs): the
     * second waits for the first, then finds the batch recorded and writes nothing — one part, one file, one record.
     */
    @Test
    void theSameBatchStagedByTwoThreadsAtOnceIsWrittenAndRecordedOnce() throws Exception {
        BankProfile bank = TestBanks.iso(2222);
        FileBirths first = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        Gate gate = first.holdAtSecondCredit();
        FileBirths second = new FileBirths(credit(1, "100.00"), credit(2, "200.00"), credit(3, "300.00"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<StagedFile>> one = threads.submit(() -> core.release.stageBorn(bank, "BPIPE4",
                    first.planned(bank), payAcctName, first, "payroll-test", () -> { }));
            gate.awaitReached();
            Future<Optional<StagedFile>> two = threads.submit(() -> core.release.stageBorn(bank, "BPIPE4",
                    second.planned(bank), payAcctName, second, "payroll-test", () -> { }));
            Thread.sleep(300);
            assertThat(two).as("waits for the first").isNotDone();

            gate.release();

            StagedFile staged = one.get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(two.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(second.opened).as("nothing written by the second").isZero();
            assertThat(second.bears).isZero();
            assertThat(stagedFiles()).containsExactly(staged.fileName());
            assertThat(core.db.count("SELECT COUNT(*) FROM bank_delivery WHERE batch_id = 'BPIPE4'")).isEqualTo(1);
            assertThat(core.payments.findByDelivery(staged.deliveryId())).hasSize(3);
        } finally {
            gate.release();
            threads.shutdownNow();
        }
    }

    // ---- helpers

    private record Line(int no, String account, String amount) {
    }

    private static Line row(int no, String account, String amount) {
        return new Line(no, account, amount);
    }

    /** The rows a plan reads: a table of this test's own. */
    private void lines(Line... rows) {
        var jdbc = core.db.jdbc().getJdbcTemplate();
        jdbc.execute("CREATE TABLE born_line (line_no INTEGER NOT NULL PRIMARY KEY, pay_acct VARCHAR(40) NOT NULL,"
                + " amount NUMERIC(18,2) NOT NULL)");
        for (Line r : rows) {
            jdbc.update("INSERT INTO born_line (line_no, pay_acct, amount) VALUES (?, ?, ?)", r.no(), r.account(),
                    new BigDecimal(r.amount()));
        }
    }

    private List<PlannedFile> plan(BankProfile bank) {
        return core.release.planFiles(bank, LINES, new MapSqlParameterSource());
    }

    /** Line {@code seq}'s credit to a payee of the ISO bank; its end-to-end id is its payment's id to be. */
    private static OutboundCredit credit(int seq, String amount) {
        return new OutboundCredit(String.format("BORN%028d", seq), new BigDecimal(amount), "收款人" + seq,
                "62220000000000" + seq, TestBanks.ISO_BANK_NO, "Demo ISO 20022 bank", "工资 2026-11 第" + seq + "行");
    }

    /** What the database holds of batches, files, payments and their events. */
    private record Recorded(int batches, int deliveries, int payments, int events) {
    }

    private Recorded recorded() {
        return new Recorded(core.db.count("SELECT COUNT(*) FROM payment_batch"),
                core.db.count("SELECT COUNT(*) FROM bank_delivery"), core.db.count("SELECT COUNT(*) FROM payment"),
                core.db.count("SELECT COUNT(*) FROM payment_event"));
    }

    private void assertNothingRecordedSince(Recorded before, FileBirths births) {
        assertThat(recorded()).isEqualTo(before);
        assertThat(core.payments.findAll(births.credits.stream().map(OutboundCredit::endToEndId).toList())).isEmpty();
    }

    /** The regular files in the ISO bank's staging folder, by name (a {@code .part} too). */
    private List<String> stagedFiles() throws IOException {
        Path folder = core.staging.folder("DEMO-ISO");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The payments of one file, born as a payroll run's are: each credit's payment of the test's voucher, numbered by
     * its line, inserted RELEASED in the file with one event; {@link #bearOnly} makes fewer be born than the credits.
     */
    private final class FileBirths implements ReleaseService.Births {

        final List<OutboundCredit> credits;
        int toBear;
        volatile int opened;
        volatile int bears;
        volatile Gate gate;

        FileBirths(OutboundCredit... credits) {
            this.credits = List.of(credits);
            this.toBear = credits.length;
        }

        /** The file a plan would make of these credits, for the test's payer account. */
        PlannedFile planned(BankProfile bank) {
            return new PlannedFile(1, payAcctNo, seq(credits.get(0)), seq(credits.get(credits.size() - 1)),
                    credits.size(), credits.stream().map(OutboundCredit::amount).reduce(BigDecimal.ZERO,
                    BigDecimal::add));
        }

        void bearOnly(int n) {
            toBear = n;
        }

        /** The first reading of the credits stops at the second one until the gate is released. */
        Gate holdAtSecondCredit() {
            gate = new Gate();
            return gate;
        }

        @Override
        public CreditSource credits() {
            return CreditSource.distinct(() -> {
                int reading = ++opened;
                Gate g = gate;
                return g == null || reading > 1 ? credits.stream() : credits.stream().peek(c -> {
                    if (c == credits.get(1)) {
                        g.pass();
                    }
                });
            });
        }

        @Override
        public int bear(String batchId, String deliveryId, String reason) {
            bears++;
            List<Payment> payments = new ArrayList<>();
            List<PaymentLifecycle.Birth> events = new ArrayList<>();
            for (OutboundCredit c : credits.subList(0, toBear)) {
                payments.add(new Payment(c.endToEndId(), voucherId, 1000 + seq(c), null, "DEMO-ISO", payAcctNo,
                        payAcctName, c.payeeAccount(), c.payeeName(), c.payeeBankName(), c.payeeBankNo(), c.amount(),
                        "CNY", c.remittance(), PaymentStatus.RELEASED, batchId, deliveryId, null, null, null, null));
                events.add(new PaymentLifecycle.Birth(c.endToEndId(), reason));
            }
            core.payments.insertReleased(payments, Collections.nCopies(payments.size(), null), null, batchId,
                    deliveryId);
            core.lifecycle.recordCreatedThrough(events, "payroll-test", THROUGH);
            return payments.size();
        }

        private static int seq(OutboundCredit c) {
            return Integer.parseInt(c.endToEndId().substring(4));
        }
    }

    /** Where a writing thread stops, and the test lets it go on. */
    private static final class Gate {

        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void pass() {
            reached.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the writer reached the gate").isTrue();
        }

        void release() {
            released.countDown();
        }
    }
}
