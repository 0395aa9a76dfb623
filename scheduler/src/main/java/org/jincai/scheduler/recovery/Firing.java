package org.jincai.scheduler.recovery;

import java.util.function.Supplier;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/**
 * One firing of a schedule: its Quartz job's key ({@code group.name}) and the time it was due, in epoch
 * milliseconds. A firing Quartz recovers on another node keeps the time its first firing was due, so both name the
 * same firing. While a firing runs on a thread ({@link #during}), every Spring Batch job execution started on that
 * thread is recorded under it ({@link ExecutionNodes}).
 */
public record Firing(String schedule, long dueAt) {

    private static final ThreadLocal<Firing> CURRENT = new ThreadLocal<>();

    /** The firing {@code context} runs: for a recovered one, the firing the lost node had begun. */
    public static Firing of(JobExecutionContext context) {
        long due = context.getScheduledFireTime().getTime();
        if (context.isRecovering()) {
            String original = context.getMergedJobDataMap()
                    .getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                due = Long.parseLong(original);
            }
        }
        return new Firing(context.getJobDetail().getKey().toString(), due);
    }

    /** Runs {@code work} on this thread as this firing's. */
    public <T> T during(Supplier<T> work) {
        Firing before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The firing running on this thread, or null. */
    static Firing current() {
        return CURRENT.get();
    }
}
