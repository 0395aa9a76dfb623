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
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a cluster, every node looks, every {@code jincai.cluster.staged-file-sweep}, for what a node that no longer
 * checks in to the cluster ({@link ExecutionNodes#alive}: past its check-in interval and Quartz's grace) staged and
 * never sent, and takes it over:
 * <ul>
 *   <li>the bank files whose upload never began (PREPARED) — a voucher release's files as much as a payroll's:
 *       rendered again from the database into its own staging area and sent by its own upload route, each delivery
 *       taken by one conditional update ({@link ReleaseService#restageHeldBy}), so that of two nodes sweeping at once
 *       one takes a file, and the lost node, should it come back, quarantines its copy. A file whose upload had
 *       begun is left to its node's recovery (the bank may hold part or all of it). Each is audited
 *       {@value #TAKEN_OVER};</li>
 *   <li>the files staged for a finance system's outbox and never delivered — receipts and returns of stored
 *       vouchers, duplicate notices and intake returns, reconciliation's returns: written again from their stored
 *       bytes into its own finance staging area and sent by its own outbox route, each file taken by one conditional
 *       update ({@link StagedAnswers#restageHeldBy}); the lost node, should it come back, quarantines its copy. Each
 *       is audited {@value #ANSWER_TAKEN_OVER}, its object type the file's table ({@code VOUCHER_ANSWER},
 *       {@code VOUCHER_NOTICE}, {@code RECON_RETURN}: {@link StagedAnswers.Kind#objectType}) and its object id
 *       the row's key (the answer, the notice, the returned payment).</li>
 * </ul>
 *
 * <p>At its start the node records that it holds its own two areas, of bank files and of answers
 * ({@link ExecutionNodes#holdArea}), before it stages anything, so that their files can be found should it be lost at
 * once. A node started again on a lost node's home holds those areas again and sends their files itself.
 */
public class StagedFileSweep extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(StagedFileSweep.class);
    /** The audit action of a bank file taken over. */
    public static final String TAKEN_OVER = "DELIVERY_TAKEN_OVER";
    /** The audit action of a file for a finance system taken over (a receipt or return, a notice, a return). */
    public static final String ANSWER_TAKEN_OVER = "ANSWER_TAKEN_OVER";
    static final String ACTOR = "cluster";

    private final ExecutionNodes nodes;
    private final String instance;
    private final ReleaseService release;
    private final StagingArea outbound;
    private final StagedAnswers answers;
    private final StagingArea financeOutbound;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile Takeover last;
    private volatile AnswerTakeover lastAnswer;

    /**
     * @param outbound        this node's staging area of bank files
     * @param financeOutbound this node's staging area of answers (the one {@code answers} stages into)
     */
    public StagedFileSweep(ExecutionNodes nodes, String instance, ReleaseService release, StagingArea outbound,
                           StagedAnswers answers, StagingArea financeOutbound, AuditTrail audit, Clock clock,
                           Duration every) {
        super("staged-file-sweep", "STAGED_FILE_SWEEP_FAILED", every, "jincai.cluster.staged-file-sweep");
        this.nodes = nodes;
        this.instance = instance;
        this.release = release;
        this.outbound = outbound;
        this.answers = answers;
        this.financeOutbound = financeOutbound;
        this.audit = audit;
        this.clock = clock;
    }

    /** A bank file this node took over: when, which delivery and file, from which lost node. */
    public record Takeover(Instant at, String deliveryId, String bankCode, String fileName, String lostNode) {
    }

    /**
     * A file for a finance system this node took over: when, its kind and row (the answer, notice or returned
     * payment), its finance system and file, from which node.
     */
    public record AnswerTakeover(Instant at, StagedAnswers.Kind kind, String id, String financeSystem, String fileName,
                                 String lostNode) {
    }

    /** What one sweep took over: bank files and answers. */
    public record Swept(List<Takeover> files, List<AnswerTakeover> answers) {
    }

    /** This node's latest bank file taken over since it started, if any. */
    public Optional<Takeover> lastTakeover() {
        return Optional.ofNullable(last);
    }

    /** This node's latest file for a finance system taken over since it started, if any. */
    public Optional<AnswerTakeover> lastAnswerTakeover() {
        return Optional.ofNullable(lastAnswer);
    }

    @Override
    public synchronized void start() {
        nodes.holdArea(outbound.id(), instance);
        nodes.holdArea(financeOutbound.id(), instance);
        super.start();
    }

    /**
     * One sweep: takes over the PREPARED bank files and the answers not delivered of every staging area whose node is
     * lost; returns them. Does nothing in a process whose scheduler is not running. One area's failure is logged
     * ({@code STAGED_FILE_TAKEOVER_FAILED}, {@code ANSWER_TAKEOVER_FAILED}) and the others are still swept.
     */
    public Swept sweep() {
        if (nodes.thisInstance().isEmpty()) {
            return new Swept(List.of(), List.of());
        }
        List<Takeover> files = new ArrayList<>();
        List<AnswerTakeover> answered = new ArrayList<>();
        for (Map.Entry<String, ExecutionNodes.Node> area : nodes.areas().entrySet()) {
            String id = area.getKey();
            ExecutionNodes.Node node = area.getValue();
            if (id.equals(outbound.id()) || id.equals(financeOutbound.id()) || nodes.alive(node)) {
                continue;
            }
            logged("STAGED_FILE_TAKEOVER_FAILED", id, node, () -> files.addAll(bankFiles(id, node)));
            logged("ANSWER_TAKEOVER_FAILED", id, node, () -> answered.addAll(answersOf(id, node)));
        }
        return new Swept(files, answered);
    }

    /** Runs one area's takeover; its failure is logged with {@code code} and leaves the other areas to be swept. */
    private static void logged(String code, String area, ExecutionNodes.Node node, Runnable takeover) {
        try {
            takeover.run();
        } catch (RuntimeException e) {
            log.error("{}: staging area {} of lost node {}: {}", code, area, node, e.toString());
        }
    }

    private List<Takeover> bankFiles(String area, ExecutionNodes.Node node) {
        List<Takeover> taken = new ArrayList<>();
        for (StagedFile f : release.restageHeldBy(area, ACTOR)) {
            Takeover t = new Takeover(clock.instant(), f.deliveryId(), f.bankCode(), f.fileName(), node.toString());
            audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SYSTEM, TAKEN_OVER, "BANK_DELIVERY", f.deliveryId())
                    .change("PREPARED in staging area " + area + " of node " + node,
                            "PREPARED in staging area " + outbound.id() + " of node " + instance)
                    .because(f.fileName() + " for " + f.bankCode() + ": its node no longer checks in to the"
                            + " cluster and never began its upload; rendered again here"));
            last = t;
            taken.add(t);
        }
        return taken;
    }

    private List<AnswerTakeover> answersOf(String area, ExecutionNodes.Node node) {
        List<AnswerTakeover> taken = new ArrayList<>();
        // audited in the transaction that takes each file: none is taken over without its record
        answers.restageHeldBy(area, a -> audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SYSTEM,
                        ANSWER_TAKEN_OVER, a.kind().objectType(), a.id())
                .change("staged in staging area " + area + " of node " + node + ", not delivered",
                        "staged in staging area " + financeOutbound.id() + " of node " + instance)
                .because(a.fileName() + " for " + a.financeSystem() + " (voucher " + a.voucherNo() + "): its node no"
                        + " longer checks in to the cluster and never delivered it; written again here from its"
                        + " stored bytes"))).forEach(a -> {
            AnswerTakeover t = new AnswerTakeover(clock.instant(), a.kind(), a.id(), a.financeSystem(),
                    a.fileName(), node.toString());
            lastAnswer = t;
            taken.add(t);
        });
        return taken;
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
