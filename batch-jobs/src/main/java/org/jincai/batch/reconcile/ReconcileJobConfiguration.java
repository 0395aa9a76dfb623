package org.jincai.batch.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconStatement;
import org.jincai.core.reconcile.ReconcileOptions;
import org.jincai.core.reconcile.Reconciler;
import org.jincai.core.reconcile.ReturnsUpstream;
import org.jincai.core.release.StagingArea;
import org.jincai.formats.FormatException;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code reconcile} job (README, "reconcile"): statements chunk by chunk, then the payments nobody booked,
 * the returns owed upstream, and the run's reconciliation.csv. Job parameters: {@value #RUN_ID} (the run's id,
 * identifying), {@value #BANK}, {@value #FILES} (paths, one per line), optional {@value #FROM} and {@value #TO}
 * (ISO dates), {@value #OUTPUT} (the run's folder). Without files, the statements received from the bank (from every
 * bank without one) under {@code <home>/statements/<BANK>/}; without a run id (a scheduled launch), the run is
 * {@code J<job execution id>}, its folder {@code <home>/jobs/reconcile/<run id>/}. A failed run started again with the same parameters resumes
 * after its last committed chunk. A file the reader cannot read fails the run with the reader's codes (no skip:
 * a statement left out would break the balance chain of its account).
 */
@Configuration(proxyBeanMethods = false)
public class ReconcileJobConfiguration {

    public static final String JOB = "reconcile";
    public static final String RUN_ID = "run.id";
    public static final String BANK = "bank";
    public static final String FILES = "files";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String OUTPUT = "output";
    /** Under the hub's home: the statements received from each bank, {@code statements/<BANK>/}. */
    public static final String STATEMENTS = "statements";

    @Bean
    ExceptionQueue exceptionQueue(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit,
                                  Clock clock) {
        return new ExceptionQueue(jdbc, tx, audit, clock);
    }

    @Bean
    Reconciler reconciler(NamedParameterJdbcTemplate jdbc, PaymentLifecycle lifecycle, ExceptionQueue exceptions,
                          BankCalendar calendar,
                          @Value("${jincai.reconcile.tolerance-days:3}") int toleranceDays,
                          @Value("${jincai.reconcile.not-booked-bank-days:2}") int notBookedBankDays, Clock clock) {
        return new Reconciler(jdbc, lifecycle, exceptions, calendar,
                new ReconcileOptions(toleranceDays, notBookedBankDays), clock);
    }

    @Bean
    ReturnsUpstream returnsUpstream(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FinanceDirectory finance,
                                    @Qualifier(TreasuryCoreConfiguration.FINANCE_STAGING) StagingArea outbound,
                                    Clock clock) {
        return new ReturnsUpstream(jdbc, tx, finance, outbound, clock);
    }

    @Bean
    ReconciliationReport reconciliationReport(NamedParameterJdbcTemplate jdbc) {
        return new ReconciliationReport(jdbc);
    }

    @Bean
    ReconcileLauncher reconcileLauncher(JobOperator operator, Job reconcileJob, ReconciliationReport report,
                                        @Value("${jincai.home:./jincai-data}") Path home, Clock clock) {
        return new ReconcileLauncher(operator, reconcileJob, report, home.resolve("jobs").resolve(JOB), clock);
    }

    @Bean
    Job reconcileJob(JobRepository repository, Step reconcileStatements, Step reconcileNotBooked,
                     Step reconcileReturns, Step reconcileReport) {
        return new JobBuilder(JOB, repository).start(reconcileStatements).next(reconcileNotBooked)
                .next(reconcileReturns).next(reconcileReport).build();
    }

    @Bean
    Step reconcileStatements(JobRepository repository, PlatformTransactionManager transactions,
                             StatementItemReader statementReader, StatementItemWriter statementWriter,
                             @Value("${jincai.reconcile.chunk-size:10}") int chunkSize) {
        return new StepBuilder("reconcileStatements", repository).<ReconStatement, ReconStatement>chunk(chunkSize)
                .transactionManager(transactions).reader(statementReader).writer(statementWriter).build();
    }

    @Bean
    @StepScope
    StatementItemReader statementReader(@Value("#{jobParameters['" + BANK + "']}") String bank,
                                        @Value("#{jobParameters['" + FILES + "']}") String files,
                                        @Value("#{jobParameters['" + FROM + "']}") String from,
                                        @Value("#{jobParameters['" + TO + "']}") String to,
                                        @Value("${jincai.home:./jincai-data}") Path home) {
        List<Path> paths = files == null || files.isBlank() ? received(home.resolve(STATEMENTS), bank)
                : Arrays.stream(files.split("\n")).filter(f -> !f.isBlank()).map(Path::of).toList();
        return new StatementItemReader(bank == null || bank.isBlank() ? null : bank, paths, date(from), date(to));
    }

    /**
     * The statements received from the bank ({@code <statements>/<BANK>/*.xml}), or from every bank when none is
     * named (a scheduled run): what a run without files reconciles.
     */
    static List<Path> received(Path statements, String bank) {
        if (!Files.isDirectory(statements)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(statements, 2)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> p.getParent().getParent().equals(statements))
                    .filter(p -> bank == null || bank.isBlank() || p.getParent().getFileName().toString().equals(bank))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + statements, e);
        }
    }

    @Bean
    @StepScope
    StatementItemWriter statementWriter(Reconciler reconciler, @Value("#{jobParameters['" + RUN_ID + "']}") String runId,
                                        @Value("#{stepExecution}") StepExecution step) {
        return new StatementItemWriter(reconciler, runId(runId, step.getJobExecutionId()), step);
    }

    /** The run's id: the launcher's, or for a run launched by a schedule, {@code J<job execution id>}. */
    static String runId(String given, long jobExecutionId) {
        return given != null && !given.isBlank() ? given : "J" + jobExecutionId;
    }

    @Bean
    Step reconcileNotBooked(JobRepository repository, PlatformTransactionManager transactions,
                            Tasklet notBookedTasklet) {
        return new StepBuilder("reconcileNotBooked", repository).tasklet(notBookedTasklet, transactions).build();
    }

    @Bean
    @JobScope
    Tasklet notBookedTasklet(Reconciler reconciler, @Value("#{jobParameters['" + RUN_ID + "']}") String runId) {
        return (contribution, context) -> {
            reconciler.flagNotBooked(runId(runId, context.getStepContext().getStepExecution().getJobExecutionId()));
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    Step reconcileReturns(JobRepository repository, PlatformTransactionManager transactions, Tasklet returnsTasklet) {
        return new StepBuilder("reconcileReturns", repository).tasklet(returnsTasklet, transactions).build();
    }

    @Bean
    Tasklet returnsTasklet(ReturnsUpstream returns) {
        return (contribution, context) -> {
            returns.sendPending();
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    Step reconcileReport(JobRepository repository, PlatformTransactionManager transactions, Tasklet reportTasklet) {
        return new StepBuilder("reconcileReport", repository).tasklet(reportTasklet, transactions).build();
    }

    @Bean
    @JobScope
    Tasklet reportTasklet(ReconciliationReport report, @Value("#{jobParameters['" + RUN_ID + "']}") String runId,
                          @Value("#{jobParameters['" + OUTPUT + "']}") String output,
                          @Value("${jincai.home:./jincai-data}") Path home) {
        return (contribution, context) -> {
            String run = runId(runId, context.getStepContext().getStepExecution().getJobExecutionId());
            report.write(run, output != null && !output.isBlank() ? Path.of(output)
                    : home.resolve("jobs").resolve(JOB).resolve(run));
            return RepeatStatus.FINISHED;
        };
    }

    private static LocalDate date(String iso) {
        return iso == null || iso.isBlank() ? null : LocalDate.parse(iso);
    }

    /** Codes of what may fail a run, for the launcher's message. */
    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FormatException f) {
                return f.problems().toString();
            }
        }
        return t.getMessage();
    }
}
