package org.jincai.bank.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how the hub reaches a bank's SFTP server. The hub is always the client. {@code password}
 * and {@code privateKeyFile} are references resolved from configuration; neither is ever logged
 * ({@link #toString()} masks them). {@code knownHosts} is the known_hosts line the server's key must
 * match: the hub refuses to start with an endpoint that has none ({@code BankProfileValidator#requireUsableByHub}).
 * {@code inboxArchive}, when the bank has one, is the folder where it shows the payment files it has
 * taken out of its inbox: the hub looks there (and in the inbox) before sending again a file whose upload
 * may have completed, since a real bank moves files out of its inbox at once.
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
        Duration pollInterval,
        String inboxArchive) {

    /** How often the hub looks into a server's outbox when the profile does not say. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);

    public SftpEndpoint {
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    }

    public SftpEndpoint withPort(int newPort) {
        return new SftpEndpoint(host, newPort, user, password, privateKeyFile, knownHosts, inbox, outbox, archive, error,
                pollInterval, inboxArchive);
    }

    public SftpEndpoint withPassword(String newPassword) {
        return new SftpEndpoint(host, port, user, newPassword, privateKeyFile, knownHosts, inbox, outbox, archive, error,
                pollInterval, inboxArchive);
    }

    /** Whether neither a password nor a private key is configured. */
    public boolean noCredential() {
        return (password == null || password.isBlank()) && (privateKeyFile == null || privateKeyFile.isBlank());
    }

    public SftpEndpoint withKnownHosts(String line) {
        return new SftpEndpoint(host, port, user, password, privateKeyFile, line, inbox, outbox, archive, error,
                pollInterval, inboxArchive);
    }

    /** The same endpoint, its bank showing the payment files it took in {@code folder} (null: none). */
    public SftpEndpoint withInboxArchive(String folder) {
        return new SftpEndpoint(host, port, user, password, privateKeyFile, knownHosts, inbox, outbox, archive, error,
                pollInterval, folder);
    }

    /** The configured folders by role, in a fixed order: inbox, outbox, archive, error (blank when not set). */
    public Map<String, String> folders() {
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("inbox", inbox);
        folders.put("outbox", outbox);
        folders.put("archive", archive);
        folders.put("error", error);
        return folders;
    }

    @Override
    public String toString() {
        return "SftpEndpoint[" + user + "@" + host + ":" + port + ", inbox=" + inbox + ", outbox=" + outbox
                + ", auth=" + (privateKeyFile != null && !privateKeyFile.isBlank() ? "key" : "password")
                + ", hostKey=" + (knownHosts != null && !knownHosts.isBlank() ? "verified" : "unchecked") + "]";
    }
}
