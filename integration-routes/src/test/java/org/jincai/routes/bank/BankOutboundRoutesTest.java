package org.jincai.routes.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.ReleaseResult;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.jincai.routes.RouteIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release route and each bank's upload route in a plain Camel context: the core on a real database, the
 * banks on the simulator's real SFTP server. What lands at the bank, once, and what the hub records.
 */
class BankOutboundRoutesTest {

    @TempDir
    Path root;
    BankSimulator simulator;
    CoreFixture core;
    DefaultCamelContext camel;
    ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root.resolve("banks"), TestBanks.both(0), RejectionRule.none()).start();
        core = new CoreFixture(root.resolve("core"), Clock.systemUTC(),
                List.of(simulator.clientProfile("DEMO-ISO"), simulator.clientProfile("DEMO-PIPE")));
        camel = new DefaultCamelContext();
        SftpUris uris = new SftpUris(root.resolve("known-hosts"));
        camel.addRoutes(new BankOutboundRoutes(core.banks, core.release,
                new BankUploader(camel, uris, core.deliveries, core.release, core.staging), core.staging));
        camel.start();
        producer = camel.createProducerTemplate();
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
        core.close();
    }

    private ReleaseResult release() {
        return producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null, RouteIds.HEADER_ACTOR, "operator",
                ReleaseResult.class);
    }

    private List<PaymentStatus> statuses(StagedFile f) {
        return core.payments.findByDelivery(f.deliveryId()).stream().map(Payment::status).toList();
    }

    @Test
    void eachStagedFileReachesItsBankOnceAndItsPaymentsAreSent() {
        NotifyBuilder uploaded = new NotifyBuilder(camel).fromRoute(RouteIds.bankUpload("DEMO-ISO")).whenDone(1)
                .and().fromRoute(RouteIds.bankUpload("DEMO-PIPE")).whenDone(1).create();

        ReleaseResult result = release();

        assertThat(result.staged()).extracting(StagedFile::bankCode).containsExactlyInAnyOrder("DEMO-ISO", "DEMO-PIPE");
        assertThat(uploaded.matches(60, TimeUnit.SECONDS)).isTrue();
        for (StagedFile f : result.staged()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> core.deliveries.find(f.bankCode(), f.fileName())
                    .orElseThrow().status() == DeliveryStatus.UPLOADED);
            assertThat(simulator.receivedFiles(f.bankCode())).containsOnlyOnce(f.fileName());
            assertThat(statuses(f)).isNotEmpty().containsOnly(PaymentStatus.SENT);
            assertThat(Files.exists(f.path())).as("no longer waiting in the staging folder").isFalse();
        }
        assertThat(release().staged()).as("nothing released twice").isEmpty();
    }

    @Test
    void whileTheBankIsDownTheFileWaitsStagedAndGoesOnceWhenItIsBack() throws Exception {
        simulator.faults().goDown();
        StagedFile iso = release().staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO")).findFirst()
                .orElseThrow();

        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute(RouteIds.bankUpload("DEMO-ISO")).whenFailed(1).create();
        assertThat(failed.matches(60, TimeUnit.SECONDS)).as("an attempt failed against the closed server").isTrue();
        assertThat(Files.exists(iso.path())).isTrue();
        assertThat(statuses(iso)).containsOnly(PaymentStatus.RELEASED);

        simulator.faults().comeBack();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> core.deliveries.find("DEMO-ISO", iso.fileName())
                .orElseThrow().status() == DeliveryStatus.UPLOADED);
        assertThat(simulator.receivedFiles("DEMO-ISO")).containsExactly(iso.fileName());
        assertThat(statuses(iso)).containsOnly(PaymentStatus.SENT);
    }
}
