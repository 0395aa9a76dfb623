package org.jincai.routes.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.core.testing.TestBanks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpUrisTest {

    @TempDir
    Path dir;

    @Test
    void aProfileWithAKnownHostsLineIsCheckedStrictlyAgainstItsOwnFile() throws Exception {
        BankProfile bank = TestBanks.iso(2222).withSftp(TestBanks.iso(2222).sftp()
                .withKnownHosts("[127.0.0.1]:2222 ecdsa-sha2-nistp521 AAAAtest"));

        String uri = new SftpUris(dir).bankSession(bank);

        assertThat(uri).startsWith("sftp://127.0.0.1:2222/inbox?username=demo-iso")
                .contains("strictHostKeyChecking=yes")
                .contains("useUserKnownHostsFile=false")
                .contains("knownHostsFile=" + dir.resolve("DEMO-ISO.known_hosts").toAbsolutePath())
                .contains("stepwise=false")
                .contains("maximumReconnectAttempts=0")
                .doesNotContain("fileExist=Ignore")
                .contains("password=RAW(demo-iso-secret)");
        assertThat(Files.readString(dir.resolve("DEMO-ISO.known_hosts")))
                .isEqualTo("[127.0.0.1]:2222 ecdsa-sha2-nistp521 AAAAtest\n");
    }

    @Test
    void aKeyFileReplacesThePassword() {
        BankProfile iso = TestBanks.iso(22);
        var s = iso.sftp();
        BankProfile keyed = iso.withSftp(new SftpEndpoint(s.host(), s.port(), s.user(), null, "/keys/bank",
                s.knownHosts(), s.inbox(), s.outbox(), s.archive(), s.error(), s.pollInterval(), s.inboxArchive()));

        String uri = new SftpUris(dir).outboxConsumer(keyed);

        assertThat(uri).contains("privateKeyFile=/keys/bank").doesNotContain("password")
                .contains("strictHostKeyChecking=yes")
                .doesNotContain("strictHostKeyChecking=no")
                .contains("move=../archive/${file:name}")
                .contains("moveFailed=../error/${file:name}")
                .contains("antExclude=**/*.tmp,**/*.part")
                .contains("delay=500");
    }

    @Test
    void anEndpointWithoutAKnownHostsLineGetsNoUri() {
        BankProfile iso = TestBanks.iso(22);
        BankProfile unverified = iso.withSftp(iso.sftp().withKnownHosts(null));

        assertThatThrownBy(() -> new SftpUris(dir).bankSession(unverified))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEMO-ISO");
    }
}
