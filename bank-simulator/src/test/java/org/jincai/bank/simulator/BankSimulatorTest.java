package org.jincai.bank.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.jincai.bank.BankFormats;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.layout.PipeReturnReader;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.bank.profile.TransliterationPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator with a real SSH server on loopback and a real SFTP client, as the hub will use it. */
class BankSimulatorTest {

    private static final String PAYMENT = "PAY-DEMO-PIPE-20250106-B0001-001.txt";
    private static final String RETURN = "PAY-DEMO-PIPE-20250106-B0001-001.ret.txt";
    private static final String DUPLICATE_RETURN = "PAY-DEMO-PIPE-20250106-B0001-001-dup2.ret.txt";

    @TempDir
    Path tmp;

    private Path root;
    private BankSimulator simulator;
    private final AtomicInteger responses = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        root = tmp.resolve("sim");
        simulator = simulator(0).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private BankSimulator simulator(int port) {
        return BankSimulator.builder()
                .root(root)
                .banks(List.of(TestProfiles.pipe(), TestProfiles.iso()))
                .rule(RejectionRule.accountEndingWith("0000"))
                .port(port)
                .responders((profile, rule) -> counting(Responders.forProfile(profile, rule)))
                .build();
    }

    /** Counts the answers the banks make; replays after a restart are not answers. */
    private BankResponder counting(BankResponder delegate) {
        return new BankResponder() {
            @Override
            public List<AnswerFile> respond(String name, byte[] content) {
                return respond(name, content, AnswerFault.NONE);
            }

            @Override
            public List<AnswerFile> respond(String name, byte[] content, AnswerFault fault) {
                responses.incrementAndGet();
                return delegate.respond(name, content, fault);
            }

            @Override
            public void remember(String name, byte[] content) {
                delegate.remember(name, content);
            }
        };
    }

    @Test
    void answersAPartUploadRenamedToItsFinalName() throws Exception {
        try (HubClient hub = hub()) {
            hub.upload("inbox", PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();

            assertThat(hub.list("outbox")).containsExactly(RETURN);
            BankAnswer answer = new PipeReturnReader(TestProfiles.pipe())
                    .read(RETURN, new ByteArrayInputStream(hub.read("outbox/" + RETURN)));
            assertThat(answer.originalReference()).isEqualTo("B0001-001");
            assertThat(answer.statuses()).containsExactly(
                    new CreditStatus("E2E-0001", true, null, null),
                    new CreditStatus("E2E-0002", false, "AC04", "account closed"),
                    new CreditStatus("E2E-0003", true, null, null));
            // the payment file stays in the inbox, and a copy is kept in processed/
            assertThat(hub.list("inbox")).containsExactly(PAYMENT);
            assertThat(hub.list("processed")).containsExactly(PAYMENT);
        }
        assertThat(simulator.receivedFiles("DEMO-PIPE")).containsExactly(PAYMENT);
        assertThat(simulator.answeredFiles("DEMO-PIPE")).containsExactly(PAYMENT);
    }

    @Test
    void theIsoBankAnswersAPain001WithAPain002ThenACamt053() throws Exception {
        BankProfile iso = TestProfiles.iso();
        String name = BankFileNames.name(iso, "B0001", LocalDate.of(2025, 1, 6), 1, 1);
        ByteArrayOutputStream pain001 = new ByteArrayOutputStream();
        BankFormats.writer(iso).write(TestProfiles.demoFile(), pain001);
        try (HubClient hub = HubClient.password(simulator.port(), "demo-iso", "iso-secret", knownHosts())) {
            hub.upload("inbox", name, pain001.toByteArray());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            String status = IsoBankResponderNames.status(name);
            assertThat(hub.list("outbox")).containsExactly(IsoBankResponderNames.statement(name), status);
            assertThat(simulator.answerFiles("DEMO-ISO")).containsExactly(status, IsoBankResponderNames.statement(name));
            BankAnswer answer = BankFormats.answerReader(iso)
                    .read(status, new ByteArrayInputStream(hub.read("outbox/" + status)));
            assertThat(answer.statuses()).extracting(CreditStatus::endToEndId, CreditStatus::accepted, CreditStatus::reasonCode)
                    .containsExactly(tuple("E2E-0001", true, null), tuple("E2E-0002", false, "AC04"), tuple("E2E-0003", true, null));
        }
        assertThat(simulator.receivedFiles("DEMO-ISO")).containsExactly(name);
        assertThat(simulator.receivedFiles("DEMO-PIPE")).isEmpty();
    }

    @Test
    void answersAFileWrittenDirectlyUnderItsFinalName() throws Exception {
        try (HubClient hub = hub()) {
            hub.write("inbox/" + PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).containsExactly(RETURN);
        }
    }

    @Test
    void ignoresPartFilesAndOtherFolders() throws Exception {
        try (HubClient hub = hub()) {
            hub.write("inbox/" + PAYMENT + ".part", paymentFile());
            hub.write("outbox/note.txt", paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).containsExactly("note.txt");
        }
        assertThat(simulator.receivedFiles("DEMO-PIPE")).isEmpty();
        assertThat(responses).hasValue(0);
    }

    @Test
    void theSameFileUploadedTwiceIsRefusedTheSecondTimeAndTheFirstAnswerStands() throws Exception {
        try (HubClient hub = hub()) {
            hub.upload("inbox", PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            byte[] first = hub.read("outbox/" + RETURN);
            hub.write("inbox/" + PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).containsExactly(DUPLICATE_RETURN, RETURN);
            assertThat(hub.read("outbox/" + RETURN)).isEqualTo(first);
            BankAnswer refusal = new PipeReturnReader(TestProfiles.pipe())
                    .read(DUPLICATE_RETURN, new ByteArrayInputStream(hub.read("outbox/" + DUPLICATE_RETURN)));
            assertThat(refusal.originalReference()).isEqualTo("B0001-001");
            assertThat(refusal.statuses()).isEmpty();
        }
        assertThat(simulator.receivedFiles("DEMO-PIPE")).containsExactly(PAYMENT, PAYMENT);
        assertThat(simulator.answeredFiles("DEMO-PIPE")).containsExactly(PAYMENT, PAYMENT);
        assertThat(responses).hasValue(2);
    }

    @Test
    void afterARestartOnTheSameRootTheKeyIsTheSameAndTheBankRemembersWhatItReceived() throws Exception {
        try (HubClient hub = hub()) {
            hub.upload("inbox", PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
        }
        String line = simulator.knownHostsLine("127.0.0.1");
        int port = simulator.port();
        simulator.close();

        simulator = simulator(port).start();
        assertThat(simulator.knownHostsLine("127.0.0.1")).isEqualTo(line);
        assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
        assertThat(responses).as("nothing answered again at start").hasValue(1);
        try (HubClient hub = hub()) {
            hub.write("inbox/" + PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).containsExactly(DUPLICATE_RETURN, RETURN);
        }
        assertThat(responses).hasValue(2);
    }

    @Test
    void aFileLeftUnansweredInTheInboxIsAnsweredAtStart() throws Exception {
        simulator.close();
        Files.write(simulator.home("DEMO-PIPE").resolve("inbox").resolve(PAYMENT), paymentFile());
        simulator = simulator(0).start();
        assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
        assertThat(simulator.home("DEMO-PIPE").resolve("outbox").resolve(RETURN)).exists();
    }

    @Test
    void theKnownHostsLineMatchesTheKeyTheClientSees() throws Exception {
        String line = simulator.knownHostsLine("127.0.0.1");
        assertThat(line).startsWith("[127.0.0.1]:" + simulator.port() + " ecdsa-sha2-nistp521 AAAA");
        try (HubClient hub = hub()) {
            assertThat(line).endsWith(" " + PublicKeyEntry.toString(hub.serverKeySeen.get()));
        }
        assertThat(simulator.clientProfile("DEMO-PIPE").sftp().knownHosts()).isEqualTo(line);
        assertThat(simulator.clientProfile("DEMO-PIPE").sftp().port()).isEqualTo(simulator.port());
    }

    @Test
    void aClientExpectingAnotherHostKeyIsRefused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String other = "[127.0.0.1]:" + simulator.port() + " " + PublicKeyEntry.toString(ec.generateKeyPair().getPublic());
        assertThatThrownBy(() -> HubClient.password(simulator.port(), "demo-pipe", "pipe-secret",
                HubClient.knownHosts(tmp, other))).isInstanceOf(SshException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> HubClient.password(simulator.port(), "demo-pipe", "wrong", knownHosts()))
                .isInstanceOf(SshException.class);
        assertThatThrownBy(() -> HubClient.password(simulator.port(), "nobody", "pipe-secret", knownHosts()))
                .isInstanceOf(SshException.class);
    }

    @Test
    void eachBankIsJailedInItsOwnHome() throws Exception {
        try (HubClient hub = hub()) {
            assertThat(hub.list("/")).containsExactly("archive", "error", "inbox", "outbox", "processed");
            assertThat(hub.list("/..")).containsExactly("archive", "error", "inbox", "outbox", "processed");
        }
    }

    @Test
    void banksDoNotSeeEachOthersFiles() throws Exception {
        simulator.close();
        BankProfile other = new BankProfile("DEMO-PIPE2", "第二代发银行", List.of("102581000077"), TestProfiles.pipe().outboundFormat(),
                TestProfiles.pipe().answerFormat(), TestProfiles.GBK, 10, TestProfiles.pipe().maxAmountPerFile(), false,
                "{batch}-{part}", TestProfiles.sftp("demo-pipe2", "other-secret"), TransliterationPolicy.REFUSE,
                LocalTime.of(16, 0), null, true, false);
        simulator = BankSimulator.builder().root(root).bank(TestProfiles.pipe()).bank(other)
                .rule(RejectionRule.accountEndingWith("0000")).build().start();
        try (HubClient first = hub();
                HubClient second = HubClient.password(simulator.port(), "demo-pipe2", "other-secret", knownHosts())) {
            first.upload("inbox", PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(first.list("outbox")).containsExactly(RETURN);
            assertThat(second.list("inbox")).isEmpty();
            assertThat(second.list("outbox")).isEmpty();
            assertThatThrownBy(() -> second.read("../DEMO-PIPE/outbox/" + RETURN)).isInstanceOf(IOException.class);
        }
        assertThat(simulator.receivedFiles("DEMO-PIPE2")).isEmpty();
    }

    @Test
    void acceptsTheConfiguredKeyInsteadOfAPassword() throws Exception {
        simulator.close();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair key = ec.generateKeyPair();
        Path keyFile = writeOpenSshKey(key);
        SftpEndpoint s = TestProfiles.pipe().sftp();
        BankProfile keyOnly = TestProfiles.pipe().withSftp(new SftpEndpoint(s.host(), 0, s.user(), null, keyFile.toString(),
                null, s.inbox(), s.outbox(), s.archive(), s.error(), s.pollInterval(), s.inboxArchive()));
        simulator = BankSimulator.builder().root(root).bank(keyOnly).rule(RejectionRule.none()).build().start();

        try (HubClient hub = HubClient.key(simulator.port(), "demo-pipe", key, knownHosts())) {
            hub.upload("inbox", PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).containsExactly(RETURN);
        }
        KeyPair stranger = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThatThrownBy(() -> HubClient.key(simulator.port(), "demo-pipe", stranger, knownHosts()))
                .isInstanceOf(SshException.class);
    }

    @Test
    void awaitIdleReturnsWithinItsTimeoutWhileAnAnswerIsStuck() throws Exception {
        simulator.close();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        simulator = BankSimulator.builder().root(root).bank(TestProfiles.pipe())
                .responders((p, r) -> (name, content) -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of();
                })
                .build().start();
        try (HubClient hub = hub()) {
            hub.upload("inbox", PAYMENT, paymentFile());
            assertThat(simulator.awaitIdle(Duration.ofMillis(200))).isFalse();
            release.countDown();
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
        }
    }

    private HubClient hub() throws IOException {
        return HubClient.password(simulator.port(), "demo-pipe", "pipe-secret", knownHosts());
    }

    private Path knownHosts() throws IOException {
        return HubClient.knownHosts(tmp, simulator.knownHostsLine("127.0.0.1"));
    }

    private Path writeOpenSshKey(KeyPair key) throws IOException, GeneralSecurityException {
        Path file = tmp.resolve("id_demo_pipe");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "demo-pipe", null, out);
        }
        return file;
    }

    private static byte[] paymentFile() throws IOException {
        try (InputStream in = BankSimulatorTest.class.getClassLoader().getResourceAsStream("layout/payment-demo-pipe.txt")) {
            return in.readAllBytes();
        }
    }
}
