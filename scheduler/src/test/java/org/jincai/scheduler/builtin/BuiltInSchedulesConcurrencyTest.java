package org.jincai.scheduler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.SchedulerTestApplication;
import org.jincai.scheduler.launch.ScheduleData;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes starting at once on one database register the same built-in schedules at the same moment: both
 * registrations succeed, and the store holds each schedule once, whole (its job, its trigger and the trigger's cron
 * row). Two threads stand for the two nodes, each registering through the store of the hub's own database (H2, or
 * PostgreSQL in CI), released together by a barrier, {@value #ROUNDS} times over an empty store. Before the
 * registration ran in a transaction, most rounds failed on PostgreSQL: both threads inserted the same job
 * ({@code duplicate key value violates unique constraint "qrtz_job_details_pkey"}), or one read the other's trigger
 * half written ({@code No record found for selection of Trigger}); CI saw it as a node of PayrollTwoNodesTest that
 * did not start.
 */
class BuiltInSchedulesConcurrencyTest {

    static final int ROUNDS = 30;
    static final int SCHEDULES = 6;

    @Test
    void twoNodesRegisteringAtOnceBothSucceedAndEachScheduleIsStoredOnce() throws Exception {
        Map<String, BuiltInScheduleProperties.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < SCHEDULES; i++) {
            entries.put("daily-" + i, new BuiltInScheduleProperties.Entry("0 " + i + " 18 ? * MON-FRI", null,
                    "reconcile", null, Map.of("n", Integer.toString(i)), true, false, true));
        }
        BuiltInScheduleProperties properties = new BuiltInScheduleProperties(entries);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext node = SchedulerTestApplication.node(db,
                     Map.of("spring.quartz.auto-startup", "false"))) {
            Scheduler scheduler = node.getBean(Scheduler.class);
            TransactionTemplate tx = node.getBean(TransactionTemplate.class);
            for (int round = 0; round < ROUNDS; round++) {
                for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleData.BUILTIN_GROUP))) {
                    scheduler.deleteJob(key);
                }
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> registrations = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    BuiltInSchedules schedules = new BuiltInSchedules(scheduler, properties,
                            node.getBeanProvider(BankDirectory.class), tx);
                    registrations.add(nodes.submit(() -> {
                        together.await();
                        schedules.register();
                        return null;
                    }));
                }
                for (Future<?> registration : registrations) {
                    registration.get(); // a node's failure fails the test with its cause
                }
                assertThat(db.count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = '"
                        + ScheduleData.BUILTIN_GROUP + "'")).as("round %d", round).isEqualTo(SCHEDULES);
                assertThat(db.count("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_GROUP = '"
                        + ScheduleData.BUILTIN_GROUP + "'")).as("round %d", round).isEqualTo(SCHEDULES);
            }
            for (int i = 0; i < SCHEDULES; i++) {
                CronTrigger trigger = (CronTrigger) scheduler.getTrigger(
                        TriggerKey.triggerKey("daily-" + i, ScheduleData.BUILTIN_GROUP));
                assertThat(trigger.getCronExpression()).isEqualTo("0 " + i + " 18 ? * MON-FRI");
                assertThat(ScheduleData.parameters(scheduler.getJobDetail(trigger.getJobKey()).getJobDataMap()))
                        .containsEntry("n", Integer.toString(i));
            }
        } finally {
            nodes.shutdownNow();
        }
    }
}
