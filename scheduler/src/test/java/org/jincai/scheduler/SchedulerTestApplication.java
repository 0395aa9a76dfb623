package org.jincai.scheduler;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.testing.TestDatabase;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node of the hub's scheduler for tests: Spring Boot's Batch and Quartz on a {@link TestDatabase}, the scheduler's
 * configuration, and two test jobs — {@value #JOB} (takes file/agency/month like the payroll job; the payroll
 * schedules launch it), {@value #FLAKY} (fails while {@link #FAIL} is set, to test restart; waits while {@link #HOLD} is
 * set) and {@value #SLOW} (writes the numbers 1 to {@value #SLOW_ITEMS} into table {@value #SLOW_TABLE}, which the test
 * creates, {@value #SLOW_CHUNK} a transaction, {@value #SLOW_ITEM_MILLIS} ms an item, restartable from its last
 * commit: a job to kill a node in the middle of), and {@value #PARTITIONED} ({@value #FLAKY}'s step as the worker of two
 * partitions run on threads of this node).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SchedulerConfiguration.class)
public class SchedulerTestApplication {

    public static final String JOB = "scheduler-test";
    public static final String FLAKY = "scheduler-flaky";
    public static final AtomicBoolean FAIL = new AtomicBoolean();
    /** {@value #JOB}'s step exit description: this prefix and the id of the process that ran it. */
    public static final String PID = "pid ";
    /** While set, {@value #FLAKY} waits for it before it ends: a job still running when a test looks at it. */
    public static final AtomicReference<CountDownLatch> HOLD = new AtomicReference<>();
    public static final String SLOW = "scheduler-slow";
    public static final String PARTITIONED = "scheduler-partitioned";
    public static final String SLOW_TABLE = "slow_work";
    public static final int SLOW_ITEMS = 40;
    public static final int SLOW_CHUNK = 2;
    public static final long SLOW_ITEM_MILLIS = 100;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuditTrail auditTrail(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new AuditTrail(jdbc, tx, clock);
    }

    @Bean
    Job schedulerTestJob(JobRepository repository, PlatformTransactionManager transactions) {
        return new JobBuilder(JOB, repository).start(new StepBuilder("count", repository)
                .tasklet((contribution, chunk) -> {
                    contribution.incrementReadCount();
                    contribution.incrementWriteCount(1);
                    // which process ran it, for the test of two nodes in two JVMs
                    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(PID + ProcessHandle.current().pid()));
                    return RepeatStatus.FINISHED;
                }, transactions).build()).build();
    }

    @Bean
    Job schedulerFlakyJob(JobRepository repository, Step schedulerFlakyStep) {
        return new JobBuilder(FLAKY, repository).start(schedulerFlakyStep).build();
    }

    @Bean
    Job schedulerSlowJob(JobRepository repository, PlatformTransactionManager transactions,
                         NamedParameterJdbcTemplate jdbc) {
        AbstractItemCountingItemStreamItemReader<Integer> numbers = new AbstractItemCountingItemStreamItemReader<>() {
            @Override
            protected Integer doRead() throws InterruptedException {
                Thread.sleep(SLOW_ITEM_MILLIS);
                return getCurrentItemCount();
            }

            @Override
            protected void doOpen() {
            }

            @Override
            protected void doClose() {
            }

            @Override
            protected void jumpToItem(int itemIndex) {
                setCurrentItemCount(itemIndex);
            }
        };
        numbers.setName("numbers");
        numbers.setMaxItemCount(SLOW_ITEMS);
        return new JobBuilder(SLOW, repository).start(new StepBuilder("slow", repository).<Integer, Integer>chunk(SLOW_CHUNK)
                .transactionManager(transactions).reader(numbers)
                .writer(items -> items.forEach(i -> jdbc.update("INSERT INTO " + SLOW_TABLE + " (item, pid) VALUES "
                        + "(:item, :pid)", Map.of("item", i, "pid", ProcessHandle.current().pid()))))
                .build()).build();
    }

    @Bean
    Job schedulerPartitionedJob(JobRepository repository, Step schedulerSplitStep) {
        return new JobBuilder(PARTITIONED, repository).start(schedulerSplitStep).build();
    }

    @Bean
    Step schedulerSplitStep(JobRepository repository, Step schedulerFlakyStep) {
        Partitioner two = gridSize -> Map.of("p0", new ExecutionContext(), "p1", new ExecutionContext());
        return new StepBuilder("split", repository).partitioner("flaky", two).step(schedulerFlakyStep).gridSize(2)
                .taskExecutor(new SimpleAsyncTaskExecutor("partition-")).build();
    }

    @Bean
    Step schedulerFlakyStep(JobRepository repository, PlatformTransactionManager transactions) {
        return new StepBuilder("flaky", repository)
                .tasklet((contribution, chunk) -> {
                    if (FAIL.get()) {
                        throw new IllegalStateException("failing as the test asked");
                    }
                    CountDownLatch hold = HOLD.get();
                    if (hold != null && !hold.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("held longer than a minute");
                    }
                    return RepeatStatus.FINISHED;
                }, transactions).build();
    }

    /** Starts one node on {@code db}, with {@code extra} properties. */
    public static ConfigurableApplicationContext node(TestDatabase db, Map<String, Object> extra) {
        return node(db.springProperties(), extra);
    }

    /** Starts one node on the database {@code database} (its Spring properties) points at, with {@code extra}. */
    public static ConfigurableApplicationContext node(Map<String, String> database, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(database);
        p.put("spring.flyway.enabled", "false");
        p.put("spring.batch.jdbc.initialize-schema", "never");
        p.put("spring.batch.job.enabled", "false");
        // as the hub's application.yml: launches on several nodes at once must not fail on serialisation
        p.put("spring.batch.jdbc.isolation-level-for-create", "read-committed");
        p.put("spring.main.banner-mode", "off");
        p.put("jincai.scheduler.payroll-job", JOB);
        p.put("jincai.scheduler.cluster-checkin-interval", "1s");
        // a node looks for due triggers every second (Quartz waits 30 s by default when idle)
        p.put("spring.quartz.properties.org.quartz.scheduler.idleWaitTime", "1000");
        p.putAll(extra);
        return new SpringApplicationBuilder(SchedulerTestApplication.class).web(WebApplicationType.NONE)
                .properties(p).run();
    }

    /** Starts {@code job} on {@code node} with {@code parameters}, as an operator's launch does. */
    public static JobExecution start(ConfigurableApplicationContext node, String job, JobParameters parameters) {
        try {
            return node.getBean(JobOperator.class).start(node.getBean(JobRegistry.class).getJob(job), parameters);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A job's parameters naming one month. */
    public static JobParameters monthParameters(String month) {
        return new JobParametersBuilder().addString("month", month).toJobParameters();
    }
}
