package org.jincai.routes.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;

/**
 * Builds camel-sftp endpoint URIs from a bank profile or a finance system's SFTP endpoint. Secrets travel
 * as {@code RAW(...)} values (Camel masks them in logs); the endpoint's known-hosts line is written to a
 * file of its own ({@code <dir>/<owner>.known_hosts}) so the host key is verified strictly and
 * {@code ~/.ssh} is never read. An endpoint without a known-hosts line gets no URI at all.
 */
public class SftpUris {

    private final Path knownHostsDir;

    public SftpUris(Path knownHostsDir) {
        this.knownHostsDir = knownHostsDir;
    }

    /**
     * A session with the bank's server for the upload's explicit steps ({@link BankServer}): write the
     * temporary file, rename it, look where the bank can show a file. Paths are relative to the login folder;
     * no reconnect loop of its own — the upload route's redelivery and the next poll retry.
     */
    public String bankSession(BankProfile bank) {
        return base(bank.code(), bank.sftp(), bank.sftp().inbox())
                + "&stepwise=false&fileExist=Override&maximumReconnectAttempts=0&jschLoggingLevel=WARN";
    }

    /** The bank's outbox, where the hub takes its answers, polled every {@code sftp.poll-interval}. */
    public String outboxConsumer(BankProfile bank) {
        return consumer(bank.code(), bank.sftp(), bank.sftp().outbox());
    }

    /**
     * The bank's outbox polled only when the poll scheduler bound in the Camel registry under {@code schedulerName}
     * says (a {@link PollTrigger}); everything else as {@link #outboxConsumer(BankProfile)}.
     */
    public String outboxConsumer(BankProfile bank, String schedulerName) {
        return outboxConsumer(bank) + "&scheduler=#" + schedulerName;
    }

    /**
     * Upload into {@code folder}: written under {@code <name>.part}, renamed when complete, so the other side
     * never sees a partial file; a file already there under the final name is not uploaded again.
     */
    public String producer(String owner, SftpEndpoint s, String folder) {
        return base(owner, s, folder) + "&tempFileName=${file:name}.part&fileExist=Ignore&jschLoggingLevel=WARN";
    }

    /**
     * Take files from {@code folder}: files still being written ({@code .tmp}, {@code .part}) are left alone;
     * a file moves to the archive only after what it carried is committed, to the error folder if not.
     */
    public String consumer(String owner, SftpEndpoint s, String folder) {
        return base(owner, s, folder)
                + "&delay=" + s.pollInterval().toMillis()
                + "&antExclude=**/*.tmp,**/*.part"
                + "&move=../" + s.archive() + "/${file:name}"
                + "&moveFailed=../" + s.error() + "/${file:name}"
                + "&sortBy=file:modified&jschLoggingLevel=WARN"
                + "&backoffErrorThreshold=3&backoffMultiplier=5";
    }

    /**
     * A finance system's inbox: as {@link #consumer}, but each file is downloaded into {@code workDirectory}
     * (never held in memory, whatever its size) and kept in the archive or error folder under the name the
     * route puts in header {@code keptNameHeader}; {@code readiness} adds the options that say when a file is
     * complete (a filter or a done file).
     */
    public String financeInboxConsumer(String owner, SftpEndpoint s, Path workDirectory, String keptNameHeader,
                                       String readiness) {
        return base(owner, s, s.inbox())
                + "&delay=" + s.pollInterval().toMillis()
                + "&antExclude=**/*.tmp,**/*.part"
                + "&move=../" + s.archive() + "/${header." + keptNameHeader + "}"
                + "&moveFailed=../" + s.error() + "/${header." + keptNameHeader + "}"
                + "&localWorkDirectory=" + workDirectory.toAbsolutePath()
                + "&sortBy=file:modified&jschLoggingLevel=WARN"
                + "&backoffErrorThreshold=3&backoffMultiplier=5"
                + readiness;
    }

    /** The folder failed files are moved to, for writing the reason file beside them. */
    public String errorFolderProducer(String owner, SftpEndpoint s) {
        return base(owner, s, s.error()) + "&fileExist=Override&jschLoggingLevel=WARN";
    }

    private String base(String owner, SftpEndpoint s, String folder) {
        StringBuilder uri = new StringBuilder("sftp://").append(s.host()).append(':').append(s.port()).append('/')
                .append(folder).append("?username=").append(s.user())
                .append("&useUserKnownHostsFile=false&binary=true&connectTimeout=10000&soTimeout=30000");
        if (s.privateKeyFile() != null && !s.privateKeyFile().isBlank()) {
            uri.append("&privateKeyFile=").append(s.privateKeyFile());
        } else {
            uri.append("&password=RAW(").append(s.password()).append(')');
        }
        if (s.knownHosts() == null || s.knownHosts().isBlank()) {
            // the directories refuse such an endpoint at start; this keeps a route from ever being built unverified
            throw new IllegalArgumentException("SFTP endpoint of " + owner + " has no known host key");
        }
        uri.append("&strictHostKeyChecking=yes&knownHostsFile=").append(knownHostsFile(owner, s.knownHosts()));
        return uri.toString();
    }

    private Path knownHostsFile(String owner, String line) {
        try {
            Files.createDirectories(knownHostsDir);
            Path file = knownHostsDir.resolve(owner + ".known_hosts");
            Files.writeString(file, line.strip() + "\n", StandardCharsets.US_ASCII);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the known hosts of " + owner, e);
        }
    }
}
