package org.jincai.bank.check;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.jincai.bank.profile.SftpEndpoint;

/**
 * Connects to a counterpart's SFTP server the way the routes do — host key checked against the configured
 * known-hosts line, key or password login — and reports what it finds in the configured folders. For
 * operators ({@code ./jincai banks check CODE}); never prints a secret.
 */
public final class SftpCheck {

    public static final String SFTP_UNREACHABLE = "SFTP_UNREACHABLE";
    public static final String HOST_KEY_MISMATCH = "HOST_KEY_MISMATCH";
    public static final String SFTP_AUTH_FAILED = "SFTP_AUTH_FAILED";
    public static final String KNOWN_HOSTS_INVALID = "KNOWN_HOSTS_INVALID";

    private SftpCheck() {
    }

    /** What the check found: {@code errorCode} is null when the login worked. */
    public record Report(String endpoint, String hostKey, boolean hostKeyVerified, String errorCode, String error,
                         Map<String, Folder> folders) {
        public boolean ok() {
            return errorCode == null && folders.values().stream().allMatch(Folder::exists);
        }
    }

    /** One configured folder: whether it exists and how many files it holds. */
    public record Folder(String path, boolean exists, int files) {
    }

    public static Report check(SftpEndpoint s, Duration timeout) {
        String endpoint = s.user() + "@" + s.host() + ":" + s.port();
        boolean verify = s.knownHosts() != null && !s.knownHosts().isBlank();
        if (verify && expectedKey(s.knownHosts()) == null) {
            return new Report(endpoint, null, true, KNOWN_HOSTS_INVALID,
                    "the profile's known-hosts line cannot be read", Map.of());
        }
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((ClientSession session, SocketAddress remote, PublicKey key) -> {
            seen.set(key);
            return !verify || KeyUtils.compareKeys(expectedKey(s.knownHosts()), key);
        });
        client.start();
        try (ClientSession session = client.connect(s.user(), s.host(), s.port()).verify(timeout).getSession()) {
            if (s.privateKeyFile() != null && !s.privateKeyFile().isBlank()) {
                for (KeyPair kp : new FileKeyPairProvider(Path.of(s.privateKeyFile())).loadKeys(session)) {
                    session.addPublicKeyIdentity(kp);
                }
            } else {
                session.addPasswordIdentity(s.password());
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                return failed(endpoint, seen.get(), verify, seen.get() != null && verify
                        && !KeyUtils.compareKeys(expectedKey(s.knownHosts()), seen.get())
                        ? HOST_KEY_MISMATCH : SFTP_AUTH_FAILED, e);
            }
            Map<String, Folder> folders = new LinkedHashMap<>();
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                for (var f : Map.of("inbox", s.inbox(), "outbox", s.outbox(), "archive", s.archive(),
                        "error", s.error()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                    folders.put(f.getKey(), folder(sftp, f.getValue()));
                }
            }
            return new Report(endpoint, fingerprint(seen.get()), verify, null, null, folders);
        } catch (IOException e) {
            boolean keyRefused = verify && seen.get() != null
                    && !KeyUtils.compareKeys(expectedKey(s.knownHosts()), seen.get());
            return failed(endpoint, seen.get(), verify, keyRefused ? HOST_KEY_MISMATCH : SFTP_UNREACHABLE, e);
        } finally {
            client.stop();
        }
    }

    private static Folder folder(SftpClient sftp, String path) throws IOException {
        if (path == null || path.isBlank()) {
            return new Folder("", false, 0);
        }
        try {
            List<String> files = new ArrayList<>();
            for (SftpClient.DirEntry e : sftp.readDir(path)) {
                if (e.getAttributes().isRegularFile()) {
                    files.add(e.getFilename());
                }
            }
            return new Folder(path, true, files.size());
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return new Folder(path, false, 0);
            }
            throw e;
        }
    }

    private static Report failed(String endpoint, PublicKey key, boolean verify, String code, Exception e) {
        return new Report(endpoint, fingerprint(key), verify, code, String.valueOf(e.getMessage()), Map.of());
    }

    private static String fingerprint(PublicKey key) {
        return key == null ? null : KeyUtils.getFingerPrint(key);
    }

    /** The key a known-hosts line names, or null when the line cannot be read. */
    private static PublicKey expectedKey(String knownHostsLine) {
        try {
            KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(knownHostsLine.strip());
            return entry == null ? null : entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (Exception e) {
            return null;
        }
    }
}
