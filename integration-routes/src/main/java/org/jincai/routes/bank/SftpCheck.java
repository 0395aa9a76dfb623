package org.jincai.routes.bank;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;

/**
 * Logs in to a counterpart's SFTP server exactly as its routes do — the same camel-sftp endpoint URI from
 * {@link SftpUris}, so the same SSH client (JSch), the same strict host-key check against the configured
 * known-hosts line, the same key or password and timeouts — and reports what it finds in the configured
 * folders. A check that passes means the routes can log in too. For operators
 * ({@code ./jincai banks check CODE}); never prints a secret.
 */
public final class SftpCheck {

    public static final String SFTP_UNREACHABLE = "SFTP_UNREACHABLE";
    public static final String HOST_KEY_MISMATCH = "HOST_KEY_MISMATCH";
    public static final String SFTP_AUTH_FAILED = "SFTP_AUTH_FAILED";

    private final CamelContext camel;
    private final SftpUris uris;

    public SftpCheck(CamelContext camel, SftpUris uris) {
        this.camel = camel;
        this.uris = uris;
    }

    /** What the check found: {@code errorCode} is null when the login worked. */
    public record Report(String endpoint, String errorCode, String error, Map<String, Folder> folders) {
        public boolean ok() {
            return errorCode == null && folders.values().stream().allMatch(Folder::exists);
        }
    }

    /** One configured folder: whether it exists and how many files it holds. */
    public record Folder(String path, boolean exists, int files) {
    }

    /** Logs in to {@code s} as {@code owner}'s routes do (the consumer of its outbox) and lists its folders. */
    public Report check(String owner, org.jincai.bank.profile.SftpEndpoint s) {
        String endpoint = s.user() + "@" + s.host() + ":" + s.port();
        SftpEndpoint sftp = camel.getEndpoint(uris.consumer(owner, s, s.outbox()), SftpEndpoint.class);
        RemoteFileOperations<SftpRemoteFile> ops = sftp.createRemoteFileOperations();
        try {
            ops.connect(sftp.getConfiguration(), new DefaultExchange(camel));
            Map<String, Folder> folders = new LinkedHashMap<>();
            for (Map.Entry<String, String> f : s.folders().entrySet()) {
                folders.put(f.getKey(), folder(ops, f.getValue()));
            }
            return new Report(endpoint, null, null, folders);
        } catch (GenericFileOperationFailedException e) {
            return new Report(endpoint, code(e), rootMessage(e), Map.of());
        } finally {
            try {
                ops.disconnect();
            } catch (GenericFileOperationFailedException ignored) {
                // the login itself failed: nothing to close
            }
        }
    }

    private static Folder folder(RemoteFileOperations<SftpRemoteFile> ops, String path) {
        if (path == null || path.isBlank()) {
            return new Folder("", false, 0);
        }
        try {
            int files = 0;
            for (SftpRemoteFile f : ops.listFiles(path)) {
                if (!f.isDirectory()) {
                    files++;
                }
            }
            return new Folder(path, true, files);
        } catch (GenericFileOperationFailedException e) {
            return new Folder(path, false, 0);
        }
    }

    /** JSch says why a login failed only in its messages: host key refused, authentication refused, or no server. */
    static String code(Throwable e) {
        String m = rootMessage(e).toLowerCase(Locale.ROOT);
        if (m.contains("hostkey") || m.contains("host key")) {
            return HOST_KEY_MISMATCH;
        }
        if (m.contains("auth fail") || m.contains("auth cancel") || m.contains("authentication")) {
            return SFTP_AUTH_FAILED;
        }
        return SFTP_UNREACHABLE;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
