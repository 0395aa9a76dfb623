package org.jincai.batch.reconcile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts a run of {@code reconcile} and reports it. A run has an id ({@code R<yyMMddHHmmss><4 hex>}, its folder
 * {@code <home>/jobs/reconcile/<run id>/}); {@link #run} with the id of a failed run starts it again with the same
 * parameters, and Spring Batch resumes it after its last committed chunk.
 */
public class ReconcileLauncher {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final JobOperator operator;
    private final Job job;
    private final ReconciliationReport report;
    private final Path root;
    private final Clock clock;

    public ReconcileLauncher(JobOperator operator, Job job, ReconciliationReport report, Path root, Clock clock) {
        this.operator = operator;
        this.job = job;
        this.report = report;
        this.root = root;
        this.clock = clock;
    }

    /**
     * What to reconcile.
     *
     * @param runId null for a new run; the id of a failed run to resume it (with the same bank, files and dates)
     */
    public record Request(String bankCode, List<Path> files, LocalDate from, LocalDate to, String runId) {

        public Request {
            Objects.requireNonNull(bankCode, "bankCode");
            files = List.copyOf(files);
        }
    }

    public String newRunId() {
        return "R" + STAMP.format(clock.instant()) + String.format("%04X", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * Runs (or resumes) the job and reports what the run did; a failed run reports status FAILED.
     *
     * @throws IllegalStateException when the job cannot start: the run given is complete or running already
     */
    public ReconcileSummary run(Request request) {
        String runId = request.runId() != null ? request.runId() : newRunId();
        Path folder = root.resolve(runId);
        JobParameters params = new JobParametersBuilder()
                .addString(ReconcileJobConfiguration.RUN_ID, runId)
                .addString(ReconcileJobConfiguration.BANK, request.bankCode())
                .addString(ReconcileJobConfiguration.FILES, request.files().stream().map(p -> p.toAbsolutePath()
                        .normalize().toString()).collect(Collectors.joining("\n")))
                .addString(ReconcileJobConfiguration.FROM, request.from() == null ? "" : request.from().toString())
                .addString(ReconcileJobConfiguration.TO, request.to() == null ? "" : request.to().toString())
                .addString(ReconcileJobConfiguration.OUTPUT, folder.toAbsolutePath().toString(), false)
                .toJobParameters();
        JobExecution execution;
        try {
            execution = operator.start(job, params);
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException | JobRestartException
                 | InvalidJobParametersException e) {
            throw new IllegalStateException("run " + runId + " cannot start: " + e.getMessage(), e);
        }
        return summary(runId, request.bankCode(), execution, folder);
    }

    private ReconcileSummary summary(String runId, String bank, JobExecution execution, Path folder) {
        long read = 0;
        long already = 0;
        // this attempt's step; statements an earlier attempt of a resumed run took are in recon_statement
        for (StepExecution s : execution.getStepExecutions()) {
            if ("reconcileStatements".equals(s.getStepName())) {
                read += s.getReadCount();
                already += s.getExecutionContext().getInt(StatementItemWriter.ALREADY, 0);
            }
        }
        long taken = report.count("SELECT COUNT(*) FROM recon_statement WHERE run_id = :run", runId);
        long entries = report.count("SELECT COALESCE(SUM(entries), 0) FROM recon_statement WHERE run_id = :run", runId);
        long returned = report.count("SELECT COUNT(*) FROM recon_match WHERE run_id = :run AND match_kind = 'RETURN'",
                runId);
        long sent = report.count("SELECT COUNT(*) FROM recon_return WHERE run_id = :run AND sent_at IS NOT NULL", runId);
        Path csv = folder.resolve(ReconciliationReport.FILE_NAME);
        return new ReconcileSummary(runId, bank, execution.getStatus().name(), Math.max(read, taken + already), already,
                entries, report.matchedByRule(runId), returned, report.exceptionsByKind(runId), sent,
                csv.toFile().exists() ? csv : null);
    }
}
