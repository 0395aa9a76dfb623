package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.jobs.JobExecutions;
import org.jincai.scheduler.jobs.JobOperations;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Job operations on a real JobRepository: executions listed with their parameters, status, progress and counts; a
 * failed execution restarted by id (audited) answers at once with the new
 * execution, which runs in the background to its end; a stop of one not running is refused with its code.
 */
class JobOperationsTest {

    @Test
    void executionsAreListedAndAFailedOneRestarts() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext node = SchedulerTestApplication.node(db,
                     Map.of("spring.quartz.auto-startup", "false"))) {
            JobOperator operator = node.getBean(JobOperator.class);
            JobRegistry registry = node.getBean(JobRegistry.class);
            operator.start(registry.getJob(SchedulerTestApplication.JOB),
                    new JobParametersBuilder().addString("agency", "301001").toJobParameters());
            SchedulerTestApplication.FAIL.set(true);
            JobExecution failed = operator.start(registry.getJob(SchedulerTestApplication.FLAKY),
                    new JobParametersBuilder().addString("month", "2027-01").toJobParameters());
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

            List<JobExecutionView> list = node.getBean(JobExecutions.class).list(null, 10);
            assertThat(list).hasSize(2);
            assertThat(list.get(0).job()).isEqualTo(SchedulerTestApplication.FLAKY);
            assertThat(list.get(0).status()).isEqualTo("FAILED");
            assertThat(list.get(1).parameters()).containsEntry("agency", "301001");
            assertThat(list.get(1).status()).isEqualTo("COMPLETED");
            assertThat(list.get(1).progress()).isEqualTo("1/1 step(s)");
            assertThat(list.get(1).read()).isEqualTo(1);
            assertThat(list.get(1).written()).isEqualTo(1);

            JobOperations ops = node.getBean(JobOperations.class);
            SchedulerTestApplication.FAIL.set(false);
            CountDownLatch hold = new CountDownLatch(1);
            SchedulerTestApplication.HOLD.set(hold);
            JobExecution restarted = ops.restart(failed.getId(), "operator", AuditEntry.Channel.CLI);
            assertThat(restarted.getId()).isNotEqualTo(failed.getId());
            assertThat(restarted.getStatus()).as("answered before the job ends")
                    .isIn(BatchStatus.STARTING, BatchStatus.STARTED);
            JobExecutions executions = node.getBean(JobExecutions.class);
            assertThat(Waits.until(Duration.ofSeconds(10), () -> executions.get(restarted.getId())
                    .map(v -> v.status().equals("STARTED")).orElse(false))).as("running in the background").isTrue();
            hold.countDown();
            assertThat(Waits.until(Duration.ofSeconds(30), () -> executions.get(restarted.getId())
                    .map(v -> v.status().equals("COMPLETED")).orElse(false))).isTrue();
            assertThat(executions.get(999_999)).isEmpty();
            assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'JOB_RESTARTED' AND object_id = '"
                    + failed.getId() + "'")).isEqualTo(1);
            assertThatThrownBy(() -> ops.restart(restarted.getId(), "operator", AuditEntry.Channel.CLI))
                    .isInstanceOf(SchedulerException.class);
            assertThatThrownBy(() -> ops.stop(restarted.getId(), "operator", AuditEntry.Channel.CLI))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.code()).isEqualTo("JOB_NOT_RUNNING"));
            assertThatThrownBy(() -> ops.stop(999_999, "operator", AuditEntry.Channel.CLI))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.code()).isEqualTo("JOB_EXECUTION_NOT_FOUND"));
        } finally {
            SchedulerTestApplication.FAIL.set(false);
            SchedulerTestApplication.HOLD.set(null);
        }
    }
}
