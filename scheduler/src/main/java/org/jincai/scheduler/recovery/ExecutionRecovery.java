package org.jincai.scheduler.recovery;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a node does with a job execution whose node may be lost: a schedule's firing Quartz gives it to recover
 * ({@code requestsRecovery}: the node that ran the firing stopped checking in mid-job, {@link #recover(Firing)}), or an
 * execution the periodic {@link ExecutionSweep} finds running on a node that no longer checks in, whatever launched it
 * ({@link #takeOver(long)}: REST, the console, a restart, a schedule). For a firing it looks up the Spring Batch
 * executions the firing started ({@link ExecutionNodes}) and takes the latest execution of their job instance:
 * <ul>
 *   <li>none recorded — the lost node had launched nothing: the caller launches the firing as usual;</li>
 *   <li>running on a node still alive (an operator restarted it there, say), or with no node recorded (a one-shot
 *       command's): left alone, never run beside it;</li>
 *   <li>running on a node no longer alive (another instance no longer checking in, or this node's own previous run,
 *       when the node restarted under its name recovers its firings itself): left alone while one of its steps
 *       still runs on a living node (a partition on another node's worker; the sweep takes it over once they have
 *       ended), else claimed for this node first (one conditional update: another node recovering or sweeping it at
 *       the same moment leaves it alone), then its
 *       running steps and the execution are marked FAILED with an end time and the lost node in their exit
 *       description (Spring Batch's {@link JobOperator#recover}), then the job instance is restarted here, on this
 *       thread, resuming from its last commit (under the firing that launched it, when one did) — unless an operator
 *       had asked it to stop (STOPPING): then it is only marked;</li>
 *   <li>ended (completed, failed, stopped to wait for an approval) before the node was lost: left as it is.</li>
 * </ul>
 * A node that claimed an execution and was lost in turn before restarting it answers for it in place of the node that
 * started it: the execution is taken over from the claimant the same way.
 */
public class ExecutionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

    private final ExecutionNodes nodes;
    private final JobRepository repository;
    private final JobOperator operator;

    public ExecutionRecovery(ExecutionNodes nodes, JobRepository repository, JobOperator operator) {
        this.nodes = nodes;
        this.repository = repository;
        this.operator = operator;
    }

    /**
     * What recovering a firing or an execution did: the execution it ends with (null when it left one alone), whether
     * this node took the execution over (marked it FAILED, and restarted it unless it was asked to stop), the node it
     * took it from (null when it took nothing) and a line.
     */
    public record Recovered(Long executionId, boolean tookOver, String lostNode, String outcome) {

        static Recovered leftAlone(String outcome) {
            return new Recovered(null, false, null, outcome);
        }
    }

    /** Recovers {@code firing}; empty when it had launched nothing. */
    public Optional<Recovered> recover(Firing firing) {
        List<Long> launched = nodes.launchedBy(firing);
        if (launched.isEmpty()) {
            return Optional.empty();
        }
        JobExecution recorded = repository.getJobExecution(launched.get(launched.size() - 1));
        JobExecution last = repository.getJobExecution(repository.getLastJobExecution(recorded.getJobInstance()).getId());
        return Optional.of(takeOver(last, firing));
    }

    /**
     * Takes over execution {@code executionId} when the node answering for it is lost (see the class description);
     * restarted under the firing that launched it, if a firing did.
     */
    public Recovered takeOver(long executionId) {
        JobExecution execution = repository.getJobExecution(executionId);
        if (execution == null) {
            return Recovered.leftAlone("job execution " + executionId + " does not exist: nothing to recover");
        }
        return takeOver(execution, nodes.recordOf(executionId).map(ExecutionNodes.Recorded::firing).orElse(null));
    }

    private Recovered takeOver(JobExecution last, Firing firing) {
        String job = last.getJobInstance().getJobName();
        if (!last.getStatus().isRunning()) {
            return new Recovered(last.getId(), false, null, job + " execution " + last.getId() + " had ended "
                    + last.getStatus() + " " + last.getExitStatus().getExitCode() + ": nothing to recover");
        }
        Optional<ExecutionNodes.Recorded> recorded = nodes.recordOf(last.getId());
        if (recorded.isEmpty()) {
            return Recovered.leftAlone(job + " execution " + last.getId() + " is " + last.getStatus()
                    + " with no node recorded: left alone");
        }
        ExecutionNodes.Node node = recorded.get().responsible();
        if (nodes.alive(node)) {
            return Recovered.leftAlone(job + " execution " + last.getId() + " is " + last.getStatus()
                    + " on node " + node.instance() + ", alive: left alone");
        }
        Optional<ExecutionNodes.Node> busy = nodes.stepNodes(last.getId()).stream()
                .filter(n -> !n.equals(node)).filter(nodes::alive).findFirst();
        if (busy.isPresent()) {
            return Recovered.leftAlone(job + " execution " + last.getId() + " of lost node " + node.instance()
                    + " still has steps running on node " + busy.get().instance() + ", alive: left until they end");
        }
        if (!nodes.claim(recorded.get())) {
            return Recovered.leftAlone(job + " execution " + last.getId() + " of lost node " + node.instance()
                    + " was taken over by another node: left alone");
        }
        String lost = "node " + node.instance() + " lost"
                + nodes.thisInstance().map(n -> ", recovered by " + n).orElse("");
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(lost));
            }
        }
        last.setExitStatus(ExitStatus.FAILED.addExitDescription(lost));
        boolean stopAsked = last.getStatus() == BatchStatus.STOPPING;
        operator.recover(last);
        if (stopAsked) {
            log.warn("{} execution {} marked FAILED ({}); an operator had asked it to stop: not restarted", job,
                    last.getId(), lost);
            return new Recovered(last.getId(), true, node.instance(), job + " execution " + last.getId()
                    + " marked FAILED (" + lost + "); it was asked to stop: not restarted");
        }
        log.warn("{} execution {} marked FAILED ({}); restarting it", job, last.getId(), lost);
        JobExecution restarted;
        try {
            restarted = firing == null ? restart(last) : firing.during(() -> restart(last));
        } catch (IllegalStateException e) {
            return new Recovered(last.getId(), true, node.instance(), job + " execution " + last.getId()
                    + " marked FAILED (" + lost + "); its restart was refused: " + e.getMessage());
        }
        return new Recovered(restarted.getId(), true, node.instance(), job + " execution " + last.getId()
                + " marked FAILED (" + lost + "), restarted as execution " + restarted.getId() + ": "
                + restarted.getStatus() + " " + restarted.getExitStatus().getExitCode());
    }

    private JobExecution restart(JobExecution failed) {
        try {
            return operator.restart(failed);
        } catch (JobRestartException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
