package org.jincai.batch.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.alert.AlertService;
import org.jincai.core.alert.NewAlert;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@value #JOB}: the monthly fiscal report of one month, in four steps, each restartable on its own —
 * {@value #WARNINGS} raises an alert for each performance target behind, {@value #FIGURES} reads the figures from the database and writes one CSV per table (the report's record),
 * {@value #WORKBOOK} makes the XLSX workbook from those CSVs, {@value #PDF} the PDF with its charts. A failed
 * step (say, no CJK font for the PDF) fails the job; restarting it runs that step again, not those done.
 *
 * <p>Job parameters: {@value #MONTH} ({@code yyyy-MM}, identifying), {@value #DIR} (the output folder),
 * {@value #RUN} (identifying, a new id per request: each request is a run of its own, so a month can be reported again).
 */
@Configuration(proxyBeanMethods = false)
public class MonthlyReportJobConfiguration {

    public static final String JOB = "monthly-report";
    public static final String WARNINGS = "monthly-report-warnings";
    public static final String FIGURES = "monthly-report-figures";
    public static final String WORKBOOK = "monthly-report-workbook";
    public static final String PDF = "monthly-report-pdf";
    public static final String MONTH = "month";
    public static final String DIR = "dir";
    public static final String RUN = "run";

    @Bean
    MonthlyAnalysis monthlyAnalysis(NamedParameterJdbcTemplate jdbc,
                                    @Value("${jincai.report.analysis.large-payment:1000000.00}") BigDecimal largePayment,
                                    @Value("${jincai.report.analysis.repeat-count:3}") int repeatCount,
                                    @Value("${jincai.report.analysis.surge-factor:2}") BigDecimal surgeFactor,
                                    @Value("${jincai.report.analysis.surge-minimum:100000.00}") BigDecimal surgeMinimum) {
        return new MonthlyAnalysis(jdbc, new AnalysisOptions(largePayment, repeatCount, surgeFactor, surgeMinimum));
    }

    @Bean
    MonthlyFigures monthlyFigures(NamedParameterJdbcTemplate jdbc, MonthlyAnalysis analysis) {
        return new MonthlyFigures(jdbc, analysis);
    }

    @Bean
    Job monthlyReportJob(JobRepository jobs, @Qualifier("monthlyReportWarningsStep") Step warnings,
                         @Qualifier("monthlyReportFiguresStep") Step figures,
                         @Qualifier("monthlyReportWorkbookStep") Step workbook, @Qualifier("monthlyReportPdfStep") Step pdf) {
        return new JobBuilder(JOB, jobs).validator(validator()).start(warnings).next(figures).next(workbook).next(pdf)
                .build();
    }

    /**
     * Raises an alert {@code PERFORMANCE_BEHIND} for each performance target behind at the month's end, once per
     * target and month (its dedup key), in the step's transaction: first, so that they are raised even when an output
     * step fails later.
     */
    @Bean
    Step monthlyReportWarningsStep(JobRepository jobs, PlatformTransactionManager transactions, MonthlyAnalysis analysis,
                                   AlertService alerts) {
        Tasklet tasklet = (contribution, chunk) -> {
            ReportPeriod period = period(chunk);
            List<NewAlert> raise = analysis.warnings(period).stream().map(w -> new NewAlert(
                    AlertRules.PERFORMANCE_BEHIND + "|" + w.targetId() + "|" + period, AlertRules.PERFORMANCE_BEHIND,
                    false, null, null, w.admDiv(), w.agency(), null, null, "performance target behind at " + period
                    + ": " + w.subject() + " " + w.measure() + " target " + w.target().toPlainString()
                    + (w.actual() == null ? ", nothing reported" : ", actual " + w.actual().toPlainString())
                    + "; the agency must explain (monthly report)")).toList();
            contribution.incrementWriteCount(alerts.raise(raise, JOB, AuditEntry.Channel.SCHEDULE).size());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder(WARNINGS, jobs).tasklet(tasklet, transactions).build();
    }

    @Bean
    Step monthlyReportFiguresStep(JobRepository jobs, PlatformTransactionManager transactions, MonthlyFigures figures) {
        Tasklet tasklet = (contribution, chunk) -> {
            List<ReportTable> tables = figures.tables(period(chunk));
            CsvTables.write(dir(chunk), tables);
            contribution.incrementWriteCount(tables.stream().mapToLong(t -> t.rows().size()).sum());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder(FIGURES, jobs).tasklet(tasklet, transactions).build();
    }

    @Bean
    Step monthlyReportWorkbookStep(JobRepository jobs, PlatformTransactionManager transactions) {
        Tasklet tasklet = (contribution, chunk) -> {
            List<ReportTable> tables = CsvTables.read(dir(chunk), ReportTables.ALL);
            XlsxReportWriter.write(dir(chunk).resolve(MonthlyReports.workbookName(period(chunk))), tables);
            contribution.incrementWriteCount(tables.stream().mapToLong(t -> t.rows().size()).sum());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder(WORKBOOK, jobs).tasklet(tasklet, transactions).build();
    }

    @Bean
    Step monthlyReportPdfStep(JobRepository jobs, PlatformTransactionManager transactions, Clock clock,
                              @Value("${jincai.report.font:}") String font) {
        Tasklet tasklet = (contribution, chunk) -> {
            ReportFont reportFont = ReportFont.locate(font);
            List<ReportTable> tables = CsvTables.read(dir(chunk), ReportTables.ALL);
            ReportPeriod period = period(chunk);
            PdfReportWriter.write(dir(chunk).resolve(MonthlyReports.pdfName(period)), period, clock.instant(), tables,
                    reportFont);
            contribution.incrementWriteCount(tables.stream().mapToLong(t -> t.rows().size()).sum());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder(PDF, jobs).tasklet(tasklet, transactions).build();
    }

    @Bean
    MonthlyReports monthlyReports(JobOperator operator, @Qualifier("monthlyReportJob") Job job,
                                  @Value("${jincai.home:./jincai-data}") String home, Clock clock, AuditTrail audit) {
        return new MonthlyReports(operator, job, Path.of(home).resolve("reports"), clock, audit);
    }

    static JobParametersValidator validator() {
        return parameters -> {
            String month = parameters.getString(MONTH);
            String dir = parameters.getString(DIR);
            if (month == null || dir == null) {
                throw new InvalidJobParametersException(JOB + " needs the parameters " + MONTH + " and " + DIR);
            }
            try {
                ReportPeriod.parse(month);
            } catch (ReportException e) {
                throw new InvalidJobParametersException(e.getMessage());
            }
        };
    }

    private static ReportPeriod period(ChunkContext chunk) {
        return ReportPeriod.parse((String) params(chunk).get(MONTH));
    }

    private static Path dir(ChunkContext chunk) {
        return Path.of((String) params(chunk).get(DIR));
    }

    private static Map<String, Object> params(ChunkContext chunk) {
        return chunk.getStepContext().getJobParameters();
    }
}
