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
 * Two scheduler nodes — two application contexts, each with its own Quartz scheduler and threads, on one PostgreSQL
 * database — fire each trigger exactly once: ten schedules due at the same second launch ten job executions, not
 * twenty, and both nodes are checked in to the cluster. Runs when JINCAI_TEST_DB=postgres (CI's PostgreSQL rerun).
 */
class ClusterFiresOnceTest {

    @TempDir
    Path dir;

    @Test
    void twoNodesOnOneDatabaseFireEachTriggerOnce() throws Exception {
        assumeTrue(TestDatabase.postgresRequested(),
                "two clustered nodes need a shared server database: run with JINCAI_TEST_DB=postgres");
        Path file = Files.writeString(dir.resolve("payroll.csv"), "payroll\n");
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext a = SchedulerTestApplication.node(db, Map.of());
             ConfigurableApplicationContext b = SchedulerTestApplication.node(db, Map.of())) {
            TodayWorking.make(a.getBean(CalendarStore.class));
            assertThat(db.count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE")).as("two nodes checked in").isEqualTo(2);
            LocalDateTime at = LocalDateTime.now(BankProfile.ZONE).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ScheduleService via = (i % 2 == 0 ? a : b).getBean(ScheduleService.class);
                ids.add(via.schedulePayroll(new PayrollRequest(file, "2020" + i, YearMonth.of(2027, 1), at, null),
                        "operator", AuditEntry.Channel.REST).id());
            }
            assertThat(Waits.until(Duration.ofSeconds(60), () -> db.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")
                    == 10)).isTrue();
            Thread.sleep(3000);
            assertThat(db.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("each trigger fired once").isEqualTo(10);
            assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'SCHEDULE_FIRED'")).isEqualTo(10);
            for (String id : ids) {
                assertThat(a.getBean(ScheduleService.class).get(id).state()).isEqualTo("FIRED");
            }
        }
    }
}
