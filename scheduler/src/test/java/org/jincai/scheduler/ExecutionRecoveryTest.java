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
import org.jincai.scheduler.recovery.ExecutionRecovery;
import org.jincai.scheduler.recovery.Firing;
import org.jincai.scheduler.recovery.RunningSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node on a real database: a job execution started under a schedule's firing is recorded with this node's Quartz
 * instance and its step is listed as running here while it runs, as are a partitioned step and its two worker
 * partitions; recovering that firing while its node (this one) is alive leaves it alone, while this node's previous
 * run (a restart under the same name) counts as lost. An execution left STARTED by a node that no longer checks in is
 * marked FAILED (its running step too, with an end time and the lost node named) and restarted here to completion,
 * and recovering the same firing again finds nothing to do; one an operator had asked to stop is only marked.
 */
class ExecutionRecoveryTest {

    @AfterEach
    void release() {
        SchedulerTestApplication.HOLD.set(null);
    }

    @Test
    void aLiveNodesExecutionIsLeftAloneALostNodesIsResumed() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext node = SchedulerTestApplication.node(db, Map.of())) {
            ExecutionNodes nodes = node.getBean(ExecutionNodes.class);
            ExecutionRecovery recovery = node.getBean(ExecutionRecovery.class);
            RunningSteps steps = node.getBean(RunningSteps.class);
            JobOperator operator = node.getBean(JobOperator.class);
            JobRepository repository = node.getBean(JobRepository.class);
            String here = node.getBean(Scheduler.class).getSchedulerInstanceId();
            assertThat(nodes.thisInstance()).contains(here);

            CountDownLatch hold = new CountDownLatch(1);
            SchedulerTestApplication.HOLD.set(hold);
            Firing held = new Firing("operator.S-HELD", 1_000L);
            CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> held.during(() ->
                    start(node, SchedulerTestApplication.FLAKY, monthParameters("held"))));
            assertThat(Waits.until(Duration.ofSeconds(20), () -> steps.count() == 1)).isTrue();
            List<Long> launched = nodes.launchedBy(held);
            assertThat(launched).hasSize(1);
            assertThat(steps.describe()).containsExactly(SchedulerTestApplication.FLAKY + "#" + launched.get(0) + "/flaky");
            ExecutionNodes.Node running = nodes.nodeOf(launched.get(0)).orElseThrow();
            assertThat(running.instance()).isEqualTo(here);
            assertThat(nodes.alive(running)).isTrue();
            assertThat(nodes.alive(new ExecutionNodes.Node(here, "an-earlier-run")))
                    .as("this node's previous run, before a restart under the same name").isFalse();
            ExecutionRecovery.Recovered alone = recovery.recover(held).orElseThrow();
            assertThat(alone.executionId()).isNull();
            assertThat(alone.outcome()).contains("on node " + here + ", alive: left alone");
            hold.countDown();
            assertThat(run.get(20, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(steps.count()).isZero();

            // a partitioned step and its two worker partitions, all running on this node
            CountDownLatch partitions = new CountDownLatch(1);
            SchedulerTestApplication.HOLD.set(partitions);
            CompletableFuture<JobExecution> split = CompletableFuture.supplyAsync(() ->
                    start(node, SchedulerTestApplication.PARTITIONED, monthParameters("split")));
            assertThat(Waits.until(Duration.ofSeconds(20), () -> steps.count() == 3)).as(steps.describe().toString())
                    .isTrue();
            assertThat(steps.describe()).allMatch(s -> s.startsWith(SchedulerTestApplication.PARTITIONED + "#"))
                    .anyMatch(s -> s.endsWith("/split")).anyMatch(s -> s.endsWith("/flaky:p0"))
                    .anyMatch(s -> s.endsWith("/flaky:p1"));
            partitions.countDown();
            assertThat(split.get(20, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(steps.count()).isZero();
            assertThat(recovery.recover(new Firing("operator.S-NEVER", 1_000L))).as("nothing launched").isEmpty();

            // an execution a lost node left STARTED, its step STARTED
            JobParameters params = monthParameters("lost");
            JobInstance instance = repository.createJobInstance(SchedulerTestApplication.FLAKY, params);
            JobExecution stale = repository.createJobExecution(instance, params, new ExecutionContext());
            stale.setStatus(BatchStatus.STARTED);
            stale.setStartTime(LocalDateTime.now());
            repository.update(stale);
            StepExecution staleStep = repository.createStepExecution("flaky", stale);
            staleStep.setStatus(BatchStatus.STARTED);
            staleStep.setStartTime(LocalDateTime.now());
            repository.update(staleStep);
            long now = System.currentTimeMillis();
            db.jdbc().getJdbcTemplate().update("INSERT INTO batch_execution_node (job_execution_id, scheduler_instance, "
                    + "node_run, schedule_key, scheduled_fire_time, recorded_at) VALUES (?, 'node-lost', 'r1', "
                    + "'builtin.nightly', ?, CURRENT_TIMESTAMP)", stale.getId(), 2_000L);
            db.jdbc().getJdbcTemplate().update("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, "
                    + "LAST_CHECKIN_TIME, CHECKIN_INTERVAL) VALUES ('jincai', 'node-silent', ?, 1000)", now - 60_000);
            assertThat(nodes.alive(new ExecutionNodes.Node("node-lost", "r1"))).isFalse();
            assertThat(nodes.alive(new ExecutionNodes.Node("node-silent", "r1")))
                    .as("checked in a minute ago, every second").isFalse();

            Firing nightly = new Firing("builtin.nightly", 2_000L);
            ExecutionRecovery.Recovered resumed = recovery.recover(nightly).orElseThrow();
            assertThat(resumed.outcome()).contains("marked FAILED (node node-lost lost, recovered by " + here + ")",
                    "COMPLETED");
            JobExecution failed = repository.getJobExecution(stale.getId());
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getEndTime()).isNotNull();
            assertThat(failed.getExitStatus().getExitDescription()).contains("node node-lost lost");
            StepExecution failedStep = failed.getStepExecutions().iterator().next();
            assertThat(failedStep.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failedStep.getEndTime()).isNotNull();
            JobExecution restarted = repository.getJobExecution(resumed.executionId());
            assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(nodes.nodeOf(restarted.getId()).orElseThrow().instance()).isEqualTo(here);
            assertThat(nodes.launchedBy(nightly)).containsExactly(stale.getId(), restarted.getId());

            assertThat(recovery.recover(nightly).orElseThrow().outcome()).contains("had ended COMPLETED",
                    "nothing to recover");

            // one an operator had asked to stop when its node was lost: marked, not restarted
            JobParameters stopParams = monthParameters("stopping");
            JobExecution stopping = repository.createJobExecution(
                    repository.createJobInstance(SchedulerTestApplication.FLAKY, stopParams), stopParams,
                    new ExecutionContext());
            stopping.setStatus(BatchStatus.STOPPING);
            stopping.setStartTime(LocalDateTime.now());
            repository.update(stopping);
            db.jdbc().getJdbcTemplate().update("INSERT INTO batch_execution_node (job_execution_id, scheduler_instance, "
                    + "node_run, schedule_key, scheduled_fire_time, recorded_at) VALUES (?, 'node-lost', 'r1', "
                    + "'operator.S-STOP', ?, CURRENT_TIMESTAMP)", stopping.getId(), 3_000L);
            ExecutionRecovery.Recovered stopped = recovery.recover(new Firing("operator.S-STOP", 3_000L)).orElseThrow();
            assertThat(stopped.executionId()).isEqualTo(stopping.getId());
            assertThat(stopped.outcome()).contains("asked to stop: not restarted");
            assertThat(repository.getJobExecution(stopping.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(repository.getJobExecutions(stopping.getJobInstance())).hasSize(1);
        }
    }
}
