package org.jincai.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.Digests;
import org.jincai.core.TreasuryException;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditRecord;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentEvent;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * What keeps a payment in at most one file a bank received, on the core's side: the staged bytes are those
 * recorded, a payment already in a file can never be released into another (the code and the database
 * both refuse), the repair of the staging folders after a crash, the upload's recorded steps, an operator's
 * confirm and resend of a file held as DELIVERY_UNCERTAIN (audited in both trails), and an answer that
 * proves a held file arrived.
 */
class DeliveryAtMostOnceTest {

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private StagedFile releaseIso() {
        return core.release.release("operator-test").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
                .findFirst().orElseThrow();
    }

    private Delivery delivery(StagedFile f) {
        return core.deliveries.find(f.deliveryId()).orElseThrow();
    }

    /** Takes the ISO file through the upload's steps up to the rename, as an upload killed after it would leave it. */
    private Delivery leftUploading(StagedFile iso) {
        core.deliveries.startTransfer(iso.deliveryId(), "route-test");
        core.deliveries.renameAsked(iso.deliveryId(), "route-test");
        return delivery(iso);
    }

    @Test
    void theStagedBytesAreTheOnesRecordedAndForcedToDiskBeforeTheRecord() throws Exception {
        StagedFile iso = releaseIso();

        Delivery d = delivery(iso);
        assertThat(d.fileSha256()).isEqualTo(Digests.sha256(Files.readAllBytes(iso.path())));
        assertThat(d.status()).isEqualTo(DeliveryStatus.PREPARED);
        assertThat(d.statusReason()).startsWith("staged, " + Files.size(iso.path()) + " bytes");
        assertThat(core.deliveries.history(iso.deliveryId())).singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo(DeliveryStatus.PREPARED))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("operator-test"));
    }

    @Test
    void aPaymentAlreadyInAFileIsNeverReleasedIntoAnotherNotByTheCodeNorByTheDatabase() {
        StagedFile iso = releaseIso();
        List<String> inFile = core.payments.findByDelivery(iso.deliveryId()).stream().map(Payment::paymentId).toList();

        assertThatThrownBy(() -> core.db.tx().executeWithoutResult(s -> core.lifecycle.release(inFile, "B-OTHER",
                iso.deliveryId(), "test", "second file")))
                .isInstanceOfSatisfying(TreasuryException.class, e -> assertThat(e.code()).isEqualTo("CONCURRENT_CHANGE"));
        assertThatThrownBy(() -> core.db.jdbc().getJdbcTemplate().update(
                "UPDATE payment SET status = 'APPROVED' WHERE payment_id = ?", inFile.get(0)))
                .as("an approved payment that is already in a file").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> core.db.jdbc().getJdbcTemplate().update(
                "UPDATE payment SET delivery_id = NULL WHERE payment_id = ?", inFile.get(0)))
                .as("a released payment taken out of its file").isInstanceOf(DataIntegrityViolationException.class);
        assertThat(core.release.release("operator-test").staged()).isEmpty();
    }

    @Test
    void recoveryPublishesRecordedFilesRemovesUnrecordedOnesAndQuarantinesFinalFilesNobodyKnows() throws Exception {
        StagedFile iso = releaseIso();
        Path bankFolder = core.staging.folder("DEMO-ISO");
        Path part = bankFolder.resolve(iso.fileName() + StagingArea.PART);
        Files.move(iso.path(), part);
        Path uncommitted = bankFolder.resolve("DEMO-ISO_20261207_BNEVER_001.xml" + StagingArea.PART);
        Files.writeString(uncommitted, "<Document/>");
        Path unknown = bankFolder.resolve("DEMO-ISO_20261207_BLOST_001.xml");
        Files.writeString(unknown, "<Document>credits whose record was lost</Document>");

        ReleaseService.StagingRecovery done = core.release.recoverStaging();

        assertThat(done).isEqualTo(new ReleaseService.StagingRecovery(1, 1, 1));
        assertThat(iso.path()).exists();
        assertThat(part).doesNotExist();
        assertThat(uncommitted).doesNotExist();
        assertThat(unknown).doesNotExist();
        Path quarantined = bankFolder.resolve(StagingArea.QUARANTINE).resolve(unknown.getFileName());
        assertThat(quarantined).hasContent("<Document>credits whose record was lost</Document>");
        assertThat(Files.readString(bankFolder.resolve(StagingArea.QUARANTINE)
                .resolve(unknown.getFileName() + StagingArea.REASON), StandardCharsets.UTF_8))
                .contains("code: " + ReleaseService.STAGED_FILE_UNKNOWN);
        assertThat(core.staging.waiting("DEMO-ISO")).containsExactly(iso.path());
        assertThat(core.release.recoverStaging()).as("nothing left to repair")
                .isEqualTo(new ReleaseService.StagingRecovery(0, 0, 0));
    }

    @Test
    void aReleaseInterruptedBeforeItsCommitLeavesItsPaymentsApprovedAndTheNextReleaseTakesThemOnce() throws Exception {
        Path leftover = core.staging.folder("DEMO-ISO").resolve("DEMO-ISO_20261207_BCRASHED_001.xml" + StagingArea.PART);
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "<Document>half");

        core.release.recoverStaging();
        ReleaseResult next = core.release.release("operator-test");

        assertThat(leftover).doesNotExist();
        assertThat(next.staged()).hasSize(2);
        assertThat(core.db.count("SELECT COUNT(DISTINCT delivery_id) FROM payment")).isEqualTo(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED'")).isEqualTo(7);
    }

    @Test
    void anUploadAttemptIsRecordedBeforeItsFirstByteAndAFailureBeforeTheRenameMakesItReadyAgain() {
        StagedFile iso = releaseIso();

        Delivery attempt = core.deliveries.startTransfer(iso.deliveryId(), "route-test");
        assertThat(attempt.status()).isEqualTo(DeliveryStatus.TRANSFERRING);
        assertThat(attempt.attempts()).isEqualTo(1);
        core.deliveries.transferFailed(iso.deliveryId(), "route-test", "connection reset");
        assertThat(delivery(iso).status()).isEqualTo(DeliveryStatus.PREPARED);
        assertThat(delivery(iso).statusReason()).contains("nothing reached the bank").contains("connection reset");

        core.deliveries.connectFailed(iso.deliveryId(), "Connection refused");
        assertThat(delivery(iso).attempts()).as("a server that is down counts too").isEqualTo(2);
        assertThat(core.deliveries.startTransfer(iso.deliveryId(), "route-test").attempts()).isEqualTo(3);
        core.deliveries.renameAsked(iso.deliveryId(), "route-test");
        assertThatThrownBy(() -> core.deliveries.startTransfer(iso.deliveryId(), "route-test"))
                .as("a file whose rename may have happened is never simply sent again")
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo(DeliveryService.DELIVERY_STATE_CHANGED));
        assertThat(core.deliveries.history(iso.deliveryId())).extracting(DeliveryEvent::to).containsExactly(
                DeliveryStatus.PREPARED, DeliveryStatus.TRANSFERRING, DeliveryStatus.PREPARED,
                DeliveryStatus.TRANSFERRING, DeliveryStatus.UPLOADING);
        assertThat(core.payments.findByDelivery(iso.deliveryId())).extracting(Payment::status)
                .containsOnly(PaymentStatus.RELEASED);
    }

    @Test
    void anOperatorConfirmsAHeldFileReachedTheBankRecordedWithWhoWhenAndWhy() {
        StagedFile iso = releaseIso();
        leftUploading(iso);
        core.deliveries.uncertain(iso.deliveryId(), "route-test", "not in the inbox, no archive, no answer");
        core.deliveries.placeFile(delivery(iso));
        assertThat(core.staging.held("DEMO-ISO")).extracting(p -> p.getFileName().toString()).containsExactly(iso.fileName());

        assertThatThrownBy(() -> core.deliveries.confirm(iso.deliveryId(), "op-li", AuditEntry.Channel.CLI, " "))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo(DeliveryService.REASON_REQUIRED));
        Delivery confirmed = core.deliveries.confirm(iso.deliveryId(), "op-li", AuditEntry.Channel.CLI,
                "the bank's portal lists the file");

        assertThat(confirmed.status()).isEqualTo(DeliveryStatus.UPLOADED);
        assertThat(confirmed.statusReason()).contains("op-li").contains("the bank's portal lists the file");
        assertThat(core.staging.locate("DEMO-ISO", iso.fileName()).getParent().getFileName().toString())
                .isEqualTo(StagingArea.SENT);
        DeliveryEvent last = core.deliveries.history(iso.deliveryId()).get(4);
        assertThat(last.from()).isEqualTo(DeliveryStatus.DELIVERY_UNCERTAIN);
        assertThat(last.to()).isEqualTo(DeliveryStatus.UPLOADED);
        assertThat(last.actor()).isEqualTo("op-li");
        assertThat(last.at()).isNotNull();
        for (Payment p : core.payments.findByDelivery(iso.deliveryId())) {
            assertThat(p.status()).isEqualTo(PaymentStatus.SENT);
            PaymentEvent e = core.lifecycle.history(p.paymentId()).get(core.lifecycle.history(p.paymentId()).size() - 1);
            assertThat(e.actor()).isEqualTo("op-li");
            assertThat(e.reason()).contains("the bank's portal lists the file");
        }
        assertThat(core.audit.recent(DeliveryService.AUDIT_OBJECT, iso.deliveryId(), 10))
                .extracting(AuditRecord::action, AuditRecord::channel, AuditRecord::actor, AuditRecord::reason)
                .containsExactly(
                        tuple(DeliveryService.AUDIT_CONFIRMED, "CLI", "op-li", "the bank's portal lists the file"),
                        tuple(DeliveryService.AUDIT_HELD, "SYSTEM", "route-test", "not in the inbox, no archive, no answer"));
        assertThatThrownBy(() -> core.deliveries.resend(iso.deliveryId(), "op-li", AuditEntry.Channel.CLI, "twice"))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo(DeliveryService.DELIVERY_NOT_UNCERTAIN));
    }

    @Test
    void anOperatorResendsTheVerySameHeldFileAndNeverAnotherOne() throws Exception {
        StagedFile iso = releaseIso();
        byte[] staged = Files.readAllBytes(iso.path());
        leftUploading(iso);
        core.deliveries.uncertain(iso.deliveryId(), "route-test", "nothing tells");
        core.deliveries.placeFile(delivery(iso));

        Delivery resent = core.deliveries.resend(iso.deliveryId(), "op-wang", AuditEntry.Channel.REST,
                "the bank has no trace of it");

        assertThat(resent.status()).isEqualTo(DeliveryStatus.PREPARED);
        assertThat(resent.fileName()).isEqualTo(iso.fileName());
        assertThat(resent.messageId()).isEqualTo(iso.messageId());
        assertThat(core.staging.waiting("DEMO-ISO")).containsExactly(iso.path());
        assertThat(iso.path()).hasBinaryContent(staged);
        assertThat(core.db.count("SELECT COUNT(*) FROM bank_delivery")).as("no second file").isEqualTo(2);
        assertThat(core.audit.recent(DeliveryService.AUDIT_OBJECT, iso.deliveryId(), 1)).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(DeliveryService.AUDIT_RESENT))
                .satisfies(r -> assertThat(r.channel()).isEqualTo("REST"))
                .satisfies(r -> assertThat(r.actor()).isEqualTo("op-wang"))
                .satisfies(r -> assertThat(r.after()).isEqualTo("PREPARED"));
        for (Payment p : core.payments.findByDelivery(iso.deliveryId())) {
            assertThat(p.status()).isEqualTo(PaymentStatus.RELEASED);
            assertThat(p.deliveryId()).isEqualTo(iso.deliveryId());
            PaymentEvent e = core.lifecycle.history(p.paymentId()).get(core.lifecycle.history(p.paymentId()).size() - 1);
            assertThat(e.from()).isEqualTo(PaymentStatus.RELEASED);
            assertThat(e.to()).isEqualTo(PaymentStatus.RELEASED);
            assertThat(e.actor()).isEqualTo("op-wang");
            assertThat(e.reason()).contains("resend").contains(iso.messageId()).contains("the bank has no trace of it");
        }
    }

    @Test
    void aHeldFileWhoseBytesChangedIsNeverResent() throws Exception {
        StagedFile iso = releaseIso();
        leftUploading(iso);
        core.deliveries.uncertain(iso.deliveryId(), "route-test", "nothing tells");
        core.deliveries.placeFile(delivery(iso));
        Path held = core.staging.locate("DEMO-ISO", iso.fileName());
        Files.writeString(held, "<Document>edited by hand</Document>");

        assertThatThrownBy(() -> core.deliveries.resend(iso.deliveryId(), "op-wang", AuditEntry.Channel.REST, "resend"))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo(DeliveryService.DELIVERY_FILE_ALTERED));
        assertThat(delivery(iso).status()).isEqualTo(DeliveryStatus.DELIVERY_UNCERTAIN);
    }

    @Test
    void anAnswerToAFileHeldAsUncertainProvesItArrivedAndIsApplied() {
        StagedFile iso = releaseIso();
        leftUploading(iso);
        core.deliveries.uncertain(iso.deliveryId(), "route-test", "nothing tells");
        core.deliveries.placeFile(delivery(iso));
        List<Payment> released = core.payments.findByDelivery(iso.deliveryId());

        core.answers.apply("DEMO-ISO", "pain002".getBytes(), new BankAnswer("answer.pain002.xml", iso.messageId(),
                released.stream().map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList()), false,
                "inbound-test");

        assertThat(delivery(iso).status()).isEqualTo(DeliveryStatus.ANSWERED);
        assertThat(core.payments.findByDelivery(iso.deliveryId())).extracting(Payment::status)
                .containsOnly(PaymentStatus.ACCEPTED);
        assertThat(core.deliveries.history(iso.deliveryId())).extracting(DeliveryEvent::to).endsWith(
                DeliveryStatus.DELIVERY_UNCERTAIN, DeliveryStatus.UPLOADED, DeliveryStatus.ANSWERED);
        assertThat(core.staging.held("DEMO-ISO")).isEmpty();
        assertThat(core.staging.locate("DEMO-ISO", iso.fileName()).getParent().getFileName().toString())
                .isEqualTo(StagingArea.SENT);
    }

    @Test
    void anAnswerToAFileLeftUploadingAfterACrashIsAppliedNotRefusedAsNeverSent() {
        StagedFile iso = releaseIso();
        leftUploading(iso);
        List<Payment> released = core.payments.findByDelivery(iso.deliveryId());

        core.answers.apply("DEMO-ISO", "pain002".getBytes(), new BankAnswer("answer.pain002.xml", iso.messageId(),
                released.stream().map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList()), false,
                "inbound-test");

        assertThat(delivery(iso).status()).isEqualTo(DeliveryStatus.ANSWERED);
        assertThat(delivery(iso).uploadedAt()).isNotNull();
        assertThat(core.lifecycle.history(released.get(0).paymentId())).extracting(PaymentEvent::to)
                .endsWith(PaymentStatus.RELEASED, PaymentStatus.SENT, PaymentStatus.ACCEPTED);
    }

    /**
     * A file staged on a node lost with its disk, never sent: another node renders it again from the database (same
     * name, same credits) and takes it by a conditional update; from then on only that node starts its upload, the
     * first one's recovery removes its own unrenamed copy, and a file whose upload has begun is never taken.
     */
    @Test
    void aFileStagedOnALostNodeIsStagedAgainByAnotherAndOnlyThatNodeUploadsIt() throws Exception {
        StagedFile iso = releaseIso();
        String batch = core.db.jdbc().getJdbcTemplate().queryForObject(
                "SELECT batch_id FROM bank_delivery WHERE delivery_id = ?", String.class, iso.deliveryId());
        Path lostCopy = core.staging.folder("DEMO-ISO").resolve(iso.fileName() + StagingArea.PART);
        Files.move(iso.path(), lostCopy);
        StagingArea otherDisk = new StagingArea(home.resolve("other-node"));
        ReleaseService otherRelease = new ReleaseService(core.db.jdbc(), core.db.tx(), core.payments, core.lifecycle,
                core.banks, otherDisk, BankCalendar.standard(), core.clock);
        DeliveryService otherDeliveries = new DeliveryService(core.db.jdbc(), core.db.tx(), core.payments,
                core.lifecycle, otherDisk, core.audit, core.clock);
        assertThat(otherDisk.id()).isNotEqualTo(core.staging.id());

        List<StagedFile> taken = otherRelease.restage(batch, "system:test");

        assertThat(taken).singleElement().satisfies(f -> {
            assertThat(f.deliveryId()).isEqualTo(iso.deliveryId());
            assertThat(f.fileName()).isEqualTo(iso.fileName());
            assertThat(f.transactions()).isEqualTo(iso.transactions());
        });
        Path copy = otherDisk.folder("DEMO-ISO").resolve(iso.fileName());
        String content = Files.readString(copy, StandardCharsets.UTF_8);
        for (Payment p : core.payments.findByDelivery(iso.deliveryId())) {
            assertThat(content).contains("<EndToEndId>" + p.paymentId() + "</EndToEndId>");
        }
        Delivery d = delivery(iso);
        assertThat(d.status()).isEqualTo(DeliveryStatus.PREPARED);
        assertThat(d.fileSha256()).isEqualTo(Digests.sha256(Files.readAllBytes(copy)));
        assertThat(core.deliveries.stagedElsewhere(d)).isEqualTo(otherDisk.id());
        assertThat(otherDeliveries.stagedElsewhere(d)).isNull();
        assertThat(core.deliveries.history(iso.deliveryId())).last()
                .satisfies(e -> assertThat(e.reason()).startsWith("staged again on this node"));

        assertThat(core.release.recoverStaging()).as("the lost node's copy removed, not published")
                .isEqualTo(new ReleaseService.StagingRecovery(0, 1, 0));
        assertThat(lostCopy).doesNotExist();
        assertThatThrownBy(() -> core.deliveries.startTransfer(iso.deliveryId(), "route-test"))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo(DeliveryService.DELIVERY_STATE_CHANGED));
        assertThat(otherDeliveries.startTransfer(iso.deliveryId(), "route-test").status())
                .isEqualTo(DeliveryStatus.TRANSFERRING);
        assertThat(otherRelease.restage(batch, "system:test")).as("nothing else to take").isEmpty();
        assertThat(core.release.restage(batch, "system:test")).as("an upload begun is never taken").isEmpty();
    }

    /**
     * A payroll partition sent again takes over exactly its own batches' files: a batch id given is matched whole (not
     * as a prefix: a run's batch ids share their run's), and another batch's file, which a living node may be sending,
     * stays that node's.
     */
    @Test
    void onlyTheBatchesNamedAreStagedAgainNoneThatMerelyShareTheirPrefix() {
        List<StagedFile> staged = core.release.release("operator-test").staged();
        assertThat(staged).hasSizeGreaterThanOrEqualTo(2);
        Map<String, String> batchOf = new HashMap<>();
        for (StagedFile f : staged) {
            batchOf.put(f.deliveryId(), core.db.jdbc().getJdbcTemplate().queryForObject(
                    "SELECT batch_id FROM bank_delivery WHERE delivery_id = ?", String.class, f.deliveryId()));
        }
        StagedFile mine = staged.get(0);
        String batch = batchOf.get(mine.deliveryId());
        StagingArea otherDisk = new StagingArea(home.resolve("other-node"));
        ReleaseService otherRelease = new ReleaseService(core.db.jdbc(), core.db.tx(), core.payments, core.lifecycle,
                core.banks, otherDisk, BankCalendar.standard(), core.clock);

        assertThat(otherRelease.restageBatches(List.of(batch.substring(0, batch.length() - 1)), "system:test"))
                .as("a prefix of a batch id names no batch").isEmpty();
        assertThat(otherRelease.restageBatches(List.of(), "system:test")).isEmpty();
        List<StagedFile> taken = otherRelease.restageBatches(List.of(batch), "system:test");

        assertThat(taken).extracting(StagedFile::deliveryId).containsExactly(mine.deliveryId());
        for (StagedFile f : staged) {
            assertThat(core.deliveries.stagedElsewhere(delivery(f))).as(batchOf.get(f.deliveryId()))
                    .isEqualTo(f == mine ? otherDisk.id() : null);
        }
    }
}
