package org.jincai.routes.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.testing.TestBanks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check logs in through the same camel-sftp endpoint as the routes, against a real SFTP server. */
class SftpCheckTest {

    @TempDir
    Path root;
    BankSimulator simulator;
    DefaultCamelContext camel;
    SftpCheck check;

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root.resolve("banks"), TestBanks.both(0), RejectionRule.none()).start();
        camel = new DefaultCamelContext();
        camel.start();
        check = new SftpCheck(camel, new SftpUris(root.resolve("sftp")));
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
    }

    @Test
    void logsInWithTheHostKeyVerifiedAndCountsTheFilesOfEachFolder() throws Exception {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");
        java.nio.file.Files.writeString(simulator.home("DEMO-ISO").resolve("outbox").resolve("answer.xml"), "<a/>");

        SftpCheck.Report r = check.check("DEMO-ISO", iso.sftp());

        assertThat(r.errorCode()).isNull();
        assertThat(r.ok()).isTrue();
        assertThat(r.folders()).containsOnlyKeys("inbox", "outbox", "archive", "error");
        assertThat(r.folders().get("outbox")).isEqualTo(new SftpCheck.Folder("outbox", true, 1));
        assertThat(r.folders().get("inbox").files()).isZero();
    }

    @Test
    void aServerWhoseKeyIsNotTheProfilesIsRefused() throws Exception {
        BankProfile iso = simulator.clientProfile("DEMO-ISO");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(521);
        String otherKey = "[127.0.0.1]:" + iso.sftp().port() + " " + PublicKeyEntry.toString(ec.generateKeyPair().getPublic());

        SftpCheck.Report r = check.check("DEMO-ISO", iso.sftp().withKnownHosts(otherKey));

        assertThat(r.errorCode()).isEqualTo(SftpCheck.HOST_KEY_MISMATCH);
        assertThat(r.folders()).isEmpty();
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        SftpEndpoint s = simulator.clientProfile("DEMO-ISO").sftp().withPassword("not-the-password");

        assertThat(check.check("DEMO-ISO", s).errorCode()).isEqualTo(SftpCheck.SFTP_AUTH_FAILED);
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SftpEndpoint s = simulator.clientProfile("DEMO-ISO").sftp().withPort(closed);

        assertThat(check.check("DEMO-ISO", s).errorCode()).isEqualTo(SftpCheck.SFTP_UNREACHABLE);
    }

    @Test
    void aMissingFolderIsReportedAndTheCheckFails() {
        SftpEndpoint s = simulator.clientProfile("DEMO-ISO").sftp();
        SftpEndpoint elsewhere = new SftpEndpoint(s.host(), s.port(), s.user(), s.password(), null, s.knownHosts(),
                "inbox", "outbox", "no-such-archive", "error", s.pollInterval(), null);

        SftpCheck.Report r = check.check("DEMO-ISO", elsewhere);

        assertThat(r.errorCode()).isNull();
        assertThat(r.folders().get("archive").exists()).isFalse();
        assertThat(r.ok()).isFalse();
    }
}
