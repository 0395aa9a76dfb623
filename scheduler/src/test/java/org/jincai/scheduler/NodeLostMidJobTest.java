package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.recovery.ExecutionSweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduled job survives the loss of the node running it: node A (a child JVM) fires a recurring schedule of
 * {@value SchedulerTestApplication#SLOW} and is killed with SIGKILL mid-job; node B (this JVM) notices A no longer
 * checks in, recovers the firing (Quartz {@code requestsRecovery}), marks A's execution FAILED and restarts it, which
 * resumes from A's last commit: every number written once, A's execution FAILED naming the lost node, B's COMPLETED, one
 * job instance, the recovery audited. A job launched directly on A (as over REST: no schedule, nothing for Quartz to
 * recover) is taken over the same way by B's periodic sweep once A stops checking in: every number written once, the
 * takeover audited {@code EXECUTION_TAKEN_OVER}. Runs when JINCAI_TEST_DB=postgres (two JVMs need a server database).
 */
class NodeLostMidJobTest {

    @TempDir
    Path dir;

    @Test
    void aJobLaunchedDirectlyOnAKilledNodeIsTakenOverByTheSweepOnce() throws Exception {
        assumeTrue(TestDatabase.postgresRequested(),
                "two clustered nodes need a shared server database: run with JINCAI_TEST_DB=postgres");
        try (TestDatabase db = TestDatabase.create()) {
            db.jdbc().getJdbcTemplate().execute("CREATE TABLE " + SchedulerTestApplication.SLOW_TABLE
                    + " (item INTEGER NOT NULL PRIMARY KEY, pid NUMERIC(19) NOT NULL)");
            Map<String, String> nodeA = new HashMap<>(db.springProperties());
            nodeA.put(SchedulerNodeProcess.LAUNCH, SchedulerTestApplication.SLOW);
            try (SchedulerNodeProcess a = SchedulerNodeProcess.start(nodeA, dir.resolve("node-a.log"));
                 ConfigurableApplicationContext b = SchedulerTestApplication.node(db,
                         Map.of("jincai.scheduler.execution-sweep", "1s"))) {
                String instanceB = b.getBean(Scheduler.class).getSchedulerInstanceId();
                assertThat(Waits.until(Duration.ofSeconds(60), () -> db.count(
                        "SELECT COUNT(*) FROM " + SchedulerTestApplication.SLOW_TABLE) >= 4))
                        .as("node A runs the job it launched (its log: node-a.log)").isTrue();
                assertThat(db.count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE")).isEqualTo(2);
                killMidJobAndAwaitTheOtherNode(db, a, "B's sweep took the job over and completed it");
                List<Map<String, Object>> executions = db.jdbc().getJdbcTemplate().queryForList(
                        "SELECT e.STATUS, e.EXIT_MESSAGE, n.scheduler_instance, n.schedule_key, n.taken_over_by "
                                + "FROM BATCH_JOB_EXECUTION e JOIN batch_execution_node n "
                                + "ON n.job_execution_id = e.JOB_EXECUTION_ID ORDER BY e.JOB_EXECUTION_ID");
                assertThat(executions).hasSize(2);
                Map<String, Object> lost = executions.get(0);
                assertThat(lost.get("STATUS")).isEqualTo("FAILED");
                assertThat(lost.get("schedule_key")).as("launched directly").isNull();
                assertThat(lost.get("taken_over_by")).isEqualTo(instanceB);
                assertThat((String) lost.get("EXIT_MESSAGE"))
                        .contains("node " + lost.get("scheduler_instance") + " lost", "recovered by " + instanceB);
                assertThat(executions.get(1).get("STATUS")).isEqualTo("COMPLETED");
                assertThat(executions.get(1).get("scheduler_instance")).isEqualTo(instanceB);
                assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'EXECUTION_TAKEN_OVER'"))
                        .isEqualTo(1);
                assertThat(b.getBean(ExecutionSweep.class).lastTakeover()).isPresent();
            }
        }
    }

    @Test
    void aJobWhoseNodeIsKilledIsResumedOnTheOtherNodeOnce() throws Exception {
        assumeTrue(TestDatabase.postgresRequested(),
                "two clustered nodes need a shared server database: run with JINCAI_TEST_DB=postgres");
        Map<String, String> schedule = Map.of("jincai.schedules.slow.job", SchedulerTestApplication.SLOW,
                "jincai.schedules.slow.interval", "1h");
        try (TestDatabase db = TestDatabase.create()) {
            db.jdbc().getJdbcTemplate().execute("CREATE TABLE " + SchedulerTestApplication.SLOW_TABLE
                    + " (item INTEGER NOT NULL PRIMARY KEY, pid NUMERIC(19) NOT NULL)");
            Map<String, String> nodeA = new HashMap<>(db.springProperties());
            nodeA.putAll(schedule);
            Map<String, Object> nodeB = new HashMap<>(schedule);
            // B's scheduler starts once A runs the job: the schedule's first firing (due at once) is A's
            nodeB.put("spring.quartz.auto-startup", "false");
            try (SchedulerNodeProcess a = SchedulerNodeProcess.start(nodeA, dir.resolve("node-a.log"));
                 ConfigurableApplicationContext b = SchedulerTestApplication.node(db, nodeB)) {
                assertThat(Waits.until(Duration.ofSeconds(60), () -> db.count(
                        "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'") == 1))
                        .as("node A started the job (its log: node-a.log)").isTrue();
                Scheduler schedulerB = b.getBean(Scheduler.class);
                schedulerB.start();
                String instanceB = schedulerB.getSchedulerInstanceId();
                assertThat(Waits.until(Duration.ofSeconds(30), () -> db.count(
                        "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE") == 2)).isTrue();
                assertThat(Waits.until(Duration.ofSeconds(30), () -> db.count(
                        "SELECT COUNT(*) FROM " + SchedulerTestApplication.SLOW_TABLE) >= 4)).isTrue();
                killMidJobAndAwaitTheOtherNode(db, a, "B recovered the job and completed it");
                assertThat(db.count("SELECT SUM(WRITE_COUNT) FROM BATCH_STEP_EXECUTION"))
                        .isEqualTo(SchedulerTestApplication.SLOW_ITEMS);

                List<Map<String, Object>> executions = db.jdbc().getJdbcTemplate().queryForList(
                        "SELECT e.STATUS, e.EXIT_CODE, e.EXIT_MESSAGE, e.END_TIME, n.scheduler_instance "
                                + "FROM BATCH_JOB_EXECUTION e JOIN batch_execution_node n "
                                + "ON n.job_execution_id = e.JOB_EXECUTION_ID ORDER BY e.JOB_EXECUTION_ID");
                assertThat(executions).hasSize(2);
                Map<String, Object> lost = executions.get(0);
                assertThat(lost.get("STATUS")).isEqualTo("FAILED");
                assertThat(lost.get("END_TIME")).isNotNull();
                assertThat(lost.get("scheduler_instance")).isNotEqualTo(instanceB);
                assertThat((String) lost.get("EXIT_MESSAGE"))
                        .contains("node " + lost.get("scheduler_instance") + " lost", "recovered by " + instanceB);
                assertThat(executions.get(1).get("STATUS")).isEqualTo("COMPLETED");
                assertThat(executions.get(1).get("scheduler_instance")).isEqualTo(instanceB);
                assertThat(db.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'FAILED' "
                        + "AND END_TIME IS NOT NULL")).as("A's step marked FAILED too").isEqualTo(1);
                assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'SCHEDULE_RECOVERED'"))
                        .isEqualTo(1);
            }
        }
    }

    /**
     * Kills node A (this test's child JVM) while its job has written part of its items, then waits for this JVM's node
     * B to complete the job ({@code completedBy} says how): every item written once, B writing only what A had not
     * committed, one job instance.
     */
    private static void killMidJobAndAwaitTheOtherNode(TestDatabase db, SchedulerNodeProcess a, String completedBy)
            throws InterruptedException {
        a.kill();
        int byA = db.count("SELECT COUNT(*) FROM " + SchedulerTestApplication.SLOW_TABLE);
        assertThat(byA).as("A was killed mid-job").isLessThan(SchedulerTestApplication.SLOW_ITEMS);
        assertThat(Waits.until(Duration.ofSeconds(40), () -> db.count(
                "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'") == 1)).as(completedBy).isTrue();
        assertThat(db.count("SELECT COUNT(*) FROM " + SchedulerTestApplication.SLOW_TABLE))
                .as("every number written once").isEqualTo(SchedulerTestApplication.SLOW_ITEMS);
        assertThat(db.count("SELECT COUNT(*) FROM " + SchedulerTestApplication.SLOW_TABLE + " WHERE pid = "
                + ProcessHandle.current().pid())).as("B wrote only what A had not committed")
                .isEqualTo(SchedulerTestApplication.SLOW_ITEMS - byA);
        assertThat(db.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
    }
}
