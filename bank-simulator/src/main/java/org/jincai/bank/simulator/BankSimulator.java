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
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import java.util.concurrent.ScheduledExecutorService;
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
import org.jincai.bank.simulator.BankResponder.AnswerFault;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent banks' SFTP servers, simulated by one embedded Apache MINA SSHD server on loopback. Each
 * bank is one user jailed in its own home {@code <root>/<bank code>/} holding the profile's inbox,
 * outbox, archive and error folders and a {@code processed/} folder. When a payment file arrives in a
 * bank's inbox under its final name (renamed from a {@code .part} upload, or closed after being
 * written directly), a single worker thread reads it, asks the bank's {@link BankResponder} (by
 * default {@link Responders#forProfile}) for the answer files, writes each into the outbox atomically
 * ({@code name.tmp}, then a rename) and keeps a copy of the payment file in {@code processed/}. The
 * payment file stays in the inbox, unless the bank is told to move arrivals out at once as real banks do
 * ({@link SimulatorFaults#moveArrivalsOut()}): into the archive its profile names, or out of the hub's sight.
 *
 * <p>Every arrival is answered, as a bank answers every file it receives: a second arrival of a name,
 * or of a message id already accepted, is refused as a duplicate under a second answer name (see
 * {@link AbstractBankResponder}). A simulator started again on the same root keeps its host key
 * ({@value #HOST_KEY_FILE}) and replays the copies in {@code processed/} so it remembers what it
 * received and booked; files left unanswered in an inbox are answered at start.
 *
 * <p>{@link #faults()} makes the bank misbehave on purpose for the fault tests: drop a connection in
 * the middle of an upload, cut the session that just delivered a file and be down for a while, send an
 * answer twice, send a return file whose totals disagree. {@link Builder#sftpEventListener} and {@link Builder#responders} remain as lower-level seams.
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
    /** Suffix of the folder beside a bank's home (out of the hub's sight) where it moves arrivals when it shows no archive. */
    static final String TAKEN = ".taken";

    private final Path root;
    private final String host;
    private final int requestedPort;
    private final RejectionRule rule;
    private final BiFunction<BankProfile, RejectionRule, BankResponder> responders;
    private final List<SftpEventListener> extraListeners;
    private final Map<String, SimulatedBank> banksByCode = new LinkedHashMap<>();
    private final Map<String, SimulatedBank> banksByUser = new LinkedHashMap<>();
    private final SimulatorFaults faults = new SimulatorFaults(this);

    private final Object idle = new Object();
    private int inFlight;

    private SshServer server;
    private SimpleGeneratorHostKeyProvider hostKeys;
    private ExecutorService worker;
    private ScheduledExecutorService timer;
    private PublicKey hostKey;
    private int boundPort = -1;
    private boolean closed;

    /** One simulated bank: its profile, its folders and what it has received and answered. */
    private static final class SimulatedBank {
        final BankProfile profile;
        final Path home;
        final Path inbox;
        final Path outbox;
        final Path processed;
        /** Where arrivals go when the bank moves them out of its inbox at once: the profile's inbox archive, else out of the hub's sight. */
        final Path taken;
        final List<Path> otherFolders = new ArrayList<>();
        final String inboxFolder;
        final String outboxFolder;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> answered = new CopyOnWriteArrayList<>();
        final List<String> answerFiles = new CopyOnWriteArrayList<>();
        final Set<String> processedNames = ConcurrentHashMap.newKeySet();
        /** Answers to write again once the hub has taken them: outbox name -> content. */
        final Map<String, byte[]> republish = new ConcurrentHashMap<>();
        BankResponder responder;
        PublicKey authorizedKey;

        SimulatedBank(BankProfile profile, Path root) {
            this.profile = profile;
            this.home = root.resolve(profile.code()).toAbsolutePath().normalize();
            this.inboxFolder = folder(profile.sftp().inbox());
            this.outboxFolder = folder(profile.sftp().outbox());
            this.inbox = inside(home, inboxFolder);
            this.outbox = inside(home, outboxFolder);
            this.processed = home.resolve(PROCESSED);
            String archive = profile.sftp().inboxArchive();
            this.taken = archive == null || archive.isBlank() ? root.resolve(profile.code() + TAKEN).toAbsolutePath().normalize()
                    : inside(home, folder(archive));
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

    /**
     * Creates the banks' folders, replays what they answered before, binds the server and answers what
     * is already waiting in the inboxes.
     */
    public synchronized BankSimulator start() throws IOException {
        if (worker != null || closed) {
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
            Files.createDirectories(bank.taken);
            bank.responder = responders.apply(bank.profile, rule);
            bank.authorizedKey = loadAuthorizedKey(bank.profile);
            rememberProcessed(bank);
        }
        hostKeys = new SimpleGeneratorHostKeyProvider(root.resolve(HOST_KEY_FILE));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(521);
        worker = Executors.newSingleThreadExecutor(r -> daemon(r, "bank-simulator-worker"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bank-simulator-timer"));
        try {
            listen(requestedPort);
            hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("bank simulator listening on {}:{} for banks {} (root {})", host, boundPort, banksByCode.keySet(), root);
        for (SimulatedBank bank : banksByCode.values()) {
            answerWaitingFiles(bank);
        }
        return this;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Binds a new SSH server on {@code port} with the simulator's host key, homes and listeners. */
    private void listen(int port) throws IOException {
        VirtualFileSystemFactory homes = new VirtualFileSystemFactory();
        banksByUser.forEach((user, bank) -> homes.setUserHomeDir(user, bank.home));

        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new InboxListener());
        extraListeners.forEach(sftp::addSftpEventListener);

        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(host);
        sshd.setPort(port);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator(this::passwordMatches);
        sshd.setPublickeyAuthenticator(this::keyMatches);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setFileSystemFactory(homes);
        sshd.setSubsystemFactories(List.of(sftp));
        server = sshd;
        sshd.start();
        boundPort = sshd.getPort();
    }

    /** The port the server is bound to (the assigned one when started with port 0); the same while it is down. */
    public int port() {
        requireStarted();
        return boundPort;
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
                s.inbox(), s.outbox(), s.archive(), s.error(), s.pollInterval(), s.inboxArchive()));
    }

    /** The bank's home folder on disk ({@code <root>/<bank code>}). */
    public Path home(String bankCode) {
        return bank(bankCode).home;
    }

    /**
     * Closes {@code day} at a bank that sends statements: its end-of-day camt.053 for each account
     * ({@link StatementBook#closeDay}) written into its outbox. Returns their names (none for a bank without
     * statements). The same calls in the same order on the same received files write the same statements.
     */
    public List<String> closeDay(String bankCode, LocalDate day, EndOfDay eod) throws IOException {
        SimulatedBank bank = bank(bankCode);
        if (!(bank.responder instanceof AbstractBankResponder<?> books) || books.statements() == null) {
            return List.of();
        }
        List<AnswerFile> files;
        synchronized (books) {
            files = books.statements().closeDay(day, eod);
        }
        for (AnswerFile f : files) {
            publish(bank, f);
        }
        log.info("bank {}: day {} closed with {}", bankCode, day, files.stream().map(AnswerFile::name).toList());
        return files.stream().map(AnswerFile::name).toList();
    }

    /** The faults the simulator can be told to commit, for the fault tests. */
    public SimulatorFaults faults() {
        return faults;
    }

    /**
     * Waits until no inbound file is being answered and none is queued (answers to write again count too).
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
     * arrival: a file uploaded twice is listed twice (and its second arrival refused as a duplicate).
     */
    public List<String> receivedFiles(String bankCode) {
        return List.copyOf(bank(bankCode).received);
    }

    /** The arrivals the bank answered since start, in order: a name answered twice is listed twice. */
    public List<String> answeredFiles(String bankCode) {
        return List.copyOf(bank(bankCode).answered);
    }

    /** Every answer file the bank wrote to its outbox since start, in order, a file written again listed again. */
    public List<String> answerFiles(String bankCode) {
        return List.copyOf(bank(bankCode).answerFiles);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        if (timer != null) {
            timer.shutdownNow();
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

    // ---- being down for a while ----

    /** Stops listening and drops every open session; the banks keep answering what they already received. */
    synchronized void goDown() {
        requireStarted();
        if (server != null) {
            log.info("bank simulator goes down ({}:{})", host, boundPort);
            stopServer();
        }
    }

    /** Listens again on the same host, port and host key. */
    synchronized void comeBack() throws IOException {
        requireStarted();
        if (closed) {
            throw new IllegalStateException("bank simulator is closed");
        }
        if (server == null) {
            listen(boundPort);
            log.info("bank simulator is back on {}:{}", host, boundPort);
        }
    }

    synchronized boolean isUp() {
        return server != null && server.isStarted();
    }

    /** Comes back by itself after {@code downtime}; a failure to bind again is logged. */
    void scheduleComeBack(Duration downtime) {
        timer.schedule(() -> {
            try {
                comeBack();
            } catch (IOException | RuntimeException e) {
                log.error("bank simulator could not come back on {}:{}", host, boundPort, e);
            }
        }, downtime.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopServer() {
        SshServer s = server;
        server = null;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                log.warn("bank simulator: SSH server did not stop cleanly", e);
            }
        }
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

    // ---- SFTP events ----

    /** A file's place as its session sees it: the bank, the folder relative to the home, the name. */
    private record Place(SimulatedBank bank, String folder, String name) {
    }

    private Place place(ServerSession session, Path sessionPath) {
        SimulatedBank bank = banksByUser.get(session.getUsername());
        if (bank == null || sessionPath == null) {
            return null;
        }
        // the session sees its home as "/": express the path relative to it
        Path absolute = sessionPath.toAbsolutePath().normalize();
        Path relative = absolute.getRoot() == null ? absolute : absolute.getRoot().relativize(absolute);
        if (relative.getFileName() == null) {
            return null;
        }
        Path parent = relative.getParent();
        return new Place(bank, parent == null ? "" : parent.toString().replace('\\', '/'), relative.getFileName().toString());
    }

    /** Turns SFTP events into work for the worker thread, and commits the transfer faults. */
    private final class InboxListener implements SftpEventListener {

        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                int dataOffset, int dataLen) throws IOException {
            Place p = place(session, localHandle.getFile());
            if (p == null || !p.folder().equals(p.bank().inboxFolder)) {
                return;
            }
            long limit = faults.dropLimit();
            if (limit < 0 || offset + dataLen <= limit) {
                return;
            }
            if (!faults.takeDrop()) {
                return;
            }
            int keep = (int) Math.max(0, limit - offset);
            if (keep > 0) {
                localHandle.write(data, dataOffset, keep, offset);
            }
            faults.droppedSessions.add(session);
            log.warn("bank {}: dropping the connection after {} bytes of {} (fault injected)", p.bank().code(),
                    offset + keep, p.name());
            session.close(true);
            throw new IOException("connection dropped by the simulated bank after " + (offset + keep) + " bytes");
        }

        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
            if (thrown != null) {
                return;
            }
            taken(place(session, srcPath));
            arrived(session, place(session, dstPath));
        }

        @Override
        public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) {
            if (thrown == null && !isDirectory) {
                taken(place(session, path));
            }
        }

        @Override
        public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
            if (thrown == null && localHandle instanceof FileHandle file && !faults.droppedSessions.contains(session)
                    && (file.getOpenOptions().contains(StandardOpenOption.WRITE)
                    || file.getOpenOptions().contains(StandardOpenOption.APPEND))) {
                arrived(session, place(session, file.getFile()));
            }
        }
    }

    /** Called on the SSH server's thread, before the client gets its answer: cheap, and never throws. */
    private void arrived(ServerSession session, Place p) {
        if (p == null || !p.folder().equals(p.bank().inboxFolder) || !isPaymentFileName(p.name())) {
            if (p != null && p.folder().equals(p.bank().inboxFolder)) {
                log.debug("bank {}: ignoring {} in the inbox", p.bank().code(), p.name());
            }
            return;
        }
        SimulatedBank bank = p.bank();
        Path file = bank.inbox.resolve(p.name());
        if (faults.movesArrivalsOut()) {
            try {
                Path moved = bank.taken.resolve(p.name());
                Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                file = moved;
                log.info("bank {}: moved {} out of its inbox to {}", bank.code(), p.name(), moved);
            } catch (IOException e) {
                log.error("bank {}: could not move {} out of its inbox", bank.code(), p.name(), e);
            }
        }
        bank.received.add(p.name());
        log.info("bank {}: received {}", bank.code(), p.name());
        Path arrival = file;
        submit(bank, p.name(), () -> answer(bank, p.name(), arrival));
        Duration downtime = faults.takeCutAfterArrival();
        if (downtime != null) {
            log.warn("bank {}: cutting the session that delivered {} before it hears back{} (fault injected)",
                    bank.code(), p.name(), downtime.isZero() ? "" : ", then down for " + downtime);
            faults.droppedSessions.add(session);
            try {
                session.close(true);
            } catch (RuntimeException e) {
                log.warn("bank {}: closing the session failed: {}", bank.code(), e.toString());
            }
            if (!downtime.isZero()) {
                timer.execute(() -> {
                    goDown();
                    scheduleComeBack(downtime);
                });
            }
        }
    }

    /** An answer the hub took (moved or removed) from the outbox: write it again when a fault asked for it. */
    private void taken(Place p) {
        if (p == null || !p.folder().equals(p.bank().outboxFolder)) {
            return;
        }
        byte[] again = p.bank().republish.remove(p.name());
        if (again != null) {
            SimulatedBank bank = p.bank();
            submit(bank, p.name(), () -> {
                log.warn("bank {}: writing {} again after it was taken (fault injected)", bank.code(), p.name());
                publish(bank, new AnswerFile(p.name(), again));
            });
        }
    }

    private static boolean isPaymentFileName(String name) {
        return BankFileNames.isSafeName(name) && !name.endsWith(PART) && !name.endsWith(TMP) && !name.startsWith(".");
    }

    private interface Work {
        void run() throws IOException;
    }

    private void submit(SimulatedBank bank, String name, Work work) {
        synchronized (idle) {
            inFlight++;
        }
        try {
            worker.execute(() -> {
                try {
                    work.run();
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

    /** Runs on the worker thread: read, answer, publish the answers (with any fault asked for), keep a copy. */
    private void answer(SimulatedBank bank, String name, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            log.warn("bank {}: {} vanished from the inbox before it was read", bank.code(), name);
            return;
        }
        if (Files.size(file) > MAX_INBOUND_BYTES) {
            log.warn("bank {}: {} is larger than {} bytes and is not answered", bank.code(), name, MAX_INBOUND_BYTES);
            return;
        }
        byte[] content = Files.readAllBytes(file);
        AnswerFault fault = BankFormats.answerCarriesTotals(bank.profile) && faults.takeCorruptTotals()
                ? AnswerFault.WRONG_TOTALS : AnswerFault.NONE;
        if (fault != AnswerFault.NONE) {
            log.warn("bank {}: answering {} with totals that disagree (fault injected)", bank.code(), name);
        }
        List<AnswerFile> answers = bank.responder.respond(name, content, fault);
        SimulatorFaults.Duplicate duplicate = answers.isEmpty() ? SimulatorFaults.Duplicate.NONE : faults.takeDuplicate();
        for (int i = 0; i < answers.size(); i++) {
            AnswerFile a = answers.get(i);
            publish(bank, a);
            if (i == 0 && duplicate == SimulatorFaults.Duplicate.SECOND_NAME) {
                String second = secondName(a.name());
                log.warn("bank {}: sending {} a second time as {} (fault injected)", bank.code(), a.name(), second);
                publish(bank, new AnswerFile(second, a.content()));
            } else if (i == 0 && duplicate == SimulatorFaults.Duplicate.SAME_NAME_AFTER_TAKEN) {
                bank.republish.put(a.name(), a.content());
            }
        }
        if (bank.processedNames.add(name)) {
            writeAtomically(bank.processed, name, content);
        }
        bank.answered.add(name);
        log.info("bank {}: answered {} with {}", bank.code(), name, answers.stream().map(AnswerFile::name).toList());
    }

    private void publish(SimulatedBank bank, AnswerFile answer) throws IOException {
        writeAtomically(bank.outbox, BankFileNames.requireSafeName(answer.name()), answer.content());
        bank.answerFiles.add(answer.name());
    }

    /** {@code X.ret.txt} sent again as {@code X-copy2.ret.txt}: the answer suffix stays, so the hub's poller still sees it. */
    static String secondName(String answerName) {
        for (String suffix : List.of(".ret.txt", ".pain002.xml", ".camt053.xml", ".camt054.xml")) {
            if (answerName.endsWith(suffix) && answerName.length() > suffix.length()) {
                return answerName.substring(0, answerName.length() - suffix.length()) + "-copy2" + suffix;
            }
        }
        int dot = answerName.lastIndexOf('.');
        return dot > 0 ? answerName.substring(0, dot) + "-copy2" + answerName.substring(dot) : answerName + "-copy2";
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

    /**
     * Files answered before a restart: their copies in {@code processed/}, replayed oldest first so the
     * bank remembers their names, their message ids and what it booked.
     */
    private static void rememberProcessed(SimulatedBank bank) throws IOException {
        List<Path> copies = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(bank.processed)) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && isPaymentFileName(p.getFileName().toString())) {
                    copies.add(p);
                }
            }
        }
        copies.sort(Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p).toMillis();
            } catch (IOException e) {
                return 0L;
            }
        }).thenComparing(p -> p.getFileName().toString()));
        for (Path p : copies) {
            String name = p.getFileName().toString();
            bank.processedNames.add(name);
            try {
                bank.responder.remember(name, Files.readAllBytes(p));
            } catch (RuntimeException e) {
                log.warn("bank {}: cannot replay {} answered before the restart: {}", bank.code(), name, e.toString());
            }
        }
    }

    /** Payment files left in the inbox that were never answered (the simulator stopped before): answer them now. */
    private void answerWaitingFiles(SimulatedBank bank) throws IOException {
        List<String> waiting = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(bank.inbox)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && isPaymentFileName(name) && !bank.processedNames.contains(name)) {
                    waiting.add(name);
                }
            }
        }
        waiting.stream().sorted().forEach(name -> {
            log.info("bank {}: {} was waiting in the inbox", bank.code(), name);
            submit(bank, name, () -> answer(bank, name, bank.inbox.resolve(name)));
        });
    }

    private void requireStarted() {
        if (worker == null || boundPort < 0) {
            throw new IllegalStateException("bank simulator not started");
        }
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
        private BiFunction<BankProfile, RejectionRule, BankResponder> responders = Responders::forProfile;
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

        /** How each bank answers; by default {@link Responders#forProfile}. A seam for answers that misbehave. */
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
