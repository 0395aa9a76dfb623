package org.jincai.bank.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.BankProfileValidator;
import org.jincai.bank.profile.SftpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent banks' SFTP servers, simulated by one embedded Apache MINA SSHD server on loopback. Each
 * bank is one user jailed in its own home {@code <root>/<bank code>/} holding the profile's inbox,
 * outbox, archive and error folders and a {@code processed/} folder. When a payment file arrives in a
 * bank's inbox under its final name (renamed from a {@code .part} upload, or closed after being
 * written directly), a single worker thread reads it, asks the bank's {@link BankResponder} (by
 * default {@link BankFormats#responder}) for the answer files, writes each into the outbox atomically
 * ({@code name.tmp}, then a rename) and keeps a copy in {@code processed/}. The payment file stays in
 * the inbox, as on a real bank's server. Each inbound file (name + SHA-256) is answered once, also
 * across restarts on the same root, whose host key is kept in {@value #HOST_KEY_FILE}.
 *
 * <p>Seams for fault injection, deliberately left unused here: {@link Builder#sftpEventListener}
 * sees every SFTP event and can close a session mid-transfer; {@link Builder#responders} can wrap a
 * responder to answer twice, late, or wrongly; closing the simulator and building a new one on the
 * same root and {@link Builder#port} is a bank that was down for a while.
 */
public final class BankSimulator implements AutoCloseable {

    /** Folder of each bank's home that keeps a copy of every answered payment file. */
    public static final String PROCESSED = "processed";
    /** File under the root that keeps the server's host key across restarts. */
    public static final String HOST_KEY_FILE = "ssh-host-key.ser";
    /** Bigger inbound files are not answered: a simulator, not a load test. */
    public static final long MAX_INBOUND_BYTES = 256L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(BankSimulator.class);
    private static final String PART = ".part";
    private static final String TMP = ".tmp";

    private final Path root;
    private final String host;
    private final int requestedPort;
    private final RejectionRule rule;
    private final BiFunction<BankProfile, RejectionRule, BankResponder> responders;
    private final List<SftpEventListener> extraListeners;
    private final Map<String, SimulatedBank> banksByCode = new LinkedHashMap<>();
    private final Map<String, SimulatedBank> banksByUser = new LinkedHashMap<>();

    private final Object idle = new Object();
    private int inFlight;

    private SshServer server;
    private ExecutorService worker;
    private PublicKey hostKey;
    private boolean closed;

    /** One simulated bank: its profile, its folders and what it has received and answered. */
    private static final class SimulatedBank {
        final BankProfile profile;
        final Path home;
        final Path inbox;
        final Path outbox;
        final Path processed;
        final List<Path> otherFolders = new ArrayList<>();
        final String inboxFolder;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> answered = new CopyOnWriteArrayList<>();
        final Set<String> answeredKeys = ConcurrentHashMap.newKeySet();
        BankResponder responder;
        PublicKey authorizedKey;

        SimulatedBank(BankProfile profile, Path root) {
            this.profile = profile;
            this.home = root.resolve(profile.code()).toAbsolutePath().normalize();
            this.inboxFolder = folder(profile.sftp().inbox());
            this.inbox = inside(home, inboxFolder);
            this.outbox = inside(home, folder(profile.sftp().outbox()));
            this.processed = home.resolve(PROCESSED);
            // where the hub moves answers it has applied or refused (camel-sftp move=../archive, moveFailed=../error)
            for (String extra : new String[] {profile.sftp().archive(), profile.sftp().error()}) {
                if (extra != null && !extra.isBlank()) {
                    otherFolders.add(inside(home, folder(extra)));
                }
            }
        }

        String code() {
            return profile.code();
        }
    }

    public BankSimulator(Path root, List<BankProfile> banks, RejectionRule rule) {
        this(builder().root(root).banks(banks).rule(rule));
    }

    private BankSimulator(Builder b) {
        this.root = Objects.requireNonNull(b.root, "root").toAbsolutePath().normalize();
        this.host = Objects.requireNonNull(b.host, "host");
        this.requestedPort = b.port;
        this.rule = Objects.requireNonNull(b.rule, "rule");
        this.responders = Objects.requireNonNull(b.responders, "responders");
        this.extraListeners = List.copyOf(b.listeners);
        new BankProfileValidator().requireValid(b.banks);
        for (BankProfile profile : b.banks) {
            SimulatedBank bank = new SimulatedBank(profile, root);
            banksByCode.put(profile.code(), bank);
            if (banksByUser.putIfAbsent(profile.sftp().user(), bank) != null) {
                throw new IllegalArgumentException("SFTP user '" + profile.sftp().user() + "' is used by two banks");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the banks' folders, binds the server and answers what is already waiting in the inboxes. */
    public synchronized BankSimulator start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("bank simulator already started; build a new one to start again");
        }
        Files.createDirectories(root);
        for (SimulatedBank bank : banksByCode.values()) {
            Files.createDirectories(bank.inbox);
            Files.createDirectories(bank.outbox);
            Files.createDirectories(bank.processed);
            for (Path extra : bank.otherFolders) {
                Files.createDirectories(extra);
            }
            bank.responder = responders.apply(bank.profile, rule);
            bank.authorizedKey = loadAuthorizedKey(bank.profile);
            rememberProcessed(bank);
        }

        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(root.resolve(HOST_KEY_FILE));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(521);

        VirtualFileSystemFactory homes = new VirtualFileSystemFactory();
        banksByUser.forEach((user, bank) -> homes.setUserHomeDir(user, bank.home));

        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new InboxListener());
        extraListeners.forEach(sftp::addSftpEventListener);

        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(host);
        sshd.setPort(requestedPort);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator(this::passwordMatches);
        sshd.setPublickeyAuthenticator(this::keyMatches);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setFileSystemFactory(homes);
        sshd.setSubsystemFactories(List.of(sftp));

        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bank-simulator-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            sshd.start();
            server = sshd;
            hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
        } catch (IOException | RuntimeException e) {
            server = sshd;
            close();
            throw e;
        }
        log.info("bank simulator listening on {}:{} for banks {} (root {})", host, port(), banksByCode.keySet(), root);
        for (SimulatedBank bank : banksByCode.values()) {
            answerWaitingFiles(bank);
        }
        return this;
    }

    /** The port the server is bound to (the assigned one when started with port 0). */
    public int port() {
        return requireStarted().getPort();
    }

    public String host() {
        return host;
    }

    /** The server's public host key: the same across restarts on the same root. */
    public PublicKey hostKey() {
        requireStarted();
        return hostKey;
    }

    /**
     * An OpenSSH known_hosts line for the server's key as reached at {@code host}, e.g.
     * {@code [127.0.0.1]:40123 ecdsa-sha2-nistp521 AAAA…}.
     */
    public String knownHostsLine(String host) {
        int port = port();
        String hostPart = port == 22 ? host : "[" + host + "]:" + port;
        return hostPart + " " + PublicKeyEntry.toString(hostKey());
    }

    /**
     * The bank's profile as the hub must use it to reach this simulator: host and bound port, and the
     * known_hosts line of this server so host-key checking stays on.
     */
    public BankProfile clientProfile(String bankCode) {
        BankProfile p = bank(bankCode).profile;
        SftpEndpoint s = p.sftp();
        return p.withSftp(new SftpEndpoint(host, port(), s.user(), s.password(), s.privateKeyFile(), knownHostsLine(host),
                s.inbox(), s.outbox(), s.archive(), s.error(), s.pollInterval()));
    }

    /** The bank's home folder on disk ({@code <root>/<bank code>}). */
    public Path home(String bankCode) {
        return bank(bankCode).home;
    }

    /**
     * Waits until no inbound file is being answered and none is queued.
     *
     * @return true when idle within {@code timeout}; false on timeout or interruption
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Every payment file that arrived in the bank's inbox since start, in arrival order, one entry per
     * arrival: a file uploaded twice is listed twice (and answered once).
     */
    public List<String> receivedFiles(String bankCode) {
        return List.copyOf(bank(bankCode).received);
    }

    /** The payment files the bank answered since start, in order, each once. */
    public List<String> answeredFiles(String bankCode) {
        return List.copyOf(bank(bankCode).answered);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                log.warn("bank simulator: SSH server did not stop cleanly", e);
            }
        }
        if (worker != null) {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        log.info("bank simulator stopped (root {})", root);
    }

    // ---- authentication ----

    private boolean passwordMatches(String user, String password, ServerSession session) {
        SimulatedBank bank = banksByUser.get(user);
        String expected = bank == null ? null : bank.profile.sftp().password();
        boolean ok = expected != null && !expected.isEmpty() && password != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            log.warn("bank simulator: password refused for user '{}' from {}", user, session.getClientAddress());
        }
        return ok;
    }

    private boolean keyMatches(String user, PublicKey key, ServerSession session) {
        SimulatedBank bank = banksByUser.get(user);
        return bank != null && bank.authorizedKey != null && KeyUtils.compareKeys(bank.authorizedKey, key);
    }

    /** The public half of the profile's private key, when one is configured and readable: the key the bank accepts. */
    private static PublicKey loadAuthorizedKey(BankProfile profile) {
        String file = profile.sftp().privateKeyFile();
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(path.toString()), in,
                    FilePasswordProvider.EMPTY);
            if (pairs != null && pairs.iterator().hasNext()) {
                return pairs.iterator().next().getPublic();
            }
            log.warn("bank simulator: no key in {} for bank {}; key authentication is off", path, profile.code());
        } catch (IOException | GeneralSecurityException e) {
            log.warn("bank simulator: cannot read the key {} of bank {} ({}); key authentication is off",
                    path, profile.code(), e.toString());
        }
        return null;
    }

    // ---- inbound files ----

    /** Turns SFTP events in a bank's inbox into work for the worker thread. */
    private final class InboxListener implements SftpEventListener {

        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
            if (thrown == null) {
                arrived(session, dstPath);
            }
        }

        @Override
        public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
            if (thrown == null && localHandle instanceof FileHandle file
                    && (file.getOpenOptions().contains(StandardOpenOption.WRITE)
                    || file.getOpenOptions().contains(StandardOpenOption.APPEND))) {
                arrived(session, file.getFile());
            }
        }
    }

    /** Called on the SSH server's thread, before the client gets its answer: cheap, and never throws. */
    private void arrived(ServerSession session, Path sessionPath) {
        SimulatedBank bank = banksByUser.get(session.getUsername());
        if (bank == null) {
            return;
        }
        // the session sees its home as "/": express the path relative to it
        Path absolute = sessionPath.toAbsolutePath().normalize();
        Path relative = absolute.getRoot() == null ? absolute : absolute.getRoot().relativize(absolute);
        Path parent = relative.getParent();
        if (relative.getFileName() == null || !(parent == null ? "" : parent.toString()).equals(bank.inboxFolder)) {
            return;
        }
        String name = relative.getFileName().toString();
        if (!isPaymentFileName(name)) {
            log.debug("bank {}: ignoring {} in the inbox", bank.code(), name);
            return;
        }
        bank.received.add(name);
        log.info("bank {}: received {}", bank.code(), name);
        submit(bank, name);
    }

    private static boolean isPaymentFileName(String name) {
        return BankFileNames.isSafeName(name) && !name.endsWith(PART) && !name.endsWith(TMP) && !name.startsWith(".");
    }

    private void submit(SimulatedBank bank, String name) {
        synchronized (idle) {
            inFlight++;
        }
        try {
            worker.execute(() -> {
                try {
                    answer(bank, name);
                } catch (IOException | RuntimeException e) {
                    log.error("bank {}: could not answer {}", bank.code(), name, e);
                } finally {
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("bank {}: simulator is stopping, {} is not answered", bank.code(), name);
            done();
        }
    }

    private void done() {
        synchronized (idle) {
            inFlight--;
            idle.notifyAll();
        }
    }

    /** Runs on the worker thread: read, answer once, publish the answers, keep a copy. */
    private void answer(SimulatedBank bank, String name) throws IOException {
        Path file = bank.inbox.resolve(name);
        if (!Files.isRegularFile(file)) {
            log.warn("bank {}: {} vanished from the inbox before it was read", bank.code(), name);
            return;
        }
        if (Files.size(file) > MAX_INBOUND_BYTES) {
            log.warn("bank {}: {} is larger than {} bytes and is not answered", bank.code(), name, MAX_INBOUND_BYTES);
            return;
        }
        byte[] content = Files.readAllBytes(file);
        String key = name + "\n" + sha256(content);
        if (!bank.answeredKeys.add(key)) {
            log.info("bank {}: {} was already answered, not answering again", bank.code(), name);
            return;
        }
        try {
            List<BankResponder.AnswerFile> answers = bank.responder.respond(name, content);
            for (BankResponder.AnswerFile answer : answers) {
                publish(bank, answer);
            }
            writeAtomically(bank.processed, name, content);
            bank.answered.add(name);
            log.info("bank {}: answered {} with {}", bank.code(), name, answers.stream().map(BankResponder.AnswerFile::name).toList());
        } catch (IOException | RuntimeException e) {
            bank.answeredKeys.remove(key); // a new upload of the same file may be answered
            throw e;
        }
    }

    private void publish(SimulatedBank bank, BankResponder.AnswerFile answer) throws IOException {
        writeAtomically(bank.outbox, BankFileNames.requireSafeName(answer.name()), answer.content());
    }

    /** Writes {@code name.tmp}, then renames it: a reader never sees a partial file under the final name. */
    private static void writeAtomically(Path folder, String name, byte[] content) throws IOException {
        Path tmp = folder.resolve(name + TMP);
        Path target = folder.resolve(name);
        Files.write(tmp, content);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Files answered before a restart: their copies in {@code processed/}. */
    private static void rememberProcessed(SimulatedBank bank) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(bank.processed)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && isPaymentFileName(name)) {
                    bank.answeredKeys.add(name + "\n" + sha256(Files.readAllBytes(p)));
                }
            }
        }
    }

    /** Payment files left in the inbox that were never answered (the simulator stopped before): answer them now. */
    private void answerWaitingFiles(SimulatedBank bank) throws IOException {
        List<String> waiting = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(bank.inbox)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && isPaymentFileName(name)
                        && !bank.answeredKeys.contains(name + "\n" + sha256(Files.readAllBytes(p)))) {
                    waiting.add(name);
                }
            }
        }
        waiting.stream().sorted().forEach(name -> {
            log.info("bank {}: {} was waiting in the inbox", bank.code(), name);
            submit(bank, name);
        });
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private SshServer requireStarted() {
        SshServer s = server;
        if (s == null) {
            throw new IllegalStateException("bank simulator not started");
        }
        return s;
    }

    private SimulatedBank bank(String bankCode) {
        SimulatedBank bank = banksByCode.get(bankCode);
        if (bank == null) {
            throw new IllegalArgumentException("the simulator has no bank '" + bankCode + "'");
        }
        return bank;
    }

    /** A profile folder as a path relative to the bank's home: {@code /inbox/} and {@code inbox} are the same. */
    private static String folder(String value) {
        String f = value.trim().replace('\\', '/');
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    private static Path inside(Path home, String folder) {
        Path p = home.resolve(folder).normalize();
        if (!p.startsWith(home) || p.equals(home)) {
            throw new IllegalArgumentException("folder '" + folder + "' is not inside the bank's home " + home);
        }
        return p;
    }

    /** Builds a simulator: root, banks and rule are required; host 127.0.0.1 and port 0 (assigned) by default. */
    public static final class Builder {
        private Path root;
        private final List<BankProfile> banks = new ArrayList<>();
        private RejectionRule rule = RejectionRule.none();
        private String host = "127.0.0.1";
        private int port;
        private BiFunction<BankProfile, RejectionRule, BankResponder> responders = BankFormats::responder;
        private final List<SftpEventListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public Builder banks(List<BankProfile> profiles) {
            banks.addAll(profiles);
            return this;
        }

        public Builder bank(BankProfile profile) {
            banks.add(profile);
            return this;
        }

        public Builder rule(RejectionRule rule) {
            this.rule = rule;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 (the default) lets the system assign a free port; pass the previous port to come back on it. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            this.port = port;
            return this;
        }

        /** How each bank answers; by default {@link BankFormats#responder}. A seam for answers that misbehave. */
        public Builder responders(BiFunction<BankProfile, RejectionRule, BankResponder> responders) {
            this.responders = responders;
            return this;
        }

        /** An extra listener on every SFTP event of every bank. A seam for transfer faults. */
        public Builder sftpEventListener(SftpEventListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public BankSimulator build() {
            return new BankSimulator(this);
        }
    }
}
