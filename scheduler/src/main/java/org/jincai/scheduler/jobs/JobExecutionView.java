package org.jincai.scheduler.jobs;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One job execution as an operator reads it: the job, its parameters, status and exit code, progress (steps
 * completed of steps started), start and end, and the counts summed over its steps.
 */
public record JobExecutionView(long executionId, long instanceId, String job, Map<String, String> parameters,
                               String status, String exitCode, int stepsCompleted, int steps, LocalDateTime created,
                               LocalDateTime started, LocalDateTime ended, long read, long written, long skipped,
                               long commits) {

    /** "2/3 steps": how far the execution got. */
    public String progress() {
        return stepsCompleted + "/" + steps + " step(s)";
    }
}
