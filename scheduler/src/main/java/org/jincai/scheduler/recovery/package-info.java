/**
 * A schedule's job survives the loss of the node running it: every Spring Batch job execution is recorded with the
 * node (Quartz instance) that runs it and the schedule firing that launched it ({@link
 * org.jincai.scheduler.recovery.ExecutionNodes}, table {@code batch_execution_node}); a firing Quartz recovers on
 * another node ({@code requestsRecovery}) marks the lost node's execution FAILED and restarts it there, leaving alone
 * one whose node still checks in ({@link org.jincai.scheduler.recovery.ExecutionRecovery}); every node also sweeps
 * periodically for executions of lost nodes that no schedule launched (REST, the console, a restart) and takes them
 * over the same way, once across nodes ({@link org.jincai.scheduler.recovery.ExecutionSweep}). The step executions
 * running on this node are kept for the cluster's health ({@link org.jincai.scheduler.recovery.RunningSteps}).
 */
package org.jincai.scheduler.recovery;
