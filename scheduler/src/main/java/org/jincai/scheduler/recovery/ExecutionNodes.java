package org.jincai.scheduler.recovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jincai.scheduler.SchedulerConfiguration;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which node runs each Spring Batch job execution (table {@code batch_execution_node}, migration V24), and whether it
 * still runs. A node is named by its Quartz scheduler instance ({@code SchedulerInstance}: the node id, the same at
 * every start of the node) and the run of its process (an id drawn at each start), recorded only by a process whose
 * scheduler runs — a one-shot command records nothing. An execution's node is alive when it is this process (same
 * instance, same run; the same instance under another run is this node's previous run, lost: two live processes never
 * share an instance), or another instance that still checks in to the cluster: its row in {@code QRTZ_SCHEDULER_STATE},
 * refreshed every {@code cluster-checkin-interval}, is no older than its interval plus Quartz's own grace of 7.5 s
 * (past that, Quartz declares it failed and deletes the row when it recovers its firings). A node that takes over a
 * lost node's execution claims it first ({@link #claim}: one conditional update, so that one node only marks and
 * restarts it); while it runs, the claimant answers for the execution in place of the node that started it. Each
 * step execution is recorded with its node too (table {@code batch_step_node}, V33: a partition with the node whose
 * worker runs it, recorded again with the next worker's node when it is sent again), so that a takeover can wait for
 * the steps still running on living nodes ({@link #stepNodes}) and the node running a payroll can send again a
 * partition whose worker's node is lost ({@link #stepNode}); and each node's staging areas (table
 * {@code staging_area_node}, V38: {@link #holdArea}) — of bank files, and of the answers to finance systems (V40) — so
 * that the files a lost node staged and never began to upload, and the answers it never delivered, can be taken over
 * ({@link #areas}).
 */
public class ExecutionNodes {

    /** Quartz's grace beyond a node's check-in interval before the others declare it failed. */
    static final long CHECKIN_GRACE_MILLIS = 7500;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;
    private final String run = UUID.randomUUID().toString();

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

    /** A node's run: its Quartz instance and the run of its process. */
    public record Node(String instance, String run) {

        @Override
        public String toString() {
            return instance + " (run " + run + ")";
        }
    }

    /**
     * An execution as recorded: its node, the firing that launched it (null when it was launched otherwise: REST, the
     * console, a restart) and the node that claimed it to take it over (null when none has).
     */
    public record Recorded(long executionId, Node node, Firing firing, Node claimedBy) {

        /** The node that answers for the execution: its claimant, or else the node that started it. */
        public Node responsible() {
            return claimedBy != null ? claimedBy : node;
        }
    }

    private static final String RECORDED = "SELECT n.job_execution_id, n.scheduler_instance, n.node_run, "
            + "n.schedule_key, n.scheduled_fire_time, n.taken_over_by, n.taken_over_run FROM batch_execution_node n ";

    private static Recorded recorded(ResultSet rs, int row) throws SQLException {
        String schedule = rs.getString(4);
        long due = rs.getLong(5);
        String claimant = rs.getString(6);
        return new Recorded(rs.getLong(1), new Node(rs.getString(2), rs.getString(3)),
                schedule == null ? null : new Firing(schedule, due),
                claimant == null ? null : new Node(claimant, rs.getString(7)));
    }

    /** What is recorded of execution {@code executionId}; empty when no node recorded it. */
    public Optional<Recorded> recordOf(long executionId) {
        return jdbc.query(RECORDED + "WHERE n.job_execution_id = :id", Map.of("id", executionId),
                ExecutionNodes::recorded).stream().findFirst();
    }

    /**
     * The executions Spring Batch shows running (STARTING, STARTED, STOPPING) that a node recorded, oldest first; one
     * launched by a one-shot command (no node recorded) is not among them.
     */
    public List<Recorded> running() {
        return jdbc.query(RECORDED + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = n.job_execution_id "
                + "WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') ORDER BY n.job_execution_id", Map.of(),
                ExecutionNodes::recorded);
    }

    /**
     * Claims {@code recorded} for this process, to take it over: true when this call did, false when another node
     * claimed it since it was read (the update is conditional on the claimant read, so that of two nodes only one
     * wins), or when this process's scheduler is not running.
     */
    boolean claim(Recorded recorded) {
        Optional<String> here = thisInstance();
        if (here.isEmpty()) {
            return false;
        }
        MapSqlParameterSource p = new MapSqlParameterSource("id", recorded.executionId())
                .addValue("instance", here.get()).addValue("run", run)
                .addValue("at", Timestamp.from(clock.instant()));
        String set = "UPDATE batch_execution_node SET taken_over_by = :instance, taken_over_run = :run, "
                + "taken_over_at = :at WHERE job_execution_id = :id AND ";
        if (recorded.claimedBy() == null) {
            return jdbc.update(set + "taken_over_by IS NULL", p) == 1;
        }
        return jdbc.update(set + "taken_over_by = :was AND taken_over_run = :wasRun",
                p.addValue("was", recorded.claimedBy().instance()).addValue("wasRun", recorded.claimedBy().run())) == 1;
    }

    /** Records that this process (Quartz {@code instance}) runs {@code executionId}, launched by {@code firing} or not. */
    void record(long executionId, String instance, Firing firing) {
        jdbc.update("INSERT INTO batch_execution_node (job_execution_id, scheduler_instance, node_run, schedule_key, "
                        + "scheduled_fire_time, recorded_at) VALUES (:id, :instance, :run, :schedule, :due, :at)",
                new MapSqlParameterSource("id", executionId).addValue("instance", instance).addValue("run", run)
                        .addValue("schedule", firing == null ? null : firing.schedule())
                        .addValue("due", firing == null ? null : firing.dueAt())
                        .addValue("at", Timestamp.from(clock.instant())));
    }

    /**
     * Records that this process (Quartz {@code instance}) runs step execution {@code stepId} of {@code executionId}: a
     * partition sent again after its worker's node was lost is recorded again with the node whose worker took it now
     * (an update of its row, else an insert: the same SQL on H2, PostgreSQL and Oracle).
     */
    void recordStep(long stepId, long executionId, String instance) {
        MapSqlParameterSource p = new MapSqlParameterSource("step", stepId).addValue("id", executionId)
                .addValue("instance", instance).addValue("run", run).addValue("at", Timestamp.from(clock.instant()));
        if (jdbc.update("UPDATE batch_step_node SET scheduler_instance = :instance, node_run = :run, recorded_at = :at "
                + "WHERE step_execution_id = :step", p) == 0) {
            jdbc.update("INSERT INTO batch_step_node (step_execution_id, job_execution_id, scheduler_instance, "
                    + "node_run, recorded_at) VALUES (:step, :id, :instance, :run, :at)", p);
        }
    }

    /** The node recorded as running step execution {@code stepId} (the latest one, for a partition sent again). */
    public Optional<Node> stepNode(long stepId) {
        return jdbc.query("SELECT scheduler_instance, node_run FROM batch_step_node WHERE step_execution_id = :step",
                Map.of("step", stepId), (rs, n) -> new Node(rs.getString(1), rs.getString(2))).stream().findFirst();
    }

    /**
     * The nodes running the steps of execution {@code executionId} that Spring Batch shows running (STARTING, STARTED,
     * STOPPING) and whose node was recorded — a partition taken by a worker on any node among them.
     */
    public List<Node> stepNodes(long executionId) {
        return jdbc.query("SELECT DISTINCT n.scheduler_instance, n.node_run FROM batch_step_node n "
                        + "JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = n.step_execution_id "
                        + "WHERE n.job_execution_id = :id AND s.STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
                Map.of("id", executionId), (rs, n) -> new Node(rs.getString(1), rs.getString(2)));
    }

    /**
     * A living node still at work on execution {@code executionId}: the node answering for it (its claimant, else the
     * node that started it) when it still checks in, else one whose worker runs one of its steps; empty when none
     * does, or when no node recorded it (a one-shot command's).
     */
    public Optional<Node> liveNode(long executionId) {
        return recordOf(executionId).map(Recorded::responsible).filter(this::alive)
                .or(() -> stepNodes(executionId).stream().filter(this::alive).findFirst());
    }

    /**
     * Records that this process, Quartz {@code instance}, holds the staging area {@code areaId} (its bank files, the
     * identity {@code bank_delivery.staged_by} names, or its answers to finance systems, named by
     * {@code voucher_answer.staged_by}): a node started again on its home holds its area again, under its new run.
     */
    public void holdArea(String areaId, String instance) {
        MapSqlParameterSource p = new MapSqlParameterSource("area", areaId).addValue("instance", instance)
                .addValue("run", run).addValue("at", Timestamp.from(clock.instant()));
        String update = "UPDATE staging_area_node SET scheduler_instance = :instance, node_run = :run, "
                + "recorded_at = :at WHERE staging_id = :area";
        if (jdbc.update(update, p) == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO staging_area_node (staging_id, scheduler_instance, node_run, recorded_at) "
                    + "VALUES (:area, :instance, :run, :at)", p);
        } catch (DuplicateKeyException e) {
            jdbc.update(update, p); // recorded meanwhile by another process on this home: the latest holds it
        }
    }

    /** Every staging area a node recorded, with the node that holds it, in the order of their identities. */
    public Map<String, Node> areas() {
        Map<String, Node> areas = new LinkedHashMap<>();
        jdbc.query("SELECT staging_id, scheduler_instance, node_run FROM staging_area_node ORDER BY staging_id",
                Map.of(), rs -> {
                    areas.put(rs.getString(1), new Node(rs.getString(2), rs.getString(3)));
                });
        return areas;
    }

    /** The node that runs (or ran) execution {@code executionId}; empty when none was recorded. */
    public Optional<Node> nodeOf(long executionId) {
        return jdbc.query("SELECT scheduler_instance, node_run FROM batch_execution_node WHERE job_execution_id = :id",
                Map.of("id", executionId), (rs, n) -> new Node(rs.getString(1), rs.getString(2))).stream().findFirst();
    }

    /** The job executions {@code firing} started, oldest first (a recovered firing's restarts among them). */
    public List<Long> launchedBy(Firing firing) {
        return jdbc.queryForList("SELECT job_execution_id FROM batch_execution_node WHERE schedule_key = :schedule "
                        + "AND scheduled_fire_time = :due ORDER BY job_execution_id",
                Map.of("schedule", firing.schedule(), "due", firing.dueAt()), Long.class);
    }

    /** Whether {@code node} is this process, or another instance that still checks in to the cluster. */
    public boolean alive(Node node) {
        if (thisInstance().filter(node.instance()::equals).isPresent()) {
            return run.equals(node.run());
        }
        long now = clock.millis();
        return jdbc.query("SELECT LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE "
                        + "WHERE SCHED_NAME = :name AND INSTANCE_NAME = :instance",
                Map.of("name", SchedulerConfiguration.SCHEDULER_NAME, "instance", node.instance()),
                (rs, n) -> now <= rs.getLong(1) + rs.getLong(2) + CHECKIN_GRACE_MILLIS)
                .stream().anyMatch(Boolean::booleanValue);
    }
}
