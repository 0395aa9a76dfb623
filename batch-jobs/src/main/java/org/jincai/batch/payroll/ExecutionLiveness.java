package org.jincai.batch.payroll;

import java.util.Optional;

/**
 * Which living node, if any, still runs a job execution that the JobRepository shows running: the node that runs it,
 * the node taking it over, or a node whose worker runs one of its partitions. A payroll restart consults it before it
 * marks a running execution interrupted, so that it never runs a run a second time beside a living node
 * ({@link PayrollCodes#PAYROLL_RUN_RUNNING}). The scheduler module answers from the cluster's check-ins; without it
 * (no bean) nothing is known to run elsewhere.
 */
@FunctionalInterface
public interface ExecutionLiveness {

    /** The Quartz instance of a living node still running execution {@code executionId}, if any. */
    Optional<String> liveNode(long executionId);
}
