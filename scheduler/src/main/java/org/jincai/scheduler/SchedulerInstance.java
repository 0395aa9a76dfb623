package org.jincai.scheduler;

/**
 * This node's name among the Quartz schedulers sharing the hub's database ({@code org.quartz.scheduler.instanceId}).
 * A name that stays the same across restarts lets a node restarted after a crash take back, at its first check-in,
 * the triggers its previous run had acquired and not fired; under {@link #AUTO} (a new name each start) they wait
 * until the cluster's check-in timeout declares the previous run dead, and a trigger then late by more than the
 * misfire threshold waits for Quartz's misfire handler too — a minute or more without bank polling. Two live nodes
 * must never share a name. Without a bean of this type the scheduler names itself {@link #AUTO}.
 *
 * @param id the instance id, at most 95 characters
 */
public record SchedulerInstance(String id) {

    /** Quartz's own: host name and start time, new at each start. */
    public static final SchedulerInstance AUTO = new SchedulerInstance("AUTO");

    public SchedulerInstance {
        if (id == null || id.isBlank() || id.length() > 95) {
            throw new IllegalArgumentException("a Quartz instance id of 1 to 95 characters, was " + id);
        }
    }
}
