package org.jincai.scheduler;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jincai.scheduler}: how the hub's Quartz scheduler runs and what it does with a disbursement that falls on a
 * day the banks are closed (docs/operations.md, "Schedules").
 *
 * @param nonWorkingDay  a disbursement due on a day banks do not settle, or after its bank's cut-off: {@code MOVE}d to
 *                       the next working day, or {@code REFUSE}d when it is scheduled
 * @param misfire        a schedule whose time passed while no node of the hub was running: {@code FIRE_NOW} (on a
 *                       working day before its bank's cut-off, else moved like a due date) or
 *                       {@code NEXT_WORKING_DAY} (moved to the next working day at its own time of day); always logged
 *                       and audited, never skipped
 * @param movedTime      the time of day a moved disbursement runs when its own time is past its bank's cut-off
 * @param misfireThreshold how late a trigger may fire before it counts as a misfire
 * @param threadCount    Quartz worker threads of this node
 * @param clusterCheckinInterval how often a node tells the others it is alive; a node silent for longer has its
 *                       triggers recovered by the others
 * @param payrollJob     the Spring Batch job an operator's payroll schedule launches
 * @param calendarRefresh how soon a calendar imported by another process (another node, the one-shot
 *                       {@code calendar import}) is seen by this node's releases and rules; one imported on this node
 *                       is seen at once
 * @param executionSweep how often this node looks for job executions left running by a node that no longer checks in
 *                       to the cluster, and takes them over ({@code ExecutionSweep})
 */
@ConfigurationProperties("jincai.scheduler")
public record SchedulerProperties(
        @DefaultValue("MOVE") NonWorkingDay nonWorkingDay,
        @DefaultValue("FIRE_NOW") Misfire misfire,
        @DefaultValue("09:00") LocalTime movedTime,
        @DefaultValue("60s") Duration misfireThreshold,
        @DefaultValue("4") int threadCount,
        @DefaultValue("15s") Duration clusterCheckinInterval,
        @DefaultValue("payroll") String payrollJob,
        @DefaultValue("5s") Duration calendarRefresh,
        @DefaultValue("30s") Duration executionSweep) {

    public SchedulerProperties {
        if (executionSweep.isNegative() || executionSweep.isZero()) {
            throw new IllegalArgumentException("jincai.scheduler.execution-sweep must be positive: " + executionSweep);
        }
    }

    /** What happens to a disbursement due on a non-working day or after its bank's cut-off. */
    public enum NonWorkingDay {
        /** Run on the next bank working day. */
        MOVE,
        /** Refuse the schedule with {@code SCHEDULE_NOT_WORKING_DAY} / {@code SCHEDULE_AFTER_CUTOFF}. */
        REFUSE
    }

    /** What happens to a schedule whose time passed while the hub was down. */
    public enum Misfire {
        /** Run at once when the hub is back (moved instead when banks are closed or past cut-off). */
        FIRE_NOW,
        /** Run on the next working day at the schedule's own time of day. */
        NEXT_WORKING_DAY
    }
}
