package org.jincai.routes.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.Responders;
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
 * The inbound routes polled on request (the scheduler's {@code bank-polling}): a bank's outbox on the simulator's real
 * SFTP server is not polled by any timer, however long a file waits there (the bank's own poll interval is 500 ms); a
 * message to {@value RouteIds#BANK_POLL_ENDPOINT} polls that bank once, in the caller's thread, and by the time it
 * answers {@code POLLED} the answer is applied once and archived; asked again, the same file is not applied twice.
 */
class BankPollOnRequestTest {

    static final String BANK = "DEMO-PIPE";

    @TempDir
    Path root;
    BankSimulator simulator;
    CoreFixture core;
    DefaultCamelContext camel;
    ProducerTemplate producer;
    BankResponder.AnswerFile answer;

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root.resolve("banks"), TestBanks.both(0), RejectionRule.accountEndingWith("0000"))
                .start();
        BankProfile pipe = simulator.clientProfile(BANK);
        core = new CoreFixture(root.resolve("core"), Clock.systemUTC(), List.of(simulator.clientProfile("DEMO-ISO"), pipe));
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        StagedFile file = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals(BANK))
                .findFirst().orElseThrow();
        core.deliveries.markUploaded(BANK, file.fileName(), "route");
        answer = Responders.forProfile(pipe, RejectionRule.accountEndingWith("0000"))
                .respond(file.fileName(), Files.readAllBytes(file.path())).get(0);
        camel = new DefaultCamelContext();
        camel.addRoutes(new BankInboundRoutes(core.banks, core.answers, core.statements, core.receipts,
                new SftpUris(root.resolve("known-hosts")), new ReceivedStatements(root.resolve("home"), Clock.systemUTC()),
                BankPolls.onRequest()));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
        core.close();
    }

    private int applied() {
        return core.db.count("SELECT COUNT(*) FROM inbound_file WHERE bank_code = '" + BANK + "'");
    }

    private Object poll(String bank) {
        return producer.requestBodyAndHeader(RouteIds.BANK_POLL_ENDPOINT, "", RouteIds.HEADER_BANK, bank);
    }

    @Test
    void aBankIsPolledOnlyWhenAskedAndOnceEachTime() throws Exception {
        Path outbox = simulator.home(BANK).resolve("outbox");
        Path aside = simulator.home(BANK).resolve(answer.name() + ".writing");
        Files.write(aside, answer.content());
        Files.move(aside, outbox.resolve(answer.name()), StandardCopyOption.ATOMIC_MOVE);

        NotifyBuilder byTimer = new NotifyBuilder(camel).fromRoute(RouteIds.bankInbound(BANK)).whenDone(1).create();
        assertThat(byTimer.matches(3, TimeUnit.SECONDS)).as("no timer polls the bank").isFalse();
        assertThat(Files.exists(outbox.resolve(answer.name()))).isTrue();
        assertThat(applied()).isZero();

        assertThat(poll(BANK)).isEqualTo(PollTrigger.Outcome.POLLED.name());
        assertThat(applied()).as("applied before the poll answered").isEqualTo(1);
        assertThat(Files.exists(simulator.home(BANK).resolve("archive").resolve(answer.name()))).isTrue();
        assertThat(Files.exists(outbox.resolve(answer.name()))).isFalse();

        Files.write(outbox.resolve(answer.name()), answer.content());
        assertThat(poll(BANK)).isEqualTo(PollTrigger.Outcome.POLLED.name());
        assertThat(applied()).as("the same answer again changes nothing").isEqualTo(1);
        assertThat(Files.exists(outbox.resolve(answer.name()))).isFalse();
    }

    @Test
    void aBankWithNoInboundRouteIsRefusedWithItsCode() {
        assertThatThrownBy(() -> poll("NO-SUCH-BANK")).isInstanceOfSatisfying(CamelExecutionException.class,
                e -> assertThat(e.getCause()).hasMessageStartingWith("BANK_POLL_UNKNOWN"));
    }
}
