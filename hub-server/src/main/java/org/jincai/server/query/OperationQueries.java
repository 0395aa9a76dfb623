package org.jincai.server.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.core.access.DataScope;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The hub's operations for people: the Spring Batch job runs (read from the JobRepository's tables, whichever node
 * ran them) and the operators' schedules. A job run or a built-in schedule spans the whole hub and is for a scope of
 * everything; a payroll run and a payroll schedule belong to their agency (of the payroll's division).
 */
@Service
public class OperationQueries {

    /** What a job-run list is narrowed to (dates: the day it was created); a null member narrows nothing. */
    public record JobFilter(String job, String status, LocalDate from, LocalDate to) {
        public JobFilter {
            status = Filters.oneOf(status, "status", "COMPLETED", "STARTING", "STARTED", "STOPPING", "STOPPED",
                    "FAILED", "ABANDONED", "UNKNOWN");
            Filters.range(from, to);
        }
    }

    /** What a schedule list is narrowed to; a null member narrows nothing. */
    public record ScheduleFilter(String state, String kind) {
        public ScheduleFilter {
            state = Filters.oneOf(state, "state", "WAITING", "PAUSED", "FIRED", "FAILED", "BLOCKED", "CANCELLED");
        }
    }

    private static final String RUN_COLUMNS = """
            SELECT e.JOB_EXECUTION_ID, i.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.CREATE_TIME, e.START_TIME,
                e.END_TIME,
                (SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                    AND s.STATUS = 'COMPLETED') AS done,
                (SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS steps,
                (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS read_count,
                (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS write_count,
                (SELECT COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0)
                    FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS skip_count,
                (SELECT COALESCE(SUM(s.COMMIT_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS commit_count""";
    private static final String RUN_FROM = "BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
            + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID";

    private final NamedParameterJdbcTemplate jdbc;
    private final ScheduleService schedules;
    private final PayrollProperties payroll;

    public OperationQueries(NamedParameterJdbcTemplate jdbc, ScheduleService schedules, PayrollProperties payroll) {
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.payroll = payroll;
    }

    /**
     * Job runs, newest first, with their parameters and counts. A reader with part of the hub in scope sees the
     * payroll runs of the agencies in it (by the run's {@code runId}), and no other job.
     */
    public Page<JobExecutionView> jobRuns(DataScope scope, JobFilter f, PageRequest page) {
        Where w = new Where().eq("i.JOB_NAME", "job", f.job()).eq("e.STATUS", "status", f.status())
                .between("e.CREATE_TIME", "created", f.from(), f.to());
        if (!scope.all()) {
            w.add("EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS pa JOIN payroll_run r ON r.run_id = pa.PARAMETER_VALUE"
                            + " WHERE pa.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND pa.PARAMETER_NAME = 'runId' AND "
                            + scope.sqlCondition("r.adm_div_code", "r.agency_code") + ")");
            scope.bind(w.params());
        }
        Page<JobExecutionView> rows = w.page(jdbc, RUN_COLUMNS, RUN_FROM, "e.JOB_EXECUTION_ID DESC",
                (rs, n) -> run(rs), page);
        if (rows.items().isEmpty()) {
            return rows;
        }
        Map<Long, Map<String, String>> parameters = new HashMap<>();
        jdbc.query("SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
                        + " WHERE JOB_EXECUTION_ID IN (:ids)",
                new MapSqlParameterSource("ids", rows.items().stream().map(JobExecutionView::executionId).toList()),
                rs -> {
                    parameters.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        List<JobExecutionView> items = rows.items().stream().map(v -> new JobExecutionView(v.executionId(),
                v.instanceId(), v.job(), parameters.getOrDefault(v.executionId(), Map.of()), v.status(), v.exitCode(),
                v.stepsCompleted(), v.steps(), v.created(), v.started(), v.ended(), v.read(), v.written(), v.skipped(),
                v.commits())).toList();
        return new Page<>(items, rows.page(), rows.size(), rows.total(), rows.hasNext());
    }

    /**
     * Whether a reader with {@code scope} may see job execution {@code executionId}: all of it with the whole hub in
     * scope, otherwise only a payroll run of an agency inside it (as {@link #jobRuns} lists them).
     */
    public boolean visibleRun(DataScope scope, long executionId) {
        if (scope.all()) {
            return true;
        }
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS pa JOIN payroll_run r"
                        + " ON r.run_id = pa.PARAMETER_VALUE WHERE pa.JOB_EXECUTION_ID = :id AND pa.PARAMETER_NAME = 'runId'"
                        + " AND " + scope.sqlCondition("r.adm_div_code", "r.agency_code"),
                scope.bind(new MapSqlParameterSource("id", executionId)), Integer.class);
        return n != null && n > 0;
    }

    /** The schedules inside the scope, as the scheduler lists them. */
    public Page<Schedule> schedules(DataScope scope, ScheduleFilter f, PageRequest page) {
        String kind = Filters.text(f.kind());
        return Page.slice(schedules.list().stream().filter(s -> visible(scope, s))
                .filter(s -> f.state() == null || f.state().equals(s.state()))
                .filter(s -> kind == null || kind.equalsIgnoreCase(s.kind())).toList(), page);
    }

    /** A payroll schedule is its agency's; any other schedule (the built-in ones) the whole hub's. */
    public boolean visible(DataScope scope, Schedule s) {
        String agency = s.parameters() == null ? null : s.parameters().get("agency");
        return scope.all() || agency != null && scope.allows(payroll.admDivCode(), agency);
    }

    private static JobExecutionView run(ResultSet rs) throws SQLException {
        return new JobExecutionView(rs.getLong(1), rs.getLong(2), rs.getString(3), Map.of(), rs.getString(4),
                rs.getString(5), rs.getInt(9), rs.getInt(10), time(rs.getTimestamp(6)), time(rs.getTimestamp(7)),
                time(rs.getTimestamp(8)), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14));
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
