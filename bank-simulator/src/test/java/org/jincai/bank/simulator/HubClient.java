package org.jincai.bank.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * The hub's side in the simulator tests: a real SSH client that verifies the server's key against a
 * known_hosts file and talks SFTP, as the hub's routes will.
 */
final class HubClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    final AtomicReference<PublicKey> serverKeySeen;

    private HubClient(SshClient client, ClientSession session, SftpClient sftp, AtomicReference<PublicKey> seen) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.serverKeySeen = seen;
    }

    static HubClient password(int port, String user, String password, Path knownHosts) throws IOException {
        return connect(port, user, knownHosts, s -> s.addPasswordIdentity(password));
    }

    static HubClient key(int port, String user, KeyPair key, Path knownHosts) throws IOException {
        return connect(port, user, knownHosts, s -> s.addPublicKeyIdentity(key));
    }

    private interface Identity {
        void add(ClientSession session);
    }

    private static HubClient connect(int port, String user, Path knownHosts, Identity identity) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        KnownHostsServerKeyVerifier strict = new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
        client.setServerKeyVerifier((clientSession, remote, serverKey) -> {
            seen.set(serverKey);
            return strict.verifyServerKey(clientSession, remote, serverKey);
        });
        client.start();
        try {
            ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
            identity.add(session);
            session.auth().verify(TIMEOUT);
            return new HubClient(client, session, SftpClientFactory.instance().createSftpClient(session), seen);
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    /** Uploads as the hub does: a temporary {@code .part} name, then a rename to the final name. */
    void upload(String folder, String name, byte[] content) throws IOException {
        write(folder + "/" + name + ".part", content);
        sftp.rename(folder + "/" + name + ".part", folder + "/" + name);
    }

    void write(String path, byte[] content) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(content);
        }
    }

    byte[] read(String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    long size(String path) throws IOException {
        return sftp.stat(path).getSize();
    }

    /** Takes an answer as the hub's poller does: moves it out of the outbox. */
    void move(String from, String to) throws IOException {
        sftp.rename(from, to);
    }

    /**
     * Polls {@code folder} as the hub's poller does until {@code name} is there, and reads it; a
     * bounded wait, never a fixed sleep.
     */
    byte[] awaitFile(String folder, String name) throws IOException {
        Poll.until(TIMEOUT, "file " + folder + "/" + name, () -> list(folder).contains(name));
        return read(folder + "/" + name);
    }

    List<String> list(String folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry e : sftp.readDir(folder)) {
            if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                names.add(e.getFilename());
            }
        }
        names.sort(null);
        return names;
    }

    static Path knownHosts(Path dir, String line) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "known_hosts", ""), line + "\n");
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
            session.close();
        } finally {
            client.stop();
        }
    }
}
