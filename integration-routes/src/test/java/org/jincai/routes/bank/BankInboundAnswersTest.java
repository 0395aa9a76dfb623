package org.jincai.routes.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.Responders;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
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
 * Status answers (the pipe bank's return file) through the real inbound route, polled from the simulated
 * bank's SFTP outbox: applied once and archived on the bank's server, or refused into its error folder with
 * a reason file, changing nothing.
 */
class BankInboundAnswersTest {

    static final String BANK = "DEMO-PIPE";
    static final java.nio.charset.Charset GBK = java.nio.charset.Charset.forName("GBK");

    @TempDir
    Path root;
    BankSimulator simulator;
    CoreFixture core;
    DefaultCamelContext camel;
    StagedFile file;
    BankResponder.AnswerFile answer;

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root.resolve("banks"), TestBanks.both(0), RejectionRule.accountEndingWith("0000"))
                .start();
        BankProfile pipe = simulator.clientProfile(BANK);
        core = new CoreFixture(root.resolve("core"), Clock.systemUTC(), List.of(simulator.clientProfile("DEMO-ISO"), pipe));
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        file = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals(BANK)).findFirst()
                .orElseThrow();
        core.deliveries.markUploaded(BANK, file.fileName(), "route");
        // the bank's real answer to the file as it was staged
        answer = Responders.forProfile(pipe, RejectionRule.accountEndingWith("0000"))
                .respond(file.fileName(), Files.readAllBytes(stagedOrSent())).get(0);
        camel = new DefaultCamelContext();
        camel.addRoutes(new BankInboundRoutes(core.banks, core.answers, core.statements, core.receipts,
                new SftpUris(root.resolve("known-hosts")), new ReceivedStatements(root.resolve("home"), Clock.systemUTC())));
        camel.start();
    }

    private Path stagedOrSent() throws Exception {
        if (Files.exists(file.path())) {
            return file.path();
        }
        try (Stream<Path> all = Files.walk(core.staging.folder(BANK))) {
            return all.filter(p -> p.getFileName().toString().equals(file.fileName())).findFirst().orElseThrow();
        }
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
        core.close();
    }

    private void bankSends(String name, byte[] content) throws Exception {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute(RouteIds.bankInbound(BANK)).whenDone(1).create();
        Path aside = simulator.home(BANK).resolve(name + ".writing");
        Files.write(aside, content);
        Files.move(aside, simulator.home(BANK).resolve("outbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        assertThat(done.matches(60, TimeUnit.SECONDS)).as("the route took " + name).isTrue();
    }

    private List<PaymentStatus> statuses() {
        return core.payments.findByDelivery(file.deliveryId()).stream().map(Payment::status).toList();
    }

    @Test
    void anAnswerIsAppliedOnceArchivedAndItsVouchersAnswered() throws Exception {
        bankSends(answer.name(), answer.content());

        assertThat(Files.exists(simulator.home(BANK).resolve("archive").resolve(answer.name()))).isTrue();
        assertThat(statuses()).isNotEmpty().doesNotContain(PaymentStatus.SENT);
        int applied = core.db.count("SELECT COUNT(*) FROM inbound_file WHERE bank_code = '" + BANK + "'");
        assertThat(applied).isEqualTo(1);

        bankSends(answer.name(), answer.content());
        assertThat(core.db.count("SELECT COUNT(*) FROM inbound_file WHERE bank_code = '" + BANK + "'"))
                .as("the same answer again changes nothing").isEqualTo(1);
    }

    @Test
    void anAnswerToAFileNeverSentGoesToTheErrorFolderWithItsReasonAndChangesNothing() throws Exception {
        String foreign = new String(answer.content(), GBK).replace(file.messageId(), "NEVER-SENT-001");

        bankSends("foreign.ret.txt", foreign.getBytes(GBK));

        Path error = simulator.home(BANK).resolve("error");
        assertThat(Files.exists(error.resolve("foreign.ret.txt"))).isTrue();
        assertThat(Files.readString(error.resolve("foreign.ret.txt.reason.txt"), StandardCharsets.UTF_8))
                .contains("ANSWER_UNKNOWN_FILE");
        assertThat(statuses()).containsOnly(PaymentStatus.SENT);
    }
}
