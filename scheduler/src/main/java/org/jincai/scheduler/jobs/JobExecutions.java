package org.jincai.scheduler.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The job executions of every Spring Batch job on the hub's database, newest first, read straight from the
 * JobRepository's tables in two queries (executions with their steps' counts, then their parameters), whichever
 * node ran them.
 */
public class JobExecutions {

    /** An execution with its steps' progress and counts: the select list over {@link #FROM}, for {@link #row}. */
    public static final String COLUMNS = """
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
    /** The executions ({@code e}) with their instances ({@code i}). */
    public static final String FROM = "BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
            + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID";

    private final NamedParameterJdbcTemplate jdbc;

    public JobExecutions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} executions, newest first, of {@code job} or of every job when it is null. */
    public List<JobExecutionView> list(String job, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        String where = "";
        if (job != null) {
            where = " WHERE i.JOB_NAME = :job";
            p.addValue("job", job);
        }
        return query(where, p);
    }

    /** Execution {@code id}, or empty when there is none. */
    public Optional<JobExecutionView> get(long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("limit", 1).addValue("id", id);
        return query(" WHERE e.JOB_EXECUTION_ID = :id", p).stream().findFirst();
    }

    private List<JobExecutionView> query(String where, MapSqlParameterSource p) {
        return withParameters(jdbc.query(COLUMNS + " FROM " + FROM + where
                + " ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST :limit ROWS ONLY", p, (rs, n) -> row(rs)));
    }

    /** {@code rows} (read with {@link #COLUMNS} by {@link #row}) with their parameters, read in one more query. */
    public List<JobExecutionView> withParameters(List<JobExecutionView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Map<String, String>> parameters = new HashMap<>();
        jdbc.query("SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
                        + " WHERE JOB_EXECUTION_ID IN (:ids)",
                new MapSqlParameterSource("ids", rows.stream().map(JobExecutionView::executionId).toList()),
                rs -> {
                    parameters.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return rows.stream().map(v -> new JobExecutionView(v.executionId(), v.instanceId(), v.job(),
                parameters.getOrDefault(v.executionId(), Map.of()), v.status(), v.exitCode(), v.stepsCompleted(),
                v.steps(), v.created(), v.started(), v.ended(), v.read(), v.written(), v.skipped(), v.commits()))
                .toList();
    }

    /** One execution of a {@link #COLUMNS} query, without its parameters. */
    public static JobExecutionView row(ResultSet rs) throws SQLException {
        return new JobExecutionView(rs.getLong(1), rs.getLong(2), rs.getString(3), Map.of(), rs.getString(4),
                rs.getString(5), rs.getInt(9), rs.getInt(10), time(rs.getTimestamp(6)), time(rs.getTimestamp(7)),
                time(rs.getTimestamp(8)), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14));
    }

    /** Executions of each job by status, for the metrics. */
    public Map<String, Map<String, Long>> countsByJobAndStatus() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.query("""
                SELECT i.JOB_NAME, e.STATUS, COUNT(*) FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID GROUP BY i.JOB_NAME, e.STATUS""",
                Map.of(), rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        return counts;
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
