package org.jincai.server.query;

import java.time.LocalDate;
import java.util.List;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.core.access.DataScope;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.jobs.JobExecutions;
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

    private final NamedParameterJdbcTemplate jdbc;
    private final JobExecutions executions;
    private final ScheduleService schedules;
    private final PayrollProperties payroll;

    public OperationQueries(NamedParameterJdbcTemplate jdbc, JobExecutions executions, ScheduleService schedules,
                            PayrollProperties payroll) {
        this.jdbc = jdbc;
        this.executions = executions;
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
        Page<JobExecutionView> rows = w.page(jdbc, JobExecutions.COLUMNS, JobExecutions.FROM,
                "e.JOB_EXECUTION_ID DESC", (rs, n) -> JobExecutions.row(rs), page);
        List<JobExecutionView> items = executions.withParameters(rows.items());
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
}
