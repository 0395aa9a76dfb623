package org.jincai.routes.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;

/**
 * Builds camel-sftp endpoint URIs from a bank profile. Secrets travel as {@code RAW(...)} values (Camel
 * masks them in logs); a profile's known-hosts line is written to a file of its own so the host key is
 * verified strictly and {@code ~/.ssh} is never read.
 */
public class SftpUris {

    private final Path knownHostsDir;

    public SftpUris(Path knownHostsDir) {
        this.knownHostsDir = knownHostsDir;
    }

    /**
     * Producer into the bank's inbox: written under {@code <name>.part}, renamed when complete, so the bank
     * never sees a partial file; a file already there under the final name is not uploaded again.
     */
    public String inboxProducer(BankProfile bank) {
        return base(bank, bank.sftp().inbox())
                + "&tempFileName=${file:name}.part&fileExist=Ignore&jschLoggingLevel=WARN";
    }

    /**
     * Consumer of the bank's outbox: files the bank is still writing ({@code .tmp}, {@code .part}) are left
     * alone; a file moves to the archive only after what it carried is committed, to the error folder if not.
     */
    public String outboxConsumer(BankProfile bank) {
        SftpEndpoint s = bank.sftp();
        return base(bank, s.outbox())
                + "&delay=" + s.pollInterval().toMillis()
                + "&antExclude=**/*.tmp,**/*.part"
                + "&move=../" + s.archive() + "/${file:name}"
                + "&moveFailed=../" + s.error() + "/${file:name}"
                + "&sortBy=file:modified&jschLoggingLevel=WARN"
                + "&backoffErrorThreshold=3&backoffMultiplier=5";
    }

    private String base(BankProfile bank, String folder) {
        SftpEndpoint s = bank.sftp();
        StringBuilder uri = new StringBuilder("sftp://").append(s.host()).append(':').append(s.port()).append('/')
                .append(folder).append("?username=").append(s.user())
                .append("&useUserKnownHostsFile=false&binary=true&connectTimeout=10000&soTimeout=30000");
        if (s.privateKeyFile() != null && !s.privateKeyFile().isBlank()) {
            uri.append("&privateKeyFile=").append(s.privateKeyFile());
        } else {
            uri.append("&password=RAW(").append(s.password()).append(')');
        }
        if (s.knownHosts() != null && !s.knownHosts().isBlank()) {
            uri.append("&strictHostKeyChecking=yes&knownHostsFile=").append(knownHostsFile(bank));
        } else {
            uri.append("&strictHostKeyChecking=no");
        }
        return uri.toString();
    }

    private Path knownHostsFile(BankProfile bank) {
        try {
            Files.createDirectories(knownHostsDir);
            Path file = knownHostsDir.resolve(bank.code() + ".known_hosts");
            Files.writeString(file, bank.sftp().knownHosts().strip() + "\n", StandardCharsets.US_ASCII);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the known hosts of " + bank.code(), e);
        }
    }
}
