package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.schedule.PayrollRequest;
import org.jincai.scheduler.schedule.ScheduleService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two scheduler nodes in two JVMs — this test's and a child process started from its classpath, each with its own
 * Quartz scheduler and threads, on one PostgreSQL database — fire each trigger exactly once: ten schedules due at the
 * same second launch ten job executions, not twenty, each run by one of the two processes (its id is in the step's
 * exit description), and both nodes are checked in to the cluster. Runs when JINCAI_TEST_DB=postgres (CI's PostgreSQL
 * rerun).
 */
class ClusterFiresOnceTest {

    @TempDir
    Path dir;

    @Test
    void twoProcessesOnOneDatabaseFireEachTriggerOnce() throws Exception {
        assumeTrue(TestDatabase.postgresRequested(),
                "two clustered nodes need a shared server database: run with JINCAI_TEST_DB=postgres");
        Path file = Files.writeString(dir.resolve("payroll.csv"), "payroll\n");
        long here = ProcessHandle.current().pid();
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext a = SchedulerTestApplication.node(db, Map.of());
             SchedulerNodeProcess b = SchedulerNodeProcess.start(db.springProperties(), dir.resolve("node-b.log"))) {
            TodayWorking.make(a.getBean(CalendarStore.class));
            assertThat(Waits.until(Duration.ofSeconds(90), () -> db.count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE")
                    == 2)).as("the child JVM checked in to the cluster (its log: node-b.log)").isTrue();
            assertThat(b.isAlive()).isTrue();
            LocalDateTime at = LocalDateTime.now(BankProfile.ZONE).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = new ArrayList<>();
            ScheduleService schedules = a.getBean(ScheduleService.class);
            for (int i = 0; i < 10; i++) {
                ids.add(schedules.schedulePayroll(new PayrollRequest(file, "2020" + i, YearMonth.of(2027, 1), at, null),
                        "operator", AuditEntry.Channel.REST).id());
            }
            assertThat(Waits.until(Duration.ofSeconds(60), () -> db.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")
                    == 10)).isTrue();
            Thread.sleep(3000);
            assertThat(db.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("each trigger fired once").isEqualTo(10);
            assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'SCHEDULE_FIRED'")).isEqualTo(10);
            for (String id : ids) {
                assertThat(schedules.get(id).state()).isEqualTo("FIRED");
            }
            Map<String, Integer> byProcess = new TreeMap<>();
            db.jdbc().getJdbcTemplate().query("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION", rs -> {
                byProcess.merge(rs.getString(1), 1, Integer::sum);
            });
            assertThat(byProcess.keySet()).as("run by these two processes: " + byProcess)
                    .isSubsetOf(SchedulerTestApplication.PID + here, SchedulerTestApplication.PID + b.pid());
        }
    }
}
