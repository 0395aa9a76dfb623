package org.jincai.bank.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.server.session.ServerSession;

/**
 * The faults a {@link BankSimulator} commits on purpose, for the fault tests: each is armed from the
 * test at run time and fires once, on the next occasion, for whichever bank gets there first.
 *
 * <pre>{@code
 * simulator.faults().dropNextUploadAfter(100);          // next upload into an inbox: the session dies after 100 bytes
 * simulator.faults().goDown();                          // refuse connections, drop open sessions
 * simulator.faults().comeBack();                        // same host, same port, same host key
 * simulator.faults().goDownFor(Duration.ofSeconds(2));  // down now, back by itself
 * simulator.faults().duplicateNextAnswer();             // the next status answer is written again once the hub took it
 * simulator.faults().duplicateNextAnswerUnderSecondName(); // ... or at once, also as <name>-copy2.<suffix>
 * simulator.faults().corruptNextReturnTotals();         // the next return file's total is one yuan off
 * simulator.faults().moveArrivalsOut();                 // from now on, each file leaves the inbox the moment it lands
 * simulator.faults().cutSessionAfterNextArrival(Duration.ofSeconds(8)); // the next file lands, its sender never
 *                                                       // hears back, and the server is down for 8 s
 * }</pre>
 *
 * <ul>
 *   <li>A dropped upload leaves what was written so far (exactly {@code bytes} of it) under the name
 *       being written, typically {@code <name>.part}, which the bank never answers; the client sees
 *       its write fail and its session closed.</li>
 *   <li>While down, the banks still answer what they had received; their answers wait in the outboxes.</li>
 *   <li>Duplicates concern the status answer (pain.002 or return file), not the statement.</li>
 *   <li>Totals can only be wrong in an answer that carries them: the return files of the text layouts.
 *       An ISO bank's pain.002 leaves the fault armed for the next return file.</li>
 *   <li>A bank that moves arrivals out, as real banks do, puts each file the moment it lands (before the
 *       sender hears back) into the archive its profile names ({@code sftp.inboxArchive}), where the hub can
 *       look for it; with no archive in the profile, into {@code <root>/<bank>.taken/}, out of the hub's
 *       sight. It answers the file as usual.</li>
 *   <li>A session cut after an arrival leaves the file received (renamed into the inbox, answered) while
 *       its sender sees the rename fail: the hub cannot know whether it arrived.</li>
 * </ul>
 */
public final class SimulatorFaults {

    /** How the next answer is sent twice. */
    enum Duplicate {
        NONE,
        SAME_NAME_AFTER_TAKEN,
        SECOND_NAME
    }

    private final BankSimulator simulator;
    private final AtomicLong dropAfter = new AtomicLong(-1);
    private final AtomicReference<Duplicate> duplicate = new AtomicReference<>(Duplicate.NONE);
    private final AtomicBoolean corruptTotals = new AtomicBoolean();
    private final AtomicBoolean moveOut = new AtomicBoolean();
    private final AtomicReference<Duration> cutAfterArrival = new AtomicReference<>();
    /** Sessions the simulator dropped: what they leave behind is not an arrival. */
    final Set<ServerSession> droppedSessions = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<ServerSession, Boolean>()));

    SimulatorFaults(BankSimulator simulator) {
        this.simulator = Objects.requireNonNull(simulator);
    }

    /**
     * The next write into any bank's inbox that would take a file past {@code bytes} bytes writes only
     * up to {@code bytes}, then the session is closed under the client (a connection dropped mid-upload).
     */
    public SimulatorFaults dropNextUploadAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, is " + bytes);
        }
        dropAfter.set(bytes);
        return this;
    }

    /** Stops accepting connections and drops the open sessions, until {@link #comeBack()}. */
    public SimulatorFaults goDown() {
        simulator.goDown();
        return this;
    }

    /** Listens again on the same host and port with the same host key. */
    public SimulatorFaults comeBack() throws IOException {
        simulator.comeBack();
        return this;
    }

    /** Goes down now and comes back by itself after {@code downtime}. */
    public SimulatorFaults goDownFor(Duration downtime) {
        simulator.goDown();
        simulator.scheduleComeBack(downtime);
        return this;
    }

    /** True while the server accepts connections. */
    public boolean isUp() {
        return simulator.isUp();
    }

    /** The next status answer is written again under the same name once the hub has moved or deleted the first copy. */
    public SimulatorFaults duplicateNextAnswer() {
        duplicate.set(Duplicate.SAME_NAME_AFTER_TAKEN);
        return this;
    }

    /**
     * The next status answer is also written at once under a second name ({@code X-copy2.ret.txt},
     * {@code X-copy2.pain002.xml}).
     */
    public SimulatorFaults duplicateNextAnswerUnderSecondName() {
        duplicate.set(Duplicate.SECOND_NAME);
        return this;
    }

    /** The next return file declares a total one yuan above its lines; a reader must refuse it (TOTALS_MISMATCH). */
    public SimulatorFaults corruptNextReturnTotals() {
        corruptTotals.set(true);
        return this;
    }

    /**
     * From now on (until {@link #clear()}), each payment file leaves the bank's inbox the moment it lands,
     * into the profile's inbox archive or out of the hub's sight.
     */
    public SimulatorFaults moveArrivalsOut() {
        moveOut.set(true);
        return this;
    }

    /**
     * The next payment file that lands is received and answered, but the session that delivered it is cut
     * before its sender hears back; then the server is down for {@code downtime} (none when zero) and comes
     * back by itself.
     */
    public SimulatorFaults cutSessionAfterNextArrival(Duration downtime) {
        if (downtime == null || downtime.isNegative()) {
            throw new IllegalArgumentException("downtime must be zero or positive, is " + downtime);
        }
        cutAfterArrival.set(downtime);
        return this;
    }

    /** Disarms every fault not yet committed and keeps arrivals in the inbox again (a server that is down stays down). */
    public SimulatorFaults clear() {
        dropAfter.set(-1);
        duplicate.set(Duplicate.NONE);
        corruptTotals.set(false);
        moveOut.set(false);
        cutAfterArrival.set(null);
        return this;
    }

    // ---- the simulator consumes them ----

    long dropLimit() {
        return dropAfter.get();
    }

    /** True once per arming: the caller drops the connection. */
    boolean takeDrop() {
        return dropAfter.getAndSet(-1) >= 0;
    }

    Duplicate takeDuplicate() {
        return duplicate.getAndSet(Duplicate.NONE);
    }

    boolean takeCorruptTotals() {
        return corruptTotals.getAndSet(false);
    }

    boolean movesArrivalsOut() {
        return moveOut.get();
    }

    /** The downtime to start once the arriving file's session is cut, or null when no cut is armed. */
    Duration takeCutAfterArrival() {
        return cutAfterArrival.getAndSet(null);
    }

    /**
     * What is armed now (a fault that fired is disarmed): dropAfter -1, duplicate NONE, corruptTotals false,
     * moveArrivalsOut false, cutAfterArrival "null" when nothing is.
     */
    public Map<String, Object> armed() {
        return Map.of("dropAfter", dropAfter.get(), "duplicate", duplicate.get(), "corruptTotals", corruptTotals.get(),
                "moveArrivalsOut", moveOut.get(), "cutAfterArrival", String.valueOf(cutAfterArrival.get()));
    }

    @Override
    public String toString() {
        return "SimulatorFaults" + armed();
    }
}
