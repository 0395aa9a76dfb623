package org.jincai.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jincai.core.Digests;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.finance.InboxResult;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.finance.WrittenAnswer;
import org.jincai.core.payment.Payment;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.scheduler.SchedulerConfiguration;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a lost node staged and never sent, taken over by the sweep of another node of the cluster, on the hub's
 * database (H2, and PostgreSQL in CI's second pass); node B, a real Quartz scheduler named {@code node-b}, sweeps, and
 * nothing is taken while node A checks in. The bank files a lost node never began to upload — a voucher release's, not
 * a payroll's: A released a voucher into its own staging area and recorded holding it; once A's check-in is older
 * than its interval and Quartz's grace, B renders every PREPARED file of A's area again in its own area (same name,
 * the delivery's new SHA-256 that of B's copy, B's area recorded), audits each {@code DELIVERY_TAKEN_OVER} and shows
 * the last in health; a file whose upload A had begun stays A's, and a second sweep finds nothing. The receipts a lost
 * node staged for the finance system and never delivered: A's vouchers paid and answered, their receipts staged in
 * A's area of answers, one delivered by A's outbox; once A is lost, B writes each other receipt again in its own area,
 * the same bytes under the same name, its area recorded, audited {@code ANSWER_TAKEN_OVER} once each; the one
 * delivered stays A's, and a second sweep finds nothing. The same for the duplicate notices and intake returns A
 * staged (a file of vouchers already taken, seen again) and a reconciliation return (a payment the bank gave back), audited with the
 * object types {@code VOUCHER_NOTICE} and {@code RECON_RETURN}.
 */
class StagedFileSweepTest {

    final Path home = HubTestSupport.newHome("staged-file-sweep");
    CoreFixture core;
    Scheduler quartz;
    StagedFileSweep sweep;
    ExecutionNodes nodes;
    StagingArea diskB;
    StagingArea financeB;

    @BeforeEach
    void nodeAReleasedNodeBSweeps() throws Exception {
        core = new CoreFixture(home.resolve("node-a"));
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SchedulerConfiguration.SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", "node-b");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        quartz = new StdSchedulerFactory(p).getScheduler();
        quartz.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (sweep != null) {
            sweep.stop();
        }
        quartz.shutdown();
        core.close();
    }

    /** Node A, its areas of bank files and of answers recorded as held, checking in now. */
    private JdbcTemplate nodeAChecksIn() {
        JdbcTemplate jdbc = core.db.jdbc().getJdbcTemplate();
        for (String area : List.of(core.staging.id(), core.financeStaging.id())) {
            jdbc.update("INSERT INTO staging_area_node (staging_id, scheduler_instance, node_run, recorded_at) "
                    + "VALUES (?, 'node-a', 'run-a', CURRENT_TIMESTAMP)", area);
        }
        jdbc.update("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL)"
                + " VALUES (?, 'node-a', ?, 2000)", SchedulerConfiguration.SCHEDULER_NAME, System.currentTimeMillis());
        return jdbc;
    }

    /** Node A's last check-in older than its interval and Quartz's grace. */
    private void nodeALost(JdbcTemplate jdbc) {
        jdbc.update("UPDATE QRTZ_SCHEDULER_STATE SET LAST_CHECKIN_TIME = ? WHERE INSTANCE_NAME = 'node-a'",
                System.currentTimeMillis() - 10_000);
    }

    /** Node B's sweep, on its own home, started: it holds its two areas. */
    private void nodeBSweeps() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("quartz", quartz);
        nodes = new ExecutionNodes(core.db.jdbc(), beans.getBeanProvider(Scheduler.class), core.clock);
        diskB = new StagingArea(home.resolve("node-b").resolve("outbound"));
        financeB = new StagingArea(home.resolve("node-b").resolve("finance-outbound"));
        ReleaseService releaseB = new ReleaseService(core.db.jdbc(), core.db.tx(), core.payments, core.lifecycle,
                core.banks, diskB, BankCalendar.standard(), core.clock);
        StagedAnswers answersB = new StagedAnswers(core.db.jdbc(), core.db.tx(), core.finance, financeB, core.clock);
        sweep = new StagedFileSweep(nodes, "node-b", releaseB, diskB, answersB, financeB, core.audit, core.clock,
                Duration.ofHours(1));
        sweep.start();
        assertThat(nodes.areas()).containsOnlyKeys(core.staging.id(), core.financeStaging.id(), diskB.id(),
                financeB.id());
        assertThat(nodes.areas().get(diskB.id()).instance()).as("B holds its areas from its start").isEqualTo("node-b");
        assertThat(nodes.areas().get(financeB.id()).instance()).isEqualTo("node-b");
    }

    @Test
    void theFilesOfALostNodeNeverSentAreTakenOverOnceByAnother() throws Exception {
        List<StagedFile> staged = core.release.release("operator-test").staged();
        assertThat(staged).hasSizeGreaterThan(1);
        StagedFile begun = staged.get(0);
        core.deliveries.startTransfer(begun.deliveryId(), "route-test");
        List<String> prepared = staged.subList(1, staged.size()).stream().map(StagedFile::deliveryId).toList();
        JdbcTemplate jdbc = nodeAChecksIn();
        nodeBSweeps();

        assertThat(sweep.sweep().files()).as("A still checks in: nothing taken").isEmpty();

        nodeALost(jdbc);
        StagedFileSweep.Swept swept = sweep.sweep();
        List<StagedFileSweep.Takeover> taken = swept.files();

        assertThat(swept.answers()).as("A answered nothing").isEmpty();
        assertThat(taken).extracting(StagedFileSweep.Takeover::deliveryId).containsExactlyInAnyOrderElementsOf(prepared);
        assertThat(taken).extracting(StagedFileSweep.Takeover::lostNode).containsOnly("node-a (run run-a)");
        for (StagedFile f : staged.subList(1, staged.size())) {
            Path copy = diskB.folder(f.bankCode()).resolve(f.fileName());
            assertThat(copy).as(f.fileName() + " rendered again on B").exists();
            String content = Files.readString(copy, StandardCharsets.ISO_8859_1); // ids are ASCII in any layout
            for (Payment payment : core.payments.findByDelivery(f.deliveryId())) {
                assertThat(content).as(f.fileName() + " carries its payments").contains(payment.paymentId());
            }
            assertThat(jdbc.queryForObject("SELECT staged_by FROM bank_delivery WHERE delivery_id = ?", String.class,
                    f.deliveryId())).isEqualTo(diskB.id());
            assertThat(core.deliveries.find(f.deliveryId()).orElseThrow()).satisfies(d -> {
                assertThat(d.status()).isEqualTo(DeliveryStatus.PREPARED);
                assertThat(d.fileSha256()).isEqualTo(Digests.sha256(Files.readAllBytes(copy)));
            });
        }
        assertThat(core.deliveries.find(begun.deliveryId()).orElseThrow().status()).as("its upload had begun")
                .isEqualTo(DeliveryStatus.TRANSFERRING);
        assertThat(jdbc.queryForObject("SELECT staged_by FROM bank_delivery WHERE delivery_id = ?", String.class,
                begun.deliveryId())).isEqualTo(core.staging.id());
        assertThat(core.db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'DELIVERY_TAKEN_OVER' AND "
                + "channel = 'SYSTEM' AND object_type = 'BANK_DELIVERY'")).isEqualTo(prepared.size());
        assertThat(sweep.lastTakeover()).isPresent();

        assertThat(sweep.sweep().files()).as("nothing left to take").isEmpty();
    }

    @Test
    void theAnswersOfALostNodeNeverDeliveredAreTakenOverOnceByAnother() throws Exception {
        List<WrittenAnswer> written = core.paidAndAnswered();
        assertThat(written).hasSizeGreaterThan(1);
        WrittenAnswer delivered = written.get(0);
        assertThat(core.stagedAnswers.delivered(delivered.fileName())).as("A's outbox delivered it").isTrue();
        List<WrittenAnswer> waiting = written.subList(1, written.size());
        JdbcTemplate jdbc = nodeAChecksIn();
        nodeBSweeps();

        assertThat(sweep.sweep().answers()).as("A still checks in: nothing taken").isEmpty();

        nodeALost(jdbc);
        StagedFileSweep.Swept swept = sweep.sweep();

        assertThat(swept.files()).as("every bank file of A's was uploaded").isEmpty();
        assertThat(swept.answers()).extracting(StagedFileSweep.AnswerTakeover::fileName)
                .containsExactlyInAnyOrderElementsOf(waiting.stream().map(WrittenAnswer::fileName).toList());
        assertThat(swept.answers()).extracting(StagedFileSweep.AnswerTakeover::lostNode)
                .containsOnly("node-a (run run-a)");
        Path folderA = core.financeStaging.folder(TestFinance.CODE);
        Path folderB = financeB.folder(TestFinance.CODE);
        for (WrittenAnswer w : waiting) {
            assertThat(Files.readAllBytes(folderB.resolve(w.fileName()))).as(w.fileName() + " the same bytes on B")
                    .isEqualTo(Files.readAllBytes(folderA.resolve(w.fileName())));
            assertThat(core.stagedAnswers.find(w.fileName()).orElseThrow()).satisfies(a -> {
                assertThat(a.stagedBy()).isEqualTo(financeB.id());
                assertThat(a.deliveredAt()).isNull();
            });
            assertThat(core.db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'ANSWER_TAKEN_OVER' AND "
                    + "channel = 'SYSTEM' AND object_type = 'VOUCHER_ANSWER' AND object_id = '"
                    + core.stagedAnswers.find(w.fileName()).orElseThrow().id() + "'")).as("audited once")
                    .isEqualTo(1);
        }
        assertThat(folderB.resolve(delivered.fileName())).as("delivered by A: left").doesNotExist();
        assertThat(core.stagedAnswers.find(delivered.fileName()).orElseThrow().stagedBy())
                .isEqualTo(core.financeStaging.id());
        assertThat(core.db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'ANSWER_TAKEN_OVER'"))
                .isEqualTo(waiting.size());
        assertThat(sweep.lastAnswerTakeover()).get().extracting(StagedFileSweep.AnswerTakeover::financeSystem)
                .isEqualTo(TestFinance.CODE);

        assertThat(sweep.sweep().answers()).as("nothing left to take").isEmpty();
        assertThat(core.db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'ANSWER_TAKEN_OVER'"))
                .isEqualTo(waiting.size());
    }

    @Test
    void theNoticesAndReconciliationReturnsOfALostNodeNeverDeliveredAreTakenOverOnceByAnother() throws Exception {
        List<WrittenAnswer> written = core.paidAndAnswered();
        written.forEach(w -> core.stagedAnswers.delivered(w.fileName()));
        InboxResult again = core.inbox.take(TestFinance.hubei(), "batch-again.xml", Envelopes.example());
        List<String> notices = new ArrayList<>(again.duplicateNotices());
        assertThat(notices).isNotEmpty();
        notices.addAll(again.returnFiles());
        assertThat(notices).hasSizeGreaterThan(2);
        String delivered = notices.get(0);
        assertThat(core.stagedAnswers.delivered(delivered)).as("A's outbox delivered it").isTrue();
        String returned = core.returnedUpstream(core.payments.findByVoucher(written.get(0).voucherId()).get(0)
                .paymentId()).fileName();
        List<String> waiting = new ArrayList<>(notices.subList(1, notices.size()));
        waiting.add(returned);
        JdbcTemplate jdbc = nodeAChecksIn();
        nodeBSweeps();

        assertThat(sweep.sweep().answers()).as("A still checks in: nothing taken").isEmpty();

        nodeALost(jdbc);
        StagedFileSweep.Swept swept = sweep.sweep();

        assertThat(swept.answers()).extracting(StagedFileSweep.AnswerTakeover::fileName)
                .containsExactlyInAnyOrderElementsOf(waiting);
        assertThat(swept.answers()).extracting(StagedFileSweep.AnswerTakeover::kind).containsOnly(
                StagedAnswers.Kind.NOTICE, StagedAnswers.Kind.RETURN);
        Path folderA = core.financeStaging.folder(TestFinance.CODE);
        Path folderB = financeB.folder(TestFinance.CODE);
        for (String name : waiting) {
            assertThat(Files.readAllBytes(folderB.resolve(name))).as(name + " the same bytes on B")
                    .isEqualTo(Files.readAllBytes(folderA.resolve(name)));
            StagedAnswers.Recorded r = core.stagedAnswers.find(name).orElseThrow();
            assertThat(r.stagedBy()).isEqualTo(financeB.id());
            assertThat(r.deliveredAt()).isNull();
            assertThat(core.db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'ANSWER_TAKEN_OVER' AND "
                    + "channel = 'SYSTEM' AND object_type = '" + (name.equals(returned) ? "RECON_RETURN"
                    : "VOUCHER_NOTICE") + "' AND object_id = '" + r.id() + "'")).as(name + " audited once")
                    .isEqualTo(1);
        }
        assertThat(folderB.resolve(delivered)).as("delivered by A: left").doesNotExist();
        assertThat(core.stagedAnswers.find(delivered).orElseThrow().stagedBy()).isEqualTo(core.financeStaging.id());

        assertThat(sweep.sweep().answers()).as("nothing left to take").isEmpty();
        assertThat(core.db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'ANSWER_TAKEN_OVER'"))
                .isEqualTo(waiting.size());
    }
}
