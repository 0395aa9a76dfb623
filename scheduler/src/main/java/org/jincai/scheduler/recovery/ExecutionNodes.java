package org.jincai.scheduler.recovery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jincai.scheduler.SchedulerConfiguration;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which node runs each Spring Batch job execution (table {@code batch_execution_node}, migration V24), and whether a
 * node is alive. A node is named by its Quartz scheduler instance ({@code instanceId AUTO}: host name and start time,
 * new at every start), recorded only by a process whose scheduler runs — a one-shot command records nothing. A node
 * is alive while it checks in to the cluster: its row in {@code QRTZ_SCHEDULER_STATE}, refreshed every
 * {@code cluster-checkin-interval}, is no older than its interval plus Quartz's own grace of 7.5 s (past that, Quartz
 * declares it failed and deletes the row when it recovers its firings).
 */
public class ExecutionNodes {

    /** Quartz's grace beyond a node's check-in interval before the others declare it failed. */
    static final long CHECKIN_GRACE_MILLIS = 7500;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    public ExecutionNodes(NamedParameterJdbcTemplate jdbc, ObjectProvider<Scheduler> scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** This process's Quartz instance, when its scheduler has started; empty in a one-shot command. */
    public Optional<String> thisInstance() {
        Scheduler s = scheduler.getIfAvailable();
        try {
            return s != null && s.isStarted() && !s.isShutdown() ? Optional.of(s.getSchedulerInstanceId())
                    : Optional.empty();
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code instance} runs execution {@code executionId}, launched by {@code firing} (or null). */
    void record(long executionId, String instance, Firing firing) {
        jdbc.update("INSERT INTO batch_execution_node (job_execution_id, scheduler_instance, schedule_key, "
                        + "scheduled_fire_time, recorded_at) VALUES (:id, :instance, :schedule, :due, :at)",
                new MapSqlParameterSource("id", executionId).addValue("instance", instance)
                        .addValue("schedule", firing == null ? null : firing.schedule())
                        .addValue("due", firing == null ? null : firing.dueAt())
                        .addValue("at", Timestamp.from(clock.instant())));
    }

    /** The node that runs (or ran) execution {@code executionId}; empty when none was recorded. */
    public Optional<String> nodeOf(long executionId) {
        return jdbc.queryForList("SELECT scheduler_instance FROM batch_execution_node WHERE job_execution_id = :id",
                Map.of("id", executionId), String.class).stream().findFirst();
    }

    /** The job executions {@code firing} started, oldest first (a recovered firing's restarts among them). */
    public List<Long> launchedBy(Firing firing) {
        return jdbc.queryForList("SELECT job_execution_id FROM batch_execution_node WHERE schedule_key = :schedule "
                        + "AND scheduled_fire_time = :due ORDER BY job_execution_id",
                Map.of("schedule", firing.schedule(), "due", firing.dueAt()), Long.class);
    }

    /** Whether {@code instance} is this process's or still checks in to the cluster. */
    public boolean alive(String instance) {
        if (thisInstance().filter(instance::equals).isPresent()) {
            return true;
        }
        long now = clock.millis();
        return jdbc.query("SELECT LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE "
                        + "WHERE SCHED_NAME = :name AND INSTANCE_NAME = :instance",
                Map.of("name", SchedulerConfiguration.SCHEDULER_NAME, "instance", instance),
                (rs, n) -> now <= rs.getLong(1) + rs.getLong(2) + CHECKIN_GRACE_MILLIS)
                .stream().anyMatch(Boolean::booleanValue);
    }
}
