package org.jincai.scheduler.recovery;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.step.StepExecution;

/**
 * The Spring Batch step executions running in this process now — a job's steps and the partitions its workers run
 * here, a payroll's {@code render-bank} partitions taken from the queue by this node's workers included — kept as
 * they begin and end ({@link ExecutionListeners}: every step declared as a bean, as the hub's jobs declare theirs).
 * The cluster's health shows them.
 */
public class RunningSteps {

    private final Map<Long, StepExecution> running = new ConcurrentHashMap<>();

    void started(StepExecution step) {
        running.put(step.getId(), step);
    }

    void ended(StepExecution step) {
        running.remove(step.getId());
    }

    /** The step executions running here, each as {@code job#execution/step}, in the order of their ids. */
    public List<String> describe() {
        return running.values().stream().sorted(Comparator.comparingLong(StepExecution::getId))
                .map(s -> s.getJobExecution().getJobInstance().getJobName() + "#" + s.getJobExecutionId() + "/"
                        + s.getStepName())
                .toList();
    }

    public int count() {
        return running.size();
    }
}
