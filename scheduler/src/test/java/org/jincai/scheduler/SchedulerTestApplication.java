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
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node of the hub's scheduler for tests: Spring Boot's Batch and Quartz on a {@link TestDatabase}, the scheduler's
 * configuration, and two test jobs — {@value #JOB} (takes file/agency/month like the payroll job; the payroll
 * schedules launch it) and {@value #FLAKY} (fails while {@link #FAIL} is set, to test restart; waits while {@link #HOLD} is set).
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
    Job schedulerFlakyJob(JobRepository repository, PlatformTransactionManager transactions) {
        return new JobBuilder(FLAKY, repository).start(new StepBuilder("flaky", repository)
                .tasklet((contribution, chunk) -> {
                    if (FAIL.get()) {
                        throw new IllegalStateException("failing as the test asked");
                    }
                    CountDownLatch hold = HOLD.get();
                    if (hold != null && !hold.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("held longer than a minute");
                    }
                    return RepeatStatus.FINISHED;
                }, transactions).build()).build();
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
}
