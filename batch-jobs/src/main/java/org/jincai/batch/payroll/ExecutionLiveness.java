package org.jincai.batch.payroll;

import java.util.Optional;

/**
 * Which living node, if any, still runs a job execution that the JobRepository shows running: the node that runs it,
 * the node taking it over, or a node whose worker runs one of its partitions. A payroll restart consults it before it
 * marks a running execution interrupted, so that it never runs a run a second time beside a living node
 * ({@link PayrollCodes#PAYROLL_RUN_RUNNING}); the node running a payroll with remote partitions consults it for each
 * partition a worker runs ({@link #stepNode}), to send again a partition whose worker's node is lost. The scheduler
 * module answers from the cluster's check-ins; without it (no bean) nothing is known to run elsewhere, and no node is
 * known for a step.
 */
@FunctionalInterface
public interface ExecutionLiveness {

    /** The Quartz instance of a living node still running execution {@code executionId}, if any. */
    Optional<String> liveNode(long executionId);

    /**
     * The node recorded as running step execution {@code stepExecutionId} (a partition: the node whose worker took it),
     * and whether that node still lives; empty when no node was recorded for it (none took it yet, or it was taken by
     * a process outside the cluster). None by default.
     */
    default Optional<StepNode> stepNode(long stepExecutionId) {
        return Optional.empty();
    }

    /**
     * The node of a step execution: its name (Quartz instance and process run, one per start of a node) and whether it
     * still checks in to the cluster.
     */
    record StepNode(String node, boolean alive) {
    }
}
