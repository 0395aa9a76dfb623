package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.testing.TestBanks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code banks list} and {@code banks check} against the simulated banks' real SFTP server. */
class BanksCommandTest {

    @TempDir
    Path root;
    BankSimulator simulator;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root, TestBanks.both(0), RejectionRule.none());
        simulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private int run(List<BankProfile> banks, String... args) {
        return new BanksCommand(new BankDirectory(banks), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsEveryProfileAndNoSecret() {
        assertThat(run(TestBanks.both(22), "list")).isZero();

        assertThat(printed()).contains("DEMO-ISO", "999100000001", "pain.001.001.09", "DEMO-PIPE", "pipe-gbk",
                "auth=password").doesNotContain("demo-iso-secret").doesNotContain("demo-pipe-secret");
    }

    @Test
    void checkLogsInWithTheHostKeyVerifiedAndListsTheFolders() {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");

        assertThat(run(List.of(iso), "check", "DEMO-ISO")).isZero();

        assertThat(printed()).contains("(checked against the profile)").contains("login      ok")
                .containsPattern("inbox\\s+inbox\\s+0 file\\(s\\)").containsPattern("outbox\\s+outbox");
    }

    @Test
    void aServerWhoseKeyIsNotTheProfilesIsRefused() throws Exception {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String otherKey = "[127.0.0.1]:" + iso.sftp().port() + " " + PublicKeyEntry.toString(ec.generateKeyPair().getPublic());

        assertThat(run(List.of(iso.withSftp(iso.sftp().withKnownHosts(otherKey))), "check", "DEMO-ISO")).isEqualTo(1);

        assertThat(printed()).contains("FAILED     HOST_KEY_MISMATCH").doesNotContain("login      ok");
    }

    @Test
    void anUnreadableKnownHostsLineIsReportedNotThrown() {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");

        assertThat(run(List.of(iso.withSftp(iso.sftp().withKnownHosts("not a key line"))), "check", "DEMO-ISO"))
                .isEqualTo(1);

        assertThat(printed()).contains("FAILED     KNOWN_HOSTS_INVALID");
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");
        var s = iso.sftp();
        BankProfile wrong = iso.withSftp(new org.jincai.bank.profile.SftpEndpoint(s.host(), s.port(), s.user(),
                "not-the-password", null, s.knownHosts(), s.inbox(), s.outbox(), s.archive(), s.error(), s.pollInterval()));

        assertThat(run(List.of(wrong), "check", "DEMO-ISO")).isEqualTo(1);

        assertThat(printed()).contains("FAILED     SFTP_AUTH_FAILED");
    }
}
