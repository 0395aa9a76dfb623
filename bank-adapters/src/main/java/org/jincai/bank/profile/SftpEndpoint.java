package org.jincai.bank.profile;

import java.time.Duration;

/**
 * Where and how the hub reaches a bank's SFTP server. The hub is always the client. {@code password}
 * and {@code privateKeyFile} are references resolved from configuration; neither is ever logged
 * ({@link #toString()} masks them). {@code knownHosts} is the known_hosts line the server's key must
 * match; when blank, host-key checking is off, which only the embedded simulator may use.
 */
public record SftpEndpoint(
        String host,
        int port,
        String user,
        String password,
        String privateKeyFile,
        String knownHosts,
        String inbox,
        String outbox,
        String archive,
        String error,
        Duration pollInterval) {

    public SftpEndpoint withPort(int newPort) {
        return new SftpEndpoint(host, newPort, user, password, privateKeyFile, knownHosts, inbox, outbox, archive, error, pollInterval);
    }

    public SftpEndpoint withKnownHosts(String line) {
        return new SftpEndpoint(host, port, user, password, privateKeyFile, line, inbox, outbox, archive, error, pollInterval);
    }

    @Override
    public String toString() {
        return "SftpEndpoint[" + user + "@" + host + ":" + port + ", inbox=" + inbox + ", outbox=" + outbox
                + ", auth=" + (privateKeyFile != null && !privateKeyFile.isBlank() ? "key" : "password")
                + ", hostKey=" + (knownHosts != null && !knownHosts.isBlank() ? "verified" : "unchecked") + "]";
    }
}
