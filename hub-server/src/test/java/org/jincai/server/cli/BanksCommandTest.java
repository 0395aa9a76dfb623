package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.testing.TestBanks;
import org.jincai.routes.bank.SftpCheck;
import org.jincai.routes.bank.SftpUris;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code banks list} and {@code banks check} against the simulated banks' real SFTP server; the check's own
 * cases (host key, password, unreachable, missing folder) are tested with it in integration-routes.
 */
class BanksCommandTest {

    @TempDir
    Path root;
    BankSimulator simulator;
    DefaultCamelContext camel;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root.resolve("banks"), TestBanks.both(0), RejectionRule.none());
        simulator.start();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
    }

    private int run(List<BankProfile> banks, String... args) {
        return new BanksCommand(new BankDirectory(banks), new SftpCheck(camel, new SftpUris(root.resolve("sftp"))),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(List.of(args));
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

        assertThat(printed()).contains("host key   matches the profile's known-hosts line").contains("login      ok")
                .containsPattern("inbox\\s+inbox\\s+0 file\\(s\\)").containsPattern("outbox\\s+outbox");
    }

    @Test
    void aFailedLoginPrintsItsCodeAndExitsOne() {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");

        assertThat(run(List.of(iso.withSftp(iso.sftp().withPassword("not-the-password"))), "check", "DEMO-ISO"))
                .isEqualTo(1);

        assertThat(printed()).contains("FAILED     SFTP_AUTH_FAILED").doesNotContain("login      ok")
                .doesNotContain("not-the-password");
    }
}
