package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.schedule.PayrollRequest;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Operator schedules on a real database (H2, or PostgreSQL with JINCAI_TEST_DB=postgres) with real Quartz nodes: one
 * set a few seconds ahead fires once; one made before a restart fires once on the node started after it; one whose
 * time passed while no node ran is a misfire, audited and fired; one on a holiday moves to the next working day
 * (2027: with the warning that only its statutory dates are known) or is refused by policy.
 */
class ScheduleLifecycleTest {

    static TestDatabase db;
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.create();
        file = Files.writeString(dir.resolve("payroll-2027-01.csv"), "the payroll job reads this\n");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static PayrollRequest payroll(String agency, LocalDateTime at) {
        return new PayrollRequest(file, agency, YearMonth.of(2027, 1), at, null);
    }

    private static int executions(String agency) {
        return db.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'agency'"
                + " AND PARAMETER_VALUE = '" + agency + "'");
    }

    private static int audited(String action, String id) {
        return db.count("SELECT COUNT(*) FROM audit_record WHERE action = '" + action + "' AND object_id = '" + id + "'");
    }

    private static LocalDateTime inSeconds(int seconds) {
        return LocalDateTime.now(BankProfile.ZONE).plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aScheduleSetSecondsAheadFiresOnce() throws Exception {
        try (ConfigurableApplicationContext node = SchedulerTestApplication.node(db, Map.of())) {
            TodayWorking.make(node.getBean(CalendarStore.class));
            ScheduleService schedules = node.getBean(ScheduleService.class);
            Schedule s = schedules.schedulePayroll(payroll("101001", inSeconds(3)), "operator", AuditEntry.Channel.CLI);
            assertThat(s.state()).isEqualTo("WAITING");
            assertThat(s.movedBecause()).isNull();
            assertThat(Waits.until(Duration.ofSeconds(30), () -> "FIRED".equals(schedules.get(s.id()).state())))
                    .as("fired").isTrue();
            Thread.sleep(2000);
            assertThat(executions("101001")).isEqualTo(1);
            Schedule fired = schedules.get(s.id());
            assertThat(fired.executionId()).isNotNull();
            assertThat(fired.outcome()).startsWith("COMPLETED");
            assertThat(fired.parameters()).containsEntry("agency", "101001").containsEntry("month", "2027-01");
            assertThat(audited("SCHEDULE_CREATED", s.id())).isEqualTo(1);
            assertThat(audited("SCHEDULE_FIRED", s.id())).isEqualTo(1);
            assertThatThrownBy(() -> schedules.cancel(s.id(), "operator", AuditEntry.Channel.CLI, "late"))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.code()).isEqualTo("SCHEDULE_NOT_CANCELLABLE"));
        }
    }

    @Test
    void aScheduleMadeBeforeARestartFiresOnceAfterIt() throws Exception {
        String id;
        try (ConfigurableApplicationContext first = SchedulerTestApplication.node(db, Map.of())) {
            TodayWorking.make(first.getBean(CalendarStore.class));
            id = first.getBean(ScheduleService.class)
                    .schedulePayroll(payroll("101002", inSeconds(8)), "operator", AuditEntry.Channel.REST).id();
        }
        assertThat(executions("101002")).as("nothing fired before the restart").isZero();
        try (ConfigurableApplicationContext second = SchedulerTestApplication.node(db, Map.of())) {
            ScheduleService schedules = second.getBean(ScheduleService.class);
            assertThat(schedules.get(id).state()).as("kept in the job store").isEqualTo("WAITING");
            assertThat(Waits.until(Duration.ofSeconds(40), () -> executions("101002") == 1)).isTrue();
            Thread.sleep(2000);
            assertThat(executions("101002")).isEqualTo(1);
            assertThat(audited("SCHEDULE_MISFIRED", id)).isZero();
        }
    }

    @Test
    void aScheduleMissedWhileNoNodeRanIsAuditedAndFiredWhenOneStarts() throws Exception {
        String id;
        Map<String, Object> quickMisfire = Map.of("jincai.scheduler.misfire-threshold", "1s");
        try (ConfigurableApplicationContext first = SchedulerTestApplication.node(db, quickMisfire)) {
            TodayWorking.make(first.getBean(CalendarStore.class));
            id = first.getBean(ScheduleService.class)
                    .schedulePayroll(payroll("101003", inSeconds(2)), "operator", AuditEntry.Channel.CLI).id();
        }
        Thread.sleep(4000);
        try (ConfigurableApplicationContext second = SchedulerTestApplication.node(db, quickMisfire)) {
            assertThat(Waits.until(Duration.ofSeconds(40), () -> executions("101003") == 1)).isTrue();
            assertThat(Waits.until(Duration.ofSeconds(10), () -> audited("SCHEDULE_FIRED", id) == 1)).isTrue();
            assertThat(audited("SCHEDULE_MISFIRED", id)).as("never silent").isEqualTo(1);
            assertThat(executions("101003")).isEqualTo(1);
        }
    }

    @Test
    void underTheNextWorkingDayPolicyAMissedScheduleMovesInsteadOfFiring() throws Exception {
        String id;
        Map<String, Object> policy = Map.of("jincai.scheduler.misfire-threshold", "1s",
                "jincai.scheduler.misfire", "NEXT_WORKING_DAY");
        try (ConfigurableApplicationContext first = SchedulerTestApplication.node(db, policy)) {
            TodayWorking.make(first.getBean(CalendarStore.class));
            id = first.getBean(ScheduleService.class)
                    .schedulePayroll(payroll("101006", inSeconds(2)), "operator", AuditEntry.Channel.CLI).id();
        }
        Thread.sleep(4000);
        try (ConfigurableApplicationContext second = SchedulerTestApplication.node(db, policy)) {
            assertThat(Waits.until(Duration.ofSeconds(40), () -> audited("SCHEDULE_MOVED", id) == 1)).isTrue();
            assertThat(audited("SCHEDULE_MISFIRED", id)).isEqualTo(1);
            ScheduleService schedules = second.getBean(ScheduleService.class);
            // the schedule's data is stored when its firing ends, just after the audit record
            assertThat(Waits.until(Duration.ofSeconds(10), () -> schedules.get(id).movedBecause() != null)).isTrue();
            assertThat(executions("101006")).as("not fired today").isZero();
            Schedule moved = schedules.get(id);
            assertThat(moved.state()).isEqualTo("WAITING");
            assertThat(moved.runAt().toLocalDate()).isAfter(LocalDateTime.now(BankProfile.ZONE).toLocalDate());
            assertThat(moved.movedBecause()).contains("NEXT_WORKING_DAY");
        }
    }

    @Test
    void aBuiltInScheduleFromConfigurationFiresEachRunAsItsOwnInstanceAndGoesWhenRemoved() throws Exception {
        Map<String, Object> tick = Map.of("jincai.schedules.tick.cron", "0/2 * * * * ?",
                "jincai.schedules.tick.job", SchedulerTestApplication.JOB,
                "jincai.schedules.tick.parameters.agency", "BUILTIN");
        try (ConfigurableApplicationContext node = SchedulerTestApplication.node(db, tick)) {
            assertThat(Waits.until(Duration.ofSeconds(30), () -> executions("BUILTIN") >= 2)).as("two runs").isTrue();
            ScheduleService schedules = node.getBean(ScheduleService.class);
            assertThat(schedules.list()).filteredOn(s -> s.id().equals("tick")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.kind()).isEqualTo("BUILTIN");
                        assertThat(s.state()).as("waiting, or running its run of the moment").isIn("WAITING", "RUNNING");
                        assertThat(s.target()).isEqualTo("job:" + SchedulerTestApplication.JOB);
                    });
            assertThatThrownBy(() -> schedules.pause("tick", "operator", AuditEntry.Channel.CLI))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.code()).isEqualTo("SCHEDULE_BUILTIN"));
        }
        try (ConfigurableApplicationContext node = SchedulerTestApplication.node(db,
                Map.of("spring.quartz.auto-startup", "false"))) {
            assertThat(node.getBean(ScheduleService.class).list()).extracting(Schedule::id).doesNotContain("tick");
        }
    }

    @Test
    void aScheduleOnAHolidayMovesToTheNextWorkingDayOrIsRefused() {
        try (ConfigurableApplicationContext node = SchedulerTestApplication.node(db, Map.of())) {
            ScheduleService schedules = node.getBean(ScheduleService.class);
            // 2027-02-05 to 02-08: Spring Festival (statutory dates), 02-06/07 a weekend: the next working day is 02-09
            Schedule s = schedules.schedulePayroll(payroll("101004", LocalDateTime.of(2027, 2, 5, 10, 0)), "operator",
                    AuditEntry.Channel.CLI);
            assertThat(s.runAt()).isEqualTo(LocalDateTime.of(2027, 2, 9, 10, 0));
            assertThat(s.movedBecause()).contains("2027-02-05");
            assertThat(s.warnings()).anyMatch(w -> w.startsWith("CALENDAR_NOT_PUBLISHED"));
            assertThat(schedules.list()).extracting(Schedule::id).contains(s.id());
            Schedule paused = schedules.pause(s.id(), "operator", AuditEntry.Channel.CLI);
            assertThat(paused.state()).isEqualTo("PAUSED");
            assertThat(schedules.resume(s.id(), "operator", AuditEntry.Channel.CLI).state()).isEqualTo("WAITING");
            assertThat(schedules.cancel(s.id(), "operator", AuditEntry.Channel.CLI, "test").state())
                    .isEqualTo("CANCELLED");
            assertThatThrownBy(() -> schedules.get(s.id())).isInstanceOfSatisfying(SchedulerException.class,
                    e -> assertThat(e.code()).isEqualTo(ScheduleService.NOT_FOUND));
            for (String action : new String[] {"SCHEDULE_CREATED", "SCHEDULE_PAUSED", "SCHEDULE_RESUMED",
                    "SCHEDULE_CANCELLED"}) {
                assertThat(audited(action, s.id())).as(action).isEqualTo(1);
            }
        }
        try (ConfigurableApplicationContext refusing = SchedulerTestApplication.node(db,
                Map.of("jincai.scheduler.non-working-day", "REFUSE"))) {
            assertThatThrownBy(() -> refusing.getBean(ScheduleService.class).schedulePayroll(
                    payroll("101005", LocalDateTime.of(2027, 10, 1, 10, 0)), "operator", AuditEntry.Channel.CLI))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.code()).isEqualTo("SCHEDULE_NOT_WORKING_DAY"));
            assertThatThrownBy(() -> refusing.getBean(ScheduleService.class).schedulePayroll(
                    payroll("101005", LocalDateTime.of(2020, 1, 6, 10, 0)), "operator", AuditEntry.Channel.CLI))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.code()).isEqualTo(ScheduleService.IN_PAST));
        }
    }
}
