package org.jincai.scheduler.launch;

import java.time.Instant;
import java.util.Map;

/**
 * How a schedule starts a batch job whose launch is more than Spring Batch's start with the schedule's parameters: a
 * payroll run is taken (its file read, its run recorded) before its job starts; a monthly report is for a month and
 * writes to that month's folder. {@link LaunchJob} uses the one whose {@link #job()} the schedule names, and starts
 * other jobs through the job operator.
 */
public interface ScheduledJob {

    /** The job name schedules give ({@code job:NAME}). */
    String job();

    /**
     * Starts the job for a firing due at {@code dueAt} with the schedule's {@code parameters}; returns what happened.
     * A refusal (a file already run, a month not begun) is thrown with its message.
     */
    Started start(Map<String, String> parameters, Instant dueAt);

    /** A job started: its Spring Batch execution (when known) and a line for the schedule and the audit trail. */
    record Started(Long executionId, String outcome) {
    }
}
