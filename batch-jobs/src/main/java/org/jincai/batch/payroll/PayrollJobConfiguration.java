package org.jincai.batch.payroll;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jincai.batch.payroll.internal.ApprovalTasklet;
import org.jincai.batch.payroll.internal.AwaitAnswersTasklet;
import org.jincai.batch.payroll.internal.BudgetTasklet;
import org.jincai.batch.payroll.internal.DuplicatesTasklet;
import org.jincai.batch.payroll.internal.OutputsTasklet;
import org.jincai.batch.payroll.internal.PayrollFileReader;
import org.jincai.batch.payroll.internal.PayrollLineWriter;
import org.jincai.batch.payroll.internal.PayrollRow;
import org.jincai.batch.payroll.internal.PayrollServices;
import org.jincai.batch.payroll.internal.PayrollStore;
import org.jincai.batch.payroll.internal.RenderPlan;
import org.jincai.batch.payroll.internal.RenderTasklet;
import org.jincai.batch.payroll.internal.RetryLinesTasklet;
import org.jincai.batch.payroll.internal.RowChecks;
import org.jincai.batch.payroll.internal.Voucher8207Reader;
import org.jincai.batch.payroll.remote.RemotePartitions;
import org.jincai.batch.payroll.remote.RemotePartitionsConfiguration;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.ReleaseService;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job {@value #JOB} (batch-jobs/README.md, docs/payroll.md), one bean per step:
 * {@code retry-lines} → {@code validate} (chunk-oriented: the file's lines read, checked and stored, refused ones
 * with their code) → {@code duplicates} → {@code budget} (the run's voucher stored, its budget held per (agency,
 * subject) total and month's plan) → {@code approval} (the run's one approval; the run stops while it waits;
 * rejected, straight to {@code outputs}) → {@code render} (partitioned by file: every bank's files planned from its
 * lines before rendering, then staged through the release path by partitions of consecutive files of one bank
 * ({@link RenderPlan}), each file's payments born RELEASED when the file is recorded, by a local
 * {@link TaskExecutorPartitionHandler}, or on any node's worker over RabbitMQ with
 * {@code jincai.cluster.partitions: remote}) → {@code answers} (the run stops when the banks take longer than
 * {@code answer-wait}) → {@code outputs}. Every step is restartable from its last commit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayrollProperties.class)
@Import(RemotePartitionsConfiguration.class)
public class PayrollJobConfiguration {

    public static final String JOB = "payroll";
    public static final String RUN_ID = "runId";
    private static final String RUN = "#{jobParameters['runId']}";

    @Bean
    PayrollStore payrollStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new PayrollStore(jdbc, clock);
    }

    @Bean
    PayrollProgress payrollProgress() {
        return new PayrollProgress();
    }

    @Bean
    PayrollServices payrollServices(PayrollStore store, PaymentRepository payments, PaymentLifecycle lifecycle,
                                    BudgetControl budget, ApprovalRules rules, ApprovalService approvals,
                                    AuditTrail audit, BankDirectory banks, ReleaseService release,
                                    PayrollProperties props, PayrollProgress progress,
                                    @Value("${jincai.home:./jincai-data}") Path home, Clock clock) {
        return new PayrollServices(store, payments, lifecycle, budget, rules, approvals, audit, banks, release, props,
                progress, home.toAbsolutePath().normalize(), clock);
    }

    @Bean
    PayrollLauncher payrollLauncher(PayrollServices services, JobOperator operator, JobRepository repository,
                                    Job payrollJob, ObjectProvider<ExecutionLiveness> liveness) {
        return new PayrollLauncher(services, operator, repository, payrollJob,
                liveness.getIfAvailable(() -> execution -> Optional.empty()));
    }

    @Bean
    Job payrollJob(JobRepository repository, Step payrollRetryLines, Step payrollValidate, Step payrollDuplicates,
                   Step payrollBudget, Step payrollApproval, Step payrollRender, Step payrollAnswers,
                   Step payrollOutputs, PayrollStore store, PayrollServices services) {
        return new JobBuilder(JOB, repository)
                .listener(new JobExecutionListener() {
                    /**
                     * Every execution of a run — a restart after its node or a worker's was lost, as an operator
                     * asks for it once that node is known to be down — first takes over the run's files staged on
                     * another node's disk and never sent: rendered again here, sent by this node
                     * (ReleaseService.restage, docs/deployment.md).
                     */
                    @Override
                    public void beforeJob(JobExecution execution) {
                        services.release().restage(execution.getJobParameters().getString(RUN_ID),
                                PayrollServices.ACTOR);
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        if (execution.getStatus() == BatchStatus.FAILED) {
                            store.status(execution.getJobParameters().getString(RUN_ID), PayrollRun.Status.FAILED);
                        }
                    }
                })
                .start(payrollRetryLines).next(payrollValidate).next(payrollDuplicates).next(payrollBudget)
                .next(payrollApproval)
                .on(ApprovalTasklet.AWAITING_APPROVAL).stopAndRestart(payrollApproval)
                .from(payrollApproval).on(ApprovalTasklet.REJECTED).to(payrollOutputs)
                .from(payrollApproval).on("*").to(payrollRender).next(payrollAnswers)
                .on(AwaitAnswersTasklet.AWAITING_ANSWERS).stopAndRestart(payrollAnswers)
                .from(payrollAnswers).on("*").to(payrollOutputs)
                .end().build();
    }

    @Bean
    Step payrollRetryLines(JobRepository repository, PlatformTransactionManager tx, RetryLinesTasklet retryLinesTasklet) {
        return new StepBuilder("retry-lines", repository).tasklet(retryLinesTasklet, tx).build();
    }

    @Bean
    @StepScope
    RetryLinesTasklet retryLinesTasklet(PayrollServices s, @Value(RUN) String runId) {
        return new RetryLinesTasklet(s, runId);
    }

    @Bean
    Step payrollValidate(JobRepository repository, PlatformTransactionManager tx, PayrollProperties props,
                         ItemStreamReader<PayrollRow> payrollReader, RowChecks payrollRowChecks,
                         PayrollLineWriter payrollLineWriter) {
        return new StepBuilder("validate", repository).<PayrollRow, PayrollRow>chunk(props.chunkSize())
                .transactionManager(tx).reader(payrollReader).processor(payrollRowChecks).writer(payrollLineWriter)
                .build();
    }

    /** The run's file, CSV or an 8207 voucher, one line at a time; nothing for a re-run of failed lines. */
    @Bean
    @StepScope
    ItemStreamReader<PayrollRow> payrollReader(PayrollServices s, @Value(RUN) String runId) {
        PayrollRun run = s.run(runId);
        if (run.retryOf() != null) {
            return new ItemStreamReader<>() {
                @Override
                public PayrollRow read() {
                    return null;
                }
            };
        }
        Path file = Path.of(run.filePath());
        return PayrollLauncher.KIND_8207.equals(run.inputKind()) ? new Voucher8207Reader(file, s.banks(), s.props())
                : new PayrollFileReader(file, Charset.forName(run.charset()));
    }

    @Bean
    @StepScope
    RowChecks payrollRowChecks(PayrollServices s, @Value(RUN) String runId) {
        PayrollRun run = s.run(runId);
        return new RowChecks(run.agencyCode(), s.banks(), s.props(), !PayrollLauncher.KIND_8207.equals(run.inputKind()));
    }

    @Bean
    @StepScope
    PayrollLineWriter payrollLineWriter(PayrollStore store, PayrollProgress progress, @Value(RUN) String runId) {
        return new PayrollLineWriter(store, progress, runId);
    }

    @Bean
    Step payrollDuplicates(JobRepository repository, PlatformTransactionManager tx, DuplicatesTasklet duplicatesTasklet) {
        return new StepBuilder("duplicates", repository).tasklet(duplicatesTasklet, tx).build();
    }

    @Bean
    @StepScope
    DuplicatesTasklet duplicatesTasklet(PayrollServices s, @Value(RUN) String runId) {
        return new DuplicatesTasklet(s, runId);
    }

    @Bean
    Step payrollBudget(JobRepository repository, PlatformTransactionManager tx, BudgetTasklet budgetTasklet) {
        return new StepBuilder("budget", repository).tasklet(budgetTasklet, tx).build();
    }

    @Bean
    @StepScope
    BudgetTasklet budgetTasklet(PayrollServices s, @Value(RUN) String runId) {
        return new BudgetTasklet(s, runId);
    }

    @Bean
    Step payrollApproval(JobRepository repository, PlatformTransactionManager tx, ApprovalTasklet approvalTasklet) {
        return new StepBuilder("approval", repository).tasklet(approvalTasklet, tx).allowStartIfComplete(true).build();
    }

    @Bean
    @StepScope
    ApprovalTasklet approvalTasklet(PayrollServices s, ObjectProvider<PayrollApprovers> approvers,
                                    @Value(RUN) String runId) {
        return new ApprovalTasklet(s, approvers.getIfAvailable(), runId);
    }

    /**
     * The partitions of {@link #payrollFiles}, run side by side on local threads — or, with
     * {@code jincai.cluster.partitions: remote}, sent over RabbitMQ to the workers of every node
     * ({@link RemotePartitionsConfiguration}).
     */
    @Bean
    Step payrollRender(JobRepository repository, Step payrollRenderBank, Partitioner payrollFiles,
                       ObjectProvider<RemotePartitions> remote) throws Exception {
        RemotePartitions remotePartitions = remote.getIfAvailable();
        PartitionHandler handler;
        if (remotePartitions != null) {
            handler = remotePartitions.handler(repository, payrollRenderBank.getName());
        } else {
            TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
            local.setStep(payrollRenderBank);
            SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("payroll-render-");
            // a node writes its files side by side but records them one at a time (the release path's lock): more
            // threads than this would only wait for it
            threads.setConcurrencyLimit(4);
            local.setTaskExecutor(threads);
            local.setGridSize(4);
            local.afterPropertiesSet();
            handler = local;
        }
        return new StepBuilder("render", repository).partitioner("render-bank", payrollFiles)
                .partitionHandler(handler).build();
    }

    /** The run's files, planned once before any is rendered, in partitions of consecutive files of one bank. */
    @Bean
    @StepScope
    Partitioner payrollFiles(PayrollServices s, JobRepository repository, @Value(RUN) String runId,
                             @Value("#{stepExecution}") StepExecution manager) {
        return RenderPlan.partitioner(s, runId, s.props().filesPerPartition(), manager, repository);
    }

    /**
     * A partition's files, each recorded in its own transaction by the release service before it is renamed — never
     * inside a step transaction, which would commit only after the rename.
     */
    @Bean
    Step payrollRenderBank(JobRepository repository, RenderTasklet renderTasklet) {
        return new StepBuilder("render-bank", repository).tasklet(renderTasklet, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    @StepScope
    RenderTasklet renderTasklet(PayrollServices s, @Value(RUN) String runId,
                                @Value("#{stepExecutionContext['bank']}") String bank,
                                @Value("#{stepExecutionContext['bankIndex']}") Integer bankIndex,
                                @Value("#{stepExecutionContext['files']}") String files) {
        return new RenderTasklet(s, runId, bank, bankIndex, files);
    }

    @Bean
    Step payrollAnswers(JobRepository repository, AwaitAnswersTasklet awaitAnswersTasklet) {
        return new StepBuilder("answers", repository).tasklet(awaitAnswersTasklet, new ResourcelessTransactionManager())
                .allowStartIfComplete(true).build();
    }

    @Bean
    @StepScope
    AwaitAnswersTasklet awaitAnswersTasklet(PayrollServices s, @Value(RUN) String runId) {
        return new AwaitAnswersTasklet(s, runId);
    }

    @Bean
    Step payrollOutputs(JobRepository repository, OutputsTasklet outputsTasklet) {
        return new StepBuilder("outputs", repository).tasklet(outputsTasklet, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    @StepScope
    OutputsTasklet outputsTasklet(PayrollServices s, PlatformTransactionManager tx, @Value(RUN) String runId) {
        return new OutputsTasklet(s, runId, new TransactionTemplate(tx));
    }
}
