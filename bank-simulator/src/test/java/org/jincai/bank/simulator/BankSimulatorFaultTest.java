package org.jincai.bank.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jincai.bank.BankFormats;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.iso.IsoBankErrors;
import org.jincai.bank.profile.BankProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's faults, each observed from the client side with a real SFTP client: a connection
 * dropped mid-upload, a bank down then back, an answer sent twice, a return file whose totals disagree,
 * and payment files sent twice, which every bank refuses the same way.
 */
class BankSimulatorFaultTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 6);

    @TempDir
    Path tmp;

    private BankSimulator simulator;

    @BeforeEach
    void start() throws IOException {
        simulator = BankSimulator.builder()
                .root(tmp.resolve("sim"))
                .banks(List.of(TestProfiles.pipe(), TestProfiles.fixed(), TestProfiles.iso()))
                .rule(RejectionRule.accountEndingWith("0000"))
                .build().start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aConnectionDroppedMidUploadLeavesNoFinalFileAndTheRetryIsAnsweredOnce() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-PIPE");
        String name = BankFileNames.name(bank, "B0001", DAY, 1, 1);
        byte[] payment = render(bank, name, "B0001-001");
        simulator.faults().dropNextUploadAfter(100);

        HubClient dropped = hub(bank);
        try {
            assertThatThrownBy(() -> dropped.upload("inbox", name, payment)).isInstanceOf(IOException.class);
        } finally {
            closeQuietly(dropped);
        }

        try (HubClient hub = hub(bank)) {
            assertThat(hub.list("inbox")).containsExactly(name + ".part");
            assertThat(hub.size("inbox/" + name + ".part")).isEqualTo(100);
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).isEmpty();
            assertThat(simulator.receivedFiles("DEMO-PIPE")).isEmpty();

            hub.upload("inbox", name, payment); // the hub's retry: the same .part name, then the rename
            String ret = name.replace(".txt", ".ret.txt");
            assertThat(read(bank, ret, hub.awaitFile("outbox", ret)).statuses()).hasSize(3);
            assertThat(hub.list("inbox")).containsExactly(name);
        }
        assertThat(simulator.receivedFiles("DEMO-PIPE")).containsExactly(name);
    }

    @Test
    void aBankDownForAWhileRefusesConnectionsThenAnswersAgainOnTheSamePortWithTheSameHostKey() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-FIXED");
        Path knownHosts = HubClient.knownHosts(tmp, bank.sftp().knownHosts());
        PublicKey before;
        try (HubClient hub = HubClient.password(bank.sftp().port(), "demo-fixed", "fixed-secret", knownHosts)) {
            before = hub.serverKeySeen.get();
            simulator.faults().goDown();
            assertThat(simulator.faults().isUp()).isFalse();
            assertThatThrownBy(() -> hub.list("outbox")).as("open sessions are dropped")
                    .isInstanceOfAny(IOException.class, UncheckedIOException.class);
        }
        assertThatThrownBy(() -> HubClient.password(bank.sftp().port(), "demo-fixed", "fixed-secret", knownHosts))
                .isInstanceOf(IOException.class);

        simulator.faults().comeBack();
        assertThat(simulator.port()).isEqualTo(bank.sftp().port());
        try (HubClient hub = HubClient.password(bank.sftp().port(), "demo-fixed", "fixed-secret", knownHosts)) {
            assertThat(hub.serverKeySeen.get()).isEqualTo(before);
            String name = BankFileNames.name(bank, "B0003", DAY, 1, 1);
            hub.upload("inbox", name, render(bank, name, "B0003-001"));
            String ret = name.replace(".txt", ".ret.txt");
            assertThat(read(bank, ret, hub.awaitFile("outbox", ret)).statuses()).hasSize(3);
        }
    }

    @Test
    void aBankDownForAGivenTimeComesBackByItself() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-PIPE");
        Path knownHosts = HubClient.knownHosts(tmp, bank.sftp().knownHosts());
        simulator.faults().goDownFor(Duration.ofMillis(300));
        assertThat(simulator.faults().isUp()).isFalse();
        Poll.until(HubClient.TIMEOUT, "the bank to come back", () -> {
            try (HubClient hub = HubClient.password(bank.sftp().port(), "demo-pipe", "pipe-secret", knownHosts)) {
                return hub.list("outbox").isEmpty();
            }
        });
        assertThat(simulator.faults().isUp()).isTrue();
    }

    @Test
    void aBankThatMovesFilesOutShowsThemInTheArchiveItsProfileNamesOrNowhereAndStillAnswersThem() throws Exception {
        BankProfile archiving = TestProfiles.pipe().withSftp(TestProfiles.pipe().sftp().withInboxArchive("received"));
        try (BankSimulator bank = BankSimulator.builder().root(tmp.resolve("moving"))
                .banks(List.of(archiving, TestProfiles.fixed())).rule(RejectionRule.none()).build().start()) {
            bank.faults().moveArrivalsOut();
            for (String code : List.of("DEMO-PIPE", "DEMO-FIXED")) {
                BankProfile profile = bank.clientProfile(code);
                String name = BankFileNames.name(profile, "B0010", DAY, 1, 1);
                try (HubClient hub = HubClient.password(profile.sftp().port(), profile.sftp().user(),
                        profile.sftp().password(), HubClient.knownHosts(tmp, profile.sftp().knownHosts()))) {
                    hub.upload("inbox", name, render(profile, name, "B0010-001"));

                    assertThat(hub.list("inbox")).as(code + ": gone the moment it landed").isEmpty();
                    String ret = name.replace(".txt", ".ret.txt");
                    assertThat(read(profile, ret, hub.awaitFile("outbox", ret)).statuses()).as(code).hasSize(3);
                    if (code.equals("DEMO-PIPE")) {
                        assertThat(hub.list("received")).containsExactly(name);
                    } else {
                        assertThat(hub.list("archive")).isEmpty();
                        assertThat(tmp.resolve("moving").resolve("DEMO-FIXED" + BankSimulator.TAKEN).resolve(name))
                                .as("out of the hub's sight").exists();
                    }
                }
                assertThat(bank.receivedFiles(code)).containsExactly(name);
            }
        }
    }

    @Test
    void aSessionCutAfterAnArrivalLeavesTheFileReceivedWhileItsSenderSeesTheRenameFail() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-PIPE");
        String name = BankFileNames.name(bank, "B0011", DAY, 1, 1);
        simulator.faults().cutSessionAfterNextArrival(Duration.ZERO);

        HubClient cut = hub(bank);
        try {
            assertThatThrownBy(() -> cut.upload("inbox", name, render(bank, name, "B0011-001")))
                    .isInstanceOfAny(IOException.class, UncheckedIOException.class);
        } finally {
            closeQuietly(cut);
        }

        assertThat(simulator.receivedFiles("DEMO-PIPE")).containsExactly(name);
        try (HubClient hub = hub(bank)) {
            assertThat(hub.list("inbox")).containsExactly(name);
            String ret = name.replace(".txt", ".ret.txt");
            assertThat(read(bank, ret, hub.awaitFile("outbox", ret)).statuses()).hasSize(3);
        }
        assertThat(simulator.faults().armed()).containsEntry("cutAfterArrival", "null");
    }

    @Test
    void anAnswerSentAgainUnderTheSameNameAppearsAgainAfterTheHubTookIt() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-PIPE");
        simulator.faults().duplicateNextAnswer();
        try (HubClient hub = hub(bank)) {
            String name = BankFileNames.name(bank, "B0001", DAY, 1, 1);
            hub.upload("inbox", name, render(bank, name, "B0001-001"));
            String ret = name.replace(".txt", ".ret.txt");
            byte[] first = hub.awaitFile("outbox", ret);
            hub.move("outbox/" + ret, "archive/" + ret);

            byte[] again = hub.awaitFile("outbox", ret);

            assertThat(again).isEqualTo(first);
            assertThat(hub.list("archive")).containsExactly(ret);
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
        }
        assertThat(simulator.answerFiles("DEMO-PIPE")).containsExactly(
                "PAY-DEMO-PIPE-20250106-B0001-001.ret.txt", "PAY-DEMO-PIPE-20250106-B0001-001.ret.txt");
        assertThat(simulator.receivedFiles("DEMO-PIPE")).hasSize(1);
    }

    @Test
    void anAnswerSentAgainUnderASecondNameAppearsTwice() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-ISO");
        simulator.faults().duplicateNextAnswerUnderSecondName();
        try (HubClient hub = hub(bank)) {
            String name = BankFileNames.name(bank, "B0002", DAY, 1, 1);
            hub.upload("inbox", name, render(bank, name, "B0002-001"));
            String status = IsoBankResponderNames.status(name);
            String copy = status.replace(".pain002.xml", "-copy2.pain002.xml");
            byte[] first = hub.awaitFile("outbox", status);
            assertThat(hub.awaitFile("outbox", copy)).isEqualTo(first);
            hub.awaitFile("outbox", IsoBankResponderNames.statement(name));
            assertThat(read(bank, copy, first).statuses()).hasSize(3);
        }
    }

    @Test
    void aReturnFileWhoseTotalsDisagreeIsRefusedByTheReturnReader() throws Exception {
        for (String code : List.of("DEMO-PIPE", "DEMO-FIXED")) {
            BankProfile bank = simulator.clientProfile(code);
            simulator.faults().corruptNextReturnTotals();
            try (HubClient hub = hub(bank)) {
                String name = BankFileNames.name(bank, "B0007", DAY, 1, 1);
                hub.upload("inbox", name, render(bank, name, "B0007-001"));
                String ret = name.replace(".txt", ".ret.txt");
                byte[] bytes = hub.awaitFile("outbox", ret);
                assertThatThrownBy(() -> read(bank, ret, bytes)).as(code)
                        .isInstanceOfSatisfying(BankFileException.class, e -> {
                            assertThat(e.code()).isEqualTo("TOTALS_MISMATCH");
                            assertThat(e.getMessage()).contains("amount -1.00");
                        });
            }
        }
    }

    @Test
    void theIsoBankLeavesTheTotalsFaultToTheNextReturnFile() throws Exception {
        simulator.faults().corruptNextReturnTotals();
        BankProfile iso = simulator.clientProfile("DEMO-ISO");
        try (HubClient hub = hub(iso)) {
            String name = BankFileNames.name(iso, "B0002", DAY, 1, 1);
            hub.upload("inbox", name, render(iso, name, "B0002-001"));
            String status = IsoBankResponderNames.status(name);
            assertThat(read(iso, status, hub.awaitFile("outbox", status)).statuses()).hasSize(3);
        }
        BankProfile pipe = simulator.clientProfile("DEMO-PIPE");
        try (HubClient hub = hub(pipe)) {
            String name = BankFileNames.name(pipe, "B0001", DAY, 1, 1);
            hub.upload("inbox", name, render(pipe, name, "B0001-001"));
            String ret = name.replace(".txt", ".ret.txt");
            byte[] bytes = hub.awaitFile("outbox", ret);
            assertThatThrownBy(() -> read(pipe, ret, bytes))
                    .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("TOTALS_MISMATCH"));
        }
    }

    @Test
    void everyBankRefusesAPaymentFileItHasReceivedBeforeByNameOrByMessageId() throws Exception {
        for (String code : List.of("DEMO-PIPE", "DEMO-FIXED", "DEMO-ISO")) {
            BankProfile bank = simulator.clientProfile(code);
            try (HubClient hub = hub(bank)) {
                String name = BankFileNames.name(bank, "B0008", DAY, 1, 1);
                byte[] payment = render(bank, name, "B0008-001");
                hub.upload("inbox", name, payment);
                String first = statusName(bank, name);
                assertThat(read(bank, first, hub.awaitFile("outbox", first)).statuses()).as(code).hasSize(3);

                hub.write("inbox/" + name, payment); // the same name again
                String again = statusName(bank, name.replace(".", "-dup2."));
                assertRefusedWhole(bank, again, hub.awaitFile("outbox", again));

                String otherName = BankFileNames.name(bank, "B0009", DAY, 1, 1); // the same message id, another name
                hub.upload("inbox", otherName, render(bank, otherName, "B0008-001"));
                String other = statusName(bank, otherName);
                assertRefusedWhole(bank, other, hub.awaitFile("outbox", other));
                assertThat(read(bank, first, hub.read("outbox/" + first)).statuses()).as("the first answer stands").hasSize(3);
            }
        }
    }

    /** A duplicate is refused unread: no status per credit, so nothing the first answer said is undone. */
    private static void assertRefusedWhole(BankProfile bank, String name, byte[] bytes) {
        if (bank.answerFormat() == org.jincai.bank.profile.BankFormat.PAIN_002_001_10) {
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).contains("<Cd>AM05</Cd>");
            assertThatThrownBy(() -> read(bank, name, bytes))
                    .isInstanceOfSatisfying(BankFileException.class,
                            e -> assertThat(e.code()).isEqualTo(IsoBankErrors.ANSWER_WITHOUT_TRANSACTIONS));
        } else {
            assertThat(read(bank, name, bytes).statuses()).as(bank.code()).isEmpty();
        }
    }

    private static String statusName(BankProfile bank, String paymentName) {
        return bank.outboundFormat() == org.jincai.bank.profile.BankFormat.PAIN_001_001_09
                ? IsoBankResponderNames.status(paymentName) : paymentName.replace(".txt", ".ret.txt");
    }

    private static byte[] render(BankProfile bank, String name, String messageId) {
        PaymentFile file = new PaymentFile(name, bank.code(), messageId, DAY, TestProfiles.UNIT, TestProfiles.PAYER,
                bank.primaryBankNumber(), TestProfiles.demoCredits());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BankFormats.writer(bank).write(file, out);
        return out.toByteArray();
    }

    private static BankAnswer read(BankProfile bank, String name, byte[] bytes) {
        return BankFormats.answerReader(bank).read(name, new ByteArrayInputStream(bytes));
    }

    private HubClient hub(BankProfile bank) throws IOException {
        return HubClient.password(bank.sftp().port(), bank.sftp().user(), bank.sftp().password(),
                HubClient.knownHosts(tmp, bank.sftp().knownHosts()));
    }

    private static void closeQuietly(HubClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // the simulator already closed the session under it
        }
    }
}
