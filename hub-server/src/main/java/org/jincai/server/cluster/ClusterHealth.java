package org.jincai.server.cluster;

import org.jincai.scheduler.recovery.ExecutionNodes;
import org.jincai.scheduler.recovery.ExecutionSweep;
import org.jincai.scheduler.recovery.RunningSteps;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The node's role in health ({@code /actuator/health} on the management port, component {@code cluster}): single
 * node or cluster, its name, whether it leads (polls the finance inboxes) and since when, the poller routes
 * running here, its Quartz scheduler instance (the name its job executions are recorded under, "not started" in a
 * one-shot command) and the Spring Batch step executions running here — its jobs' steps and the partitions its
 * workers run, a payroll's remote {@code render-bank} partitions included, each named by its bank and files
 * ({@code payroll#12/render-bank:bank-DEMO-ISO-files-011-020}) — and the last execution of a lost node this node took
 * over ({@code lastTakeover}: when, which execution, from which node, what came of it; "none" since it started, or
 * when the application has no sweep), the last bank file of a lost node it took over ({@code lastFileTakeover},
 * in a cluster: {@link StagedFileSweep}) and the last file for a finance system of a lost node it took over
 * ({@code lastAnswerTakeover}, the same sweep).
 */
public class ClusterHealth implements HealthIndicator {

    private final ClusterNode node;
    private final ExecutionNodes executions;
    private final RunningSteps steps;
    private final ExecutionSweep sweep;
    private final StagedFileSweep stagedFiles;

    /** The node's health; {@code sweep} and {@code stagedFiles} may be null (no takeover then shown). */
    public ClusterHealth(ClusterNode node, ExecutionNodes executions, RunningSteps steps, ExecutionSweep sweep,
                         StagedFileSweep stagedFiles) {
        this.node = node;
        this.executions = executions;
        this.steps = steps;
        this.sweep = sweep;
        this.stagedFiles = stagedFiles;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("mode", node.clustered() ? "cluster" : "single node")
                .withDetail("node", node.nodeId())
                .withDetail("role", node.leader() ? "leader" : "follower")
                .withDetail("since", node.since().toString())
                .withDetail("pollers", node.pollersRunning())
                .withDetail("quartz", executions.thisInstance().orElse("not started"))
                .withDetail("stepsRunning", steps.count())
                .withDetail("steps", steps.describe())
                .withDetail("lastTakeover", sweep == null ? "none" : sweep.lastTakeover()
                        .map(t -> t.at() + ": execution " + t.executionId() + " of node " + t.lostNode() + " — "
                                + t.outcome())
                        .orElse("none"))
                .withDetail("lastFileTakeover", stagedFiles == null ? "none" : stagedFiles.lastTakeover()
                        .map(t -> t.at() + ": " + t.fileName() + " for " + t.bankCode() + " of node " + t.lostNode())
                        .orElse("none"))
                .withDetail("lastAnswerTakeover", stagedFiles == null ? "none" : stagedFiles.lastAnswerTakeover()
                        .map(t -> t.at() + ": " + t.fileName() + " for " + t.financeSystem() + " of node "
                                + t.lostNode())
                        .orElse("none"))
                .build();
    }
}
