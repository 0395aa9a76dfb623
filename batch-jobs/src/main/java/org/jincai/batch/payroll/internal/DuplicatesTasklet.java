package org.jincai.batch.payroll.internal;

import java.util.List;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.core.CrashPoints;
import org.jincai.core.TableStatistics;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Step {@code duplicates}: the same employee_id on two lines of one file. The first line stands as it was checked;
 * every later line of that employee is refused {@value PayrollCodes#DUPLICATE_EMPLOYEE}, naming the first. Found by
 * the database over the whole file (nothing of it in memory), a chunk of refusals per call; done again after a
 * crash it finds only what is left. On PostgreSQL the lines {@code validate} has just written are sampled first
 * ({@link TableStatistics}): planned on a run it believed a few lines long, the search joined every line of the run
 * with every other (a 30,000-line run after a 100,000-line one: two minutes instead of a fraction of a second).
 */
public class DuplicatesTasklet implements Tasklet {

    private static final String SAMPLED = "payroll.duplicates.sampled";

    private final PayrollServices s;
    private final String runId;

    public DuplicatesTasklet(PayrollServices s, String runId) {
        this.s = s;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        CrashPoints.reached("payroll-validated");
        ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
        if (!context.containsKey(SAMPLED)) {
            TableStatistics.refresh(s.store().jdbc(), "payroll_line");
            context.putString(SAMPLED, "lines");
        }
        List<SqlParameterSource> later = s.store().jdbc().query("""
                SELECT l.line_no, l.employee_id,
                       (SELECT MIN(f.line_no) FROM payroll_line f WHERE f.run_id = l.run_id AND f.employee_id = l.employee_id)
                  FROM payroll_line l
                 WHERE l.run_id = :run AND l.state = 'VALID'
                   AND EXISTS (SELECT 1 FROM payroll_line e WHERE e.run_id = l.run_id AND e.employee_id = l.employee_id
                                  AND e.line_no < l.line_no)
                 ORDER BY l.run_id, l.line_no FETCH FIRST :n ROWS ONLY""",
                new MapSqlParameterSource("run", runId).addValue("n", s.props().chunkSize()),
                (rs, n) -> new MapSqlParameterSource("run", runId).addValue("line", rs.getInt(1))
                        .addValue("code", PayrollCodes.DUPLICATE_EMPLOYEE)
                        .addValue("message", "employee " + rs.getString(2) + " is on line " + rs.getInt(3)
                                + " already; that line is the one paid"));
        if (later.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        s.store().jdbc().batchUpdate("UPDATE payroll_line SET state = 'REFUSED', code = :code, message = :message"
                + " WHERE run_id = :run AND line_no = :line AND state = 'VALID'", later.toArray(SqlParameterSource[]::new));
        contribution.incrementWriteCount(later.size());
        return RepeatStatus.CONTINUABLE;
    }
}
