package org.jincai.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.TreasuryException;
import org.jincai.core.answer.AnswerResult;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.report.BankTotals;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseAndAnswerTest {

    @TempDir
    Path staging;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(staging);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void releaseStagesOneFilePerBankAndRecordsEachDelivery() throws Exception {
        ReleaseResult result = core.release.release("operator-test");

        assertThat(result.failures()).isEmpty();
        assertThat(result.staged()).extracting(StagedFile::bankCode, StagedFile::transactions)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("DEMO-ISO", 3),
                        org.assertj.core.groups.Tuple.tuple("DEMO-PIPE", 4));
        for (StagedFile f : result.staged()) {
            assertThat(f.path()).exists().hasFileName(f.fileName());
            assertThat(f.path().getParent()).isEqualTo(staging.resolve("banks").resolve(f.bankCode()));
            assertThat(core.deliveries.find(f.bankCode(), f.fileName())).get()
                    .extracting(Delivery::status).isEqualTo(DeliveryStatus.PREPARED);
        }
        StagedFile pipe = result.staged().stream().filter(f -> f.bankCode().equals("DEMO-PIPE")).findFirst().orElseThrow();
        assertThat(new String(Files.readAllBytes(pipe.path()), Charset.forName("GBK"))).contains("刘洋").contains("6222116068554393");
        StagedFile iso = result.staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO")).findFirst().orElseThrow();
        assertThat(Files.readString(iso.path())).contains("pain.001.001.09").contains(iso.messageId());
        try (Stream<Path> left = Files.list(staging.resolve("banks").resolve("DEMO-ISO"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(core.payments.findByStatus(PaymentStatus.RELEASED)).hasSize(7);
        assertThat(core.release.release("operator-test").staged()).as("nothing is released twice").isEmpty();
    }

    @Test
    void uploadThenAnswerMovesPaymentsToAcceptedAndRejected() {
        StagedFile iso = releaseIso();
        assertThat(core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test")).isTrue();
        assertThat(core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test")).as("idempotent").isFalse();
        List<Payment> sent = core.payments.findByDelivery(iso.deliveryId());
        assertThat(sent).extracting(Payment::status).containsOnly(PaymentStatus.SENT);

        BankAnswer answer = answer(iso, sent, 1);
        AnswerResult result = core.answers.apply("DEMO-ISO", "a.pain002.xml".getBytes(), answer, false, "inbound-test");

        assertThat(result.outcome()).isEqualTo(AnswerResult.Outcome.APPLIED);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(1);
        Payment rejected = core.payments.find(sent.get(1).paymentId()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(PaymentStatus.REJECTED);
        assertThat(rejected.bankReasonCode()).isEqualTo("AC04");
        assertThat(core.deliveries.find("DEMO-ISO", iso.fileName()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.ANSWERED);
        assertThat(core.summary.byBank(List.of(iso.deliveryId()))).singleElement()
                .extracting(BankTotals::files, BankTotals::transactions, BankTotals::accepted, BankTotals::paid,
                        BankTotals::rejected, BankTotals::awaitingAnswer)
                .containsExactly(1, 3, 2, 0, 1, 0);
    }

    /**
     * A return file that settles (a 代发 bank reporting execution) pays the payments it accepts that an earlier
     * answer left ACCEPTED (a status report that did not settle, or a crash between the two), with one event each;
     * the one the earlier answer rejected stays rejected.
     */
    @Test
    void aSettlingAnswerPaysThePaymentsAnEarlierAnswerLeftAccepted() {
        StagedFile iso = releaseIso();
        core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test");
        List<Payment> sent = core.payments.findByDelivery(iso.deliveryId());
        core.answers.apply("DEMO-ISO", "status".getBytes(), answer(iso, sent, 1), false, "inbound-test");

        AnswerResult settled = core.answers.apply("DEMO-ISO", "ret".getBytes(), new BankAnswer("settle.ret.txt",
                iso.messageId(), answer(iso, sent, 1).statuses()), true, "inbound-test");

        assertThat(settled.outcome()).isEqualTo(AnswerResult.Outcome.APPLIED);
        assertThat(settled.accepted()).isEqualTo(2);
        assertThat(settled.alreadyApplied()).as("the rejected one").isEqualTo(1);
        for (int i = 0; i < sent.size(); i++) {
            Payment p = core.payments.find(sent.get(i).paymentId()).orElseThrow();
            if (i == 1) {
                assertThat(p.status()).isEqualTo(PaymentStatus.REJECTED);
                continue;
            }
            assertThat(p.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(p.paidDate()).isNotNull();
            assertThat(core.lifecycle.history(p.paymentId())).last().satisfies(e -> {
                assertThat(e.from()).isEqualTo(PaymentStatus.ACCEPTED);
                assertThat(e.to()).isEqualTo(PaymentStatus.PAID);
                assertThat(e.reason()).isEqualTo("paid, as reported by DEMO-ISO in settle.ret.txt");
            });
        }
    }

    @Test
    void theSameAnswerFileTwiceIsAppliedOnce() {
        StagedFile iso = releaseIso();
        core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test");
        BankAnswer answer = answer(iso, core.payments.findByDelivery(iso.deliveryId()), 0);
        byte[] content = "answer-bytes".getBytes();
        core.answers.apply("DEMO-ISO", content, answer, false, "inbound-test");
        int events = core.db.count("SELECT COUNT(*) FROM payment_event");

        AnswerResult again = core.answers.apply("DEMO-ISO", content, answer, false, "inbound-test");

        assertThat(again.outcome()).isEqualTo(AnswerResult.Outcome.DUPLICATE);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event")).isEqualTo(events);
        assertThat(core.db.count("SELECT COUNT(*) FROM inbound_file")).isEqualTo(1);
    }

    @Test
    void anAnswerBeforeTheUploadWasRecordedProvesTheUpload() {
        StagedFile iso = releaseIso();
        List<Payment> released = core.payments.findByDelivery(iso.deliveryId());

        core.answers.apply("DEMO-ISO", "x".getBytes(), answer(iso, released, -1), false, "inbound-test");

        assertThat(core.payments.findByDelivery(iso.deliveryId())).extracting(Payment::status)
                .containsOnly(PaymentStatus.ACCEPTED);
        assertThat(core.lifecycle.history(released.get(0).paymentId())).extracting(e -> e.to())
                .endsWith(PaymentStatus.RELEASED, PaymentStatus.SENT, PaymentStatus.ACCEPTED);
        assertThat(core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test")).isFalse();
    }

    @Test
    void anAnswerNamingAPaymentNotInTheFileIsRefusedWholeAndChangesNothing() {
        StagedFile iso = releaseIso();
        core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test");
        List<Payment> sent = core.payments.findByDelivery(iso.deliveryId());
        BankAnswer bad = new BankAnswer("b.xml", iso.messageId(), List.of(
                new CreditStatus(sent.get(0).paymentId(), true, null, null),
                new CreditStatus("NOT-OURS", true, null, null)));

        assertThatThrownBy(() -> core.answers.apply("DEMO-ISO", "b".getBytes(), bad, false, "inbound-test"))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo("ANSWER_UNKNOWN_PAYMENT"));
        assertThat(core.payments.findByDelivery(iso.deliveryId())).extracting(Payment::status)
                .containsOnly(PaymentStatus.SENT);
        assertThat(core.db.count("SELECT COUNT(*) FROM inbound_file")).isZero();
    }

    @Test
    void anAnswerToAFileNeverSentIsRefused() {
        BankAnswer stray = new BankAnswer("c.xml", "NEVER-SENT", List.of());

        assertThatThrownBy(() -> core.answers.apply("DEMO-ISO", "c".getBytes(), stray, false, "inbound-test"))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo("ANSWER_UNKNOWN_FILE"));
    }

    @Test
    void anAnswerContradictingAnEarlierOneIsRefused() {
        StagedFile iso = releaseIso();
        core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route-test");
        List<Payment> sent = core.payments.findByDelivery(iso.deliveryId());
        core.answers.apply("DEMO-ISO", "1".getBytes(), answer(iso, sent, -1), false, "inbound-test");

        assertThatThrownBy(() -> core.answers.apply("DEMO-ISO", "2".getBytes(), answer(iso, sent, 0), false, "inbound-test"))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo("ANSWER_CONTRADICTS"));
        assertThat(core.payments.find(sent.get(0).paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.ACCEPTED);
    }

    @Test
    void recoveryPublishesCommittedPartFilesAndDiscardsOrphans() throws Exception {
        StagedFile iso = releaseIso();
        Path part = iso.path().resolveSibling(iso.fileName() + StagingArea.PART);
        Files.move(iso.path(), part);
        Path orphan = staging.resolve("banks").resolve("DEMO-ISO").resolve("DEMO-ISO_never_committed.xml" + StagingArea.PART);
        Files.writeString(orphan, "<Document/>");

        assertThat(core.release.recoverStaging()).isEqualTo(new ReleaseService.StagingRecovery(1, 1, 0));

        assertThat(iso.path()).exists();
        assertThat(part).doesNotExist();
        assertThat(orphan).doesNotExist();
    }

    @Test
    void aFileReleasedAfterTheBanksCutOffIsForTheNextBankBusinessDay() {
        // the banks' cut-off is 16:00 Beijing time (08:00 UTC); 2026-11-26 is a Thursday, 2026-11-27 a Friday
        assertThat(executionDateOfReleaseAt("2026-11-26T07:59:00Z")).isEqualTo("2026-11-26");
        assertThat(executionDateOfReleaseAt("2026-11-26T08:00:00Z")).isEqualTo("2026-11-27");
        assertThat(executionDateOfReleaseAt("2026-11-27T09:00:00Z")).as("Friday evening: Monday").isEqualTo("2026-11-30");
        assertThat(executionDateOfReleaseAt("2026-11-29T02:00:00Z")).as("a Sunday: Monday").isEqualTo("2026-11-30");
        assertThat(executionDateOfReleaseAt("2026-09-30T09:00:00Z")).as("National Day week").isEqualTo("2026-10-08");
    }

    private String executionDateOfReleaseAt(String instant) {
        try (CoreFixture f = new CoreFixture(staging.resolve(instant.replace(':', '-')), at(instant))) {
            f.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
            f.release.release("operator-test");
            return f.db.jdbc().getJdbcTemplate().queryForObject(
                    "SELECT DISTINCT execution_date FROM payment_batch", java.sql.Date.class).toLocalDate().toString();
        }
    }

    @Test
    void aGroupAboveTheBanksPerFileLimitIsSplitAndEachPartAnsweredOnItsOwn() {
        try (CoreFixture small = new CoreFixture(staging.resolve("small"), Clock.systemUTC(),
                List.of(TestBanks.iso(22, 2), TestBanks.pipe(22)))) {
            small.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");

            List<StagedFile> iso = small.release.release("operator-test").staged().stream()
                    .filter(f -> f.bankCode().equals("DEMO-ISO")).toList();

            assertThat(iso).extracting(StagedFile::transactions).containsExactly(2, 1);
            assertThat(iso).extracting(StagedFile::fileName).doesNotHaveDuplicates()
                    .allMatch(n -> n.endsWith(".xml"));
            assertThat(small.db.count("SELECT COUNT(DISTINCT batch_id) FROM bank_delivery WHERE bank_code = 'DEMO-ISO'"))
                    .as("both parts belong to one batch").isEqualTo(1);
            StagedFile second = iso.get(1);
            small.deliveries.markUploaded("DEMO-ISO", second.fileName(), "route-test");
            small.answers.apply("DEMO-ISO", "p2".getBytes(), answer(second,
                    small.payments.findByDelivery(second.deliveryId()), -1), false, "inbound-test");
            assertThat(small.payments.findByDelivery(second.deliveryId())).extracting(Payment::status)
                    .containsOnly(PaymentStatus.ACCEPTED);
            assertThat(small.payments.findByDelivery(iso.get(0).deliveryId())).extracting(Payment::status)
                    .containsOnly(PaymentStatus.RELEASED);
        }
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private StagedFile releaseIso() {
        return core.release.release("operator-test").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
                .findFirst().orElseThrow();
    }

    /** An answer accepting every payment but the one at {@code rejectIndex} (none when negative). */
    private static BankAnswer answer(StagedFile file, List<Payment> payments, int rejectIndex) {
        List<CreditStatus> statuses = payments.stream().map(p -> payments.indexOf(p) == rejectIndex
                ? new CreditStatus(p.paymentId(), false, "AC04", "account closed")
                : new CreditStatus(p.paymentId(), true, null, null)).collect(Collectors.toList());
        return new BankAnswer("answer.xml", file.messageId(), statuses);
    }
}
