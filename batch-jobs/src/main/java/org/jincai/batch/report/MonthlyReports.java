package org.jincai.batch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Runs the {@value MonthlyReportJobConfiguration#JOB} job for a month, into {@code <home>/reports/yyyy-MM/}, and
 * finds the files of a month's report: what the CLI and the REST API call.
 */
public class MonthlyReports {

    private final JobOperator operator;
    private final Job job;
    private final Path root;
    private final Clock clock;
    private final AuditTrail audit;

    public MonthlyReports(JobOperator operator, Job job, Path root, Clock clock, AuditTrail audit) {
        this.operator = operator;
        this.job = job;
        this.root = root;
        this.clock = clock;
        this.audit = audit;
    }

    /** What a run did: its job execution, status and the files in the month's folder. */
    public record Run(long executionId, BatchStatus status, String exitDescription, Path dir, List<Path> files) {

        public boolean completed() {
            return status == BatchStatus.COMPLETED;
        }
    }

    /**
     * Runs the report of {@code month} (not after the current month in Beijing) for {@code actor} and waits for it;
     * {@value ReportException#REPORT_MONTH_INVALID} for a month to come. The run and its outcome go to the audit
     * trail.
     */
    public Run run(YearMonth month, String actor, AuditEntry.Channel channel) {
        if (month.isAfter(YearMonth.now(clock.withZone(ReportPeriod.BEIJING)))) {
            throw new ReportException(ReportException.REPORT_MONTH_INVALID, "month " + month + " has not begun", "month");
        }
        Path dir = dir(month);
        JobParameters params = new JobParametersBuilder()
                .addString(MonthlyReportJobConfiguration.MONTH, month.toString())
                .addString(MonthlyReportJobConfiguration.DIR, dir.toAbsolutePath().toString(), false)
                .addString(MonthlyReportJobConfiguration.RUN, Ids.newId())
                .toJobParameters();
        JobExecution execution;
        try {
            execution = operator.start(job, params);
        } catch (Exception e) {
            throw new ReportException(ReportException.REPORT_FAILED, "the report of " + month + " did not start: "
                    + e.getMessage(), month.toString(), e);
        }
        Run run = new Run(execution.getId(), execution.getStatus(), execution.getExitStatus().getExitDescription(), dir,
                files(month));
        audit.append(AuditEntry.of(actor, channel, "REPORT_RUN", "REPORT", MonthlyReportJobConfiguration.JOB + " " + month)
                .change(null, run.status() + " execution " + run.executionId() + ", " + run.files().size() + " file(s)")
                .because(run.completed() ? "requested" : Digests.fit("failed: " + run.exitDescription(), 400)));
        return run;
    }

    /** The folder of a month's report. */
    public Path dir(YearMonth month) {
        return root.resolve(month.toString());
    }

    /** The files of a month's report, by name; empty when it was never made. */
    public List<Path> files(YearMonth month) {
        Path dir = dir(month);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        } catch (IOException e) {
            throw new ReportException(ReportException.REPORT_OUTPUT_FAILED, "cannot list " + dir + ": " + e.getMessage(),
                    dir.toString(), e);
        }
    }

    /** One file of a month's report by its name; {@value ReportException#REPORT_NOT_FOUND} when there is none. */
    public Path file(YearMonth month, String name) {
        return files(month).stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new ReportException(ReportException.REPORT_NOT_FOUND, "no file " + name
                        + " in the report of " + month, month + "/" + name));
    }

    public static String workbookName(ReportPeriod period) {
        return "monthly-report-" + period + ".xlsx";
    }

    public static String pdfName(ReportPeriod period) {
        return "monthly-report-" + period + ".pdf";
    }
}
