package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.scheduler.SchedulerTestApplication.monthParameters;
import static org.jincai.scheduler.SchedulerTestApplication.start;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.jincai.scheduler.recovery.ExecutionSweep;
import org.jincai.scheduler.recovery.RunningSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One node on H2: the periodic sweep takes over an execution launched without a schedule (as REST does) whose node
 * no longer checks in — marked FAILED naming the lost node, restarted here to completion, audited
 * {@code EXECUTION_TAKEN_OVER}, shown as the node's last takeover — and only marks one an operator had asked to stop.
 * It leaves alone an execution running on this node, one with no node recorded (a one-shot command's), one a live
 * node has claimed, and one with a step (a partition) still running on a live node until that step ends; it takes
 * over one whose claimant was lost in turn; a last sweep finds nothing.
 */
class ExecutionSweepTest {

    @AfterEach
    void release() {
        SchedulerTestApplication.HOLD.set(null);
    }

    @Test
    void executionsOfLostNodesAreTakenOverOnceWhateverLaunchedThem() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext node = SchedulerTestApplication.node(db,
                     Map.of("jincai.scheduler.execution-sweep", "1h"))) {
            ExecutionSweep sweep = node.getBean(ExecutionSweep.class);
            ExecutionNodes nodes = node.getBean(ExecutionNodes.class);
            JobRepository repository = node.getBean(JobRepository.class);
            JdbcTemplate jdbc = db.jdbc().getJdbcTemplate();
            String here = node.getBean(Scheduler.class).getSchedulerInstanceId();
            long now = System.currentTimeMillis();
            jdbc.update("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, LAST_CHECKIN_TIME, "
                    + "CHECKIN_INTERVAL) VALUES ('jincai', 'node-alive', ?, 3600000)", now);

            // running here, launched directly: its node is alive
            CountDownLatch hold = new CountDownLatch(1);
            SchedulerTestApplication.HOLD.set(hold);
            CompletableFuture<JobExecution> live = CompletableFuture.supplyAsync(() ->
                    start(node, SchedulerTestApplication.FLAKY, monthParameters("live")));
            RunningSteps steps = node.getBean(RunningSteps.class);
            assertThat(Waits.until(Duration.ofSeconds(20), () -> steps.count() == 1)).isTrue();

            JobExecution lost = stale(repository, "lost", BatchStatus.STARTED);
            record(jdbc, lost, "node-lost", null, null);
            JobExecution stopping = stale(repository, "stopping", BatchStatus.STOPPING);
            record(jdbc, stopping, "node-lost", null, null);
            JobExecution oneShot = stale(repository, "one-shot", BatchStatus.STARTED);
            JobExecution claimedAlive = stale(repository, "claimed-alive", BatchStatus.STARTED);
            record(jdbc, claimedAlive, "node-lost", "node-alive", "r9");
            JobExecution claimedLost = stale(repository, "claimed-lost", BatchStatus.STARTED);
            record(jdbc, claimedLost, "node-lost", "node-gone", "r8");
            // a partition of it still running on a live node's worker: the takeover waits for it to end
            JobExecution partitioned = stale(repository, "partitioned", BatchStatus.STARTED);
            record(jdbc, partitioned, "node-lost", null, null);
            long partition = jdbc.queryForObject("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE "
                    + "JOB_EXECUTION_ID = ?", Long.class, partitioned.getId());
            jdbc.update("INSERT INTO batch_step_node (step_execution_id, job_execution_id, scheduler_instance, "
                    + "node_run, recorded_at) VALUES (?, ?, 'node-alive', 'r1', CURRENT_TIMESTAMP)", partition,
                    partitioned.getId());

            List<ExecutionSweep.Takeover> taken = sweep.sweep();
            assertThat(taken).extracting(ExecutionSweep.Takeover::executionId)
                    .containsExactly(lost.getId(), stopping.getId(), claimedLost.getId());
            assertThat(taken).extracting(ExecutionSweep.Takeover::lostNode)
                    .containsExactly("node-lost", "node-lost", "node-gone");

            JobExecution failed = repository.getJobExecution(lost.getId());
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getEndTime()).isNotNull();
            assertThat(failed.getExitStatus().getExitDescription()).contains("node node-lost lost, recovered by " + here);
            assertThat(failed.getStepExecutions()).singleElement()
                    .satisfies(s -> assertThat(s.getStatus()).isEqualTo(BatchStatus.FAILED));
            List<JobExecution> lostRuns = repository.getJobExecutions(lost.getJobInstance());
            assertThat(lostRuns).hasSize(2);
            JobExecution restarted = lostRuns.stream().filter(e -> e.getId() != lost.getId()).findFirst()
                    .orElseThrow();
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(nodes.nodeOf(restarted.getId()).orElseThrow().instance()).isEqualTo(here);
            assertThat(taken.get(0).outcome()).contains("restarted as execution " + restarted.getId(), "COMPLETED");

            assertThat(repository.getJobExecution(stopping.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(repository.getJobExecutions(stopping.getJobInstance())).as("asked to stop: not restarted")
                    .hasSize(1);
            assertThat(repository.getJobExecution(oneShot.getId()).getStatus()).as("no node recorded: left alone")
                    .isEqualTo(BatchStatus.STARTED);
            assertThat(repository.getJobExecution(claimedAlive.getId()).getStatus()).as("claimed by a live node")
                    .isEqualTo(BatchStatus.STARTED);
            assertThat(repository.getJobExecution(claimedLost.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(repository.getJobExecutions(claimedLost.getJobInstance())).hasSize(2)
                    .allSatisfy(e -> assertThat(e.getStatus()).isIn(BatchStatus.FAILED, BatchStatus.COMPLETED));
            assertThat(jdbc.queryForObject("SELECT taken_over_by FROM batch_execution_node WHERE job_execution_id = ?",
                    String.class, claimedLost.getId())).isEqualTo(here);

            assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'EXECUTION_TAKEN_OVER' "
                    + "AND channel = 'SYSTEM' AND object_type = 'JOB_EXECUTION'")).isEqualTo(3);

            assertThat(repository.getJobExecution(partitioned.getId()).getStatus())
                    .as("a step still running on a live node: left until it ends").isEqualTo(BatchStatus.STARTED);
            assertThat(sweep.sweep()).as("nothing more to take over while that step runs").isEmpty();

            jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'COMPLETED', EXIT_CODE = 'COMPLETED' "
                    + "WHERE STEP_EXECUTION_ID = ?", partition);
            assertThat(sweep.sweep()).extracting(ExecutionSweep.Takeover::executionId)
                    .as("its live node's step ended: taken over").containsExactly(partitioned.getId());
            assertThat(repository.getJobExecution(partitioned.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(repository.getJobExecutions(partitioned.getJobInstance())).hasSize(2);
            assertThat(sweep.sweep()).as("nothing left to take over").isEmpty();
            hold.countDown();
            assertThat(live.get(20, TimeUnit.SECONDS).getStatus()).as("the live node's execution ran on")
                    .isEqualTo(BatchStatus.COMPLETED);
            assertThat(repository.getJobExecutions(live.get().getJobInstance())).hasSize(1);
            assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'EXECUTION_TAKEN_OVER'"))
                    .isEqualTo(4);
            assertThat(sweep.lastTakeover()).hasValueSatisfying(t -> assertThat(t.executionId())
                    .isEqualTo(partitioned.getId()));
        }
    }

    /** An execution of {@value SchedulerTestApplication#JOB} left {@code status} with its step STARTED. */
    private static JobExecution stale(JobRepository repository, String month, BatchStatus status) throws Exception {
        JobParameters params = monthParameters(month);
        JobInstance instance = repository.createJobInstance(SchedulerTestApplication.JOB, params);
        JobExecution e = repository.createJobExecution(instance, params, new ExecutionContext());
        e.setStatus(status);
        e.setStartTime(LocalDateTime.now());
        repository.update(e);
        StepExecution step = repository.createStepExecution("count", e);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(LocalDateTime.now());
        repository.update(step);
        return e;
    }

    private static void record(JdbcTemplate jdbc, JobExecution e, String instance, String claimant, String run) {
        jdbc.update("INSERT INTO batch_execution_node (job_execution_id, scheduler_instance, node_run, "
                + "recorded_at, taken_over_by, taken_over_run) VALUES (?, ?, 'r1', CURRENT_TIMESTAMP, ?, ?)",
                e.getId(), instance, claimant, run);
    }
}
