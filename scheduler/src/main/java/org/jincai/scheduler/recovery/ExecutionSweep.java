package org.jincai.scheduler.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jincai.core.PeriodicSweep;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node of the cluster looks, every {@code jincai.scheduler.execution-sweep}, for Spring Batch executions running
 * (STARTING, STARTED, STOPPING) on a node that no longer checks in to the cluster — past its check-in interval and
 * Quartz's grace, as Quartz itself judges a node failed ({@link ExecutionNodes#alive}) — and takes each over through
 * {@link ExecutionRecovery#takeOver(long)}: marked FAILED and restarted here, or only marked when an operator had asked
 * it to stop. This covers what Quartz's own recovery does not: executions launched over REST, from the console, by a
 * restart, or by a schedule whose firing does not request recovery. Each takeover is audited
 * {@code EXECUTION_TAKEN_OVER} (channel SYSTEM) and the latest is kept for the cluster's health.
 *
 * <p>It is a fixed-delay task on each node rather than a clustered Quartz trigger: a takeover claims the execution
 * with one conditional update ({@link ExecutionNodes#claim}), which makes two nodes sweeping at once — or a node
 * sweeping while another recovers the same firing through Quartz — restart it once, and a node busy restarting a long
 * job on its sweep thread leaves the other nodes sweeping. A node whose Quartz scheduler is not running (a one-shot
 * command) does not sweep, and an execution with no node recorded (launched by a one-shot command in its own JVM,
 * whose life the cluster cannot see) is never taken over: it is left to an operator ({@code jincai jobs restart}).
 */
public class ExecutionSweep extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(ExecutionSweep.class);
    /** The audit action of a takeover. */
    public static final String TAKEN_OVER = "EXECUTION_TAKEN_OVER";
    public static final String ACTOR = "scheduler";

    private final ExecutionNodes nodes;
    private final ExecutionRecovery recovery;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile Takeover last;

    public ExecutionSweep(ExecutionNodes nodes, ExecutionRecovery recovery, AuditTrail audit, Clock clock,
                          Duration every) {
        super("execution-sweep", "EXECUTION_SWEEP_FAILED", every, "jincai.scheduler.execution-sweep");
        this.nodes = nodes;
        this.recovery = recovery;
        this.audit = audit;
        this.clock = clock;
    }

    /** A takeover by this node: when, which execution, from which lost node, and what came of it. */
    public record Takeover(Instant at, long executionId, String lostNode, String outcome) {
    }

    /** This node's latest takeover since it started, if any. */
    public Optional<Takeover> lastTakeover() {
        return Optional.ofNullable(last);
    }

    /**
     * One sweep: takes over every running execution whose answering node is lost; returns what it took over. Does
     * nothing in a process whose scheduler is not running. One execution's failure is logged
     * ({@code EXECUTION_TAKEOVER_FAILED}) and the others are still swept.
     */
    public List<Takeover> sweep() {
        if (nodes.thisInstance().isEmpty()) {
            return List.of();
        }
        Map<ExecutionNodes.Node, Boolean> alive = new HashMap<>();
        List<Takeover> taken = new ArrayList<>();
        for (ExecutionNodes.Recorded r : nodes.running()) {
            if (alive.computeIfAbsent(r.responsible(), nodes::alive)) {
                continue;
            }
            try {
                ExecutionRecovery.Recovered done = recovery.takeOver(r.executionId());
                if (!done.tookOver()) {
                    log.info("execution sweep: {}", done.outcome());
                    continue;
                }
                Takeover t = new Takeover(clock.instant(), r.executionId(), done.lostNode(), done.outcome());
                audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SYSTEM, TAKEN_OVER, "JOB_EXECUTION",
                                Long.toString(r.executionId()))
                        .change("running on node " + done.lostNode(), done.outcome())
                        .because("node " + done.lostNode() + " no longer checks in to the cluster"));
                last = t;
                taken.add(t);
            } catch (RuntimeException e) {
                log.error("EXECUTION_TAKEOVER_FAILED: execution {} of lost node {}: {}", r.executionId(),
                        r.responsible(), e.toString());
            }
        }
        return taken;
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
