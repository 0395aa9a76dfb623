package org.jincai.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jincai.core.PeriodicSweep;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a cluster, every node looks, every {@code jincai.cluster.staged-file-sweep}, for bank files staged on a node that
 * no longer checks in to the cluster ({@link ExecutionNodes#alive}: past its check-in interval and Quartz's grace) and
 * whose upload never began (PREPARED) — a voucher release's files as much as a payroll's — and takes them over:
 * rendered again from the database into its own staging area and sent by its own upload route, each delivery taken by
 * one conditional update ({@link ReleaseService#restageHeldBy}), so that of two nodes sweeping at once one takes a
 * file, and the lost node, should it come back, quarantines its copy. A file whose upload had begun is left to its
 * node's recovery (the bank may hold part or all of it). Each file taken over is audited {@value #TAKEN_OVER}.
 *
 * <p>At its start the node records that it holds its own outbound area ({@link ExecutionNodes#holdArea}), before it
 * stages anything, so that its files can be found should it be lost at once. A node started again on a lost node's
 * home holds that area again and sends its files itself.
 */
public class StagedFileSweep extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(StagedFileSweep.class);
    /** The audit action of a file taken over. */
    public static final String TAKEN_OVER = "DELIVERY_TAKEN_OVER";
    static final String ACTOR = "cluster";

    private final ExecutionNodes nodes;
    private final String instance;
    private final ReleaseService release;
    private final StagingArea outbound;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile Takeover last;

    public StagedFileSweep(ExecutionNodes nodes, String instance, ReleaseService release, StagingArea outbound,
                           AuditTrail audit, Clock clock, Duration every) {
        super("staged-file-sweep", "STAGED_FILE_SWEEP_FAILED", every, "jincai.cluster.staged-file-sweep");
        this.nodes = nodes;
        this.instance = instance;
        this.release = release;
        this.outbound = outbound;
        this.audit = audit;
        this.clock = clock;
    }

    /** A file this node took over: when, which delivery and file, from which lost node. */
    public record Takeover(Instant at, String deliveryId, String bankCode, String fileName, String lostNode) {
    }

    /** This node's latest file taken over since it started, if any. */
    public Optional<Takeover> lastTakeover() {
        return Optional.ofNullable(last);
    }

    @Override
    public synchronized void start() {
        nodes.holdArea(outbound.id(), instance);
        super.start();
    }

    /**
     * One sweep: takes over the PREPARED files of every staging area whose node is lost; returns them. Does nothing in
     * a process whose scheduler is not running. One area's failure is logged ({@code STAGED_FILE_TAKEOVER_FAILED})
     * and the others are still swept.
     */
    public List<Takeover> sweep() {
        if (nodes.thisInstance().isEmpty()) {
            return List.of();
        }
        List<Takeover> taken = new ArrayList<>();
        for (Map.Entry<String, ExecutionNodes.Node> area : nodes.areas().entrySet()) {
            ExecutionNodes.Node node = area.getValue();
            if (area.getKey().equals(outbound.id()) || nodes.alive(node)) {
                continue;
            }
            try {
                for (StagedFile f : release.restageHeldBy(area.getKey(), ACTOR)) {
                    Takeover t = new Takeover(clock.instant(), f.deliveryId(), f.bankCode(), f.fileName(),
                            node.toString());
                    audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SYSTEM, TAKEN_OVER, "BANK_DELIVERY",
                                    f.deliveryId())
                            .change("PREPARED in staging area " + area.getKey() + " of node " + node,
                                    "PREPARED in staging area " + outbound.id() + " of node " + instance)
                            .because(f.fileName() + " for " + f.bankCode() + ": its node no longer checks in to the"
                                    + " cluster and never began its upload; rendered again here"));
                    last = t;
                    taken.add(t);
                }
            } catch (RuntimeException e) {
                log.error("STAGED_FILE_TAKEOVER_FAILED: staging area {} of lost node {}: {}", area.getKey(), node,
                        e.toString());
            }
        }
        return taken;
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
