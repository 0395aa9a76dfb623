package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Map;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.calendar.CalendarFile;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.schedule.PayrollRequest;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A calendar import takes effect in a running node, without a restart: the hub's calendar (the bean the releases, the
 * risk rules and the reconciliation hold) and a disbursement's due date move off a day the import made a holiday —
 * at once when this node imported it, within {@code calendar-refresh} when another process did (the one-shot
 * {@code jincai calendar import}, another node).
 */
class CalendarImportTakesEffectTest {

    static final LocalDate WEDNESDAY = LocalDate.of(2028, 3, 1);

    @TempDir
    Path dir;

    private static CalendarFile file(String... holidays) throws Exception {
        StringBuilder csv = new StringBuilder("date,kind,note\n");
        for (String h : holidays) {
            csv.append(h).append(",HOLIDAY,a test holiday\n");
        }
        return CalendarFile.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void anImportMovesReleaseAndDueDatesWithoutARestart() throws Exception {
        Path payroll = Files.writeString(dir.resolve("payroll-2028-02.csv"), "the payroll job reads this\n");
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext node = SchedulerTestApplication.node(db,
                     Map.of("jincai.scheduler.calendar-refresh", "300ms", "spring.quartz.auto-startup", "false"))) {
            BankCalendar hub = node.getBean(BankCalendar.class);
            CalendarStore store = node.getBean(CalendarStore.class);
            ScheduleService schedules = node.getBean(ScheduleService.class);
            LocalDateTime due = WEDNESDAY.atTime(10, 0);
            assertThat(hub.isBusinessDay(WEDNESDAY)).isTrue();
            assertThat(hub.onOrAfter(WEDNESDAY)).isEqualTo(WEDNESDAY);
            Schedule before = schedules.schedulePayroll(new PayrollRequest(payroll, "101001", YearMonth.of(2028, 2),
                    due, null), "operator", AuditEntry.Channel.CLI);
            assertThat(before.runAt()).isEqualTo(due);

            store.importFile(file(WEDNESDAY.toString()), CalendarStore.Arrangement.PUBLISHED, "test.csv", "operator",
                    AuditEntry.Channel.CLI);

            assertThat(hub.isBusinessDay(WEDNESDAY)).as("at once, on the node that imported").isFalse();
            assertThat(hub.onOrAfter(WEDNESDAY)).isEqualTo(WEDNESDAY.plusDays(1));
            assertThat(hub.covers(2028)).isTrue();
            Schedule after = schedules.schedulePayroll(new PayrollRequest(payroll, "101002", YearMonth.of(2028, 2),
                    due, null), "operator", AuditEntry.Channel.CLI);
            assertThat(after.runAt()).isEqualTo(due.plusDays(1));
            assertThat(after.movedBecause()).contains(WEDNESDAY.toString());

            // another process (the one-shot command) imports into the same tables: this node's store is not told
            CalendarStore elsewhere = new CalendarStore(db.jdbc(), db.tx(),
                    new AuditTrail(db.jdbc(), db.tx(), Clock.systemUTC()), Clock.systemUTC());
            elsewhere.importFile(file(WEDNESDAY.toString(), WEDNESDAY.plusDays(1).toString()),
                    CalendarStore.Arrangement.PUBLISHED, "test-2.csv", "operator", AuditEntry.Channel.CLI);

            assertThat(Waits.until(Duration.ofSeconds(10), () -> !hub.isBusinessDay(WEDNESDAY.plusDays(1))))
                    .as("within the refresh").isTrue();
            assertThat(hub.onOrAfter(WEDNESDAY)).isEqualTo(WEDNESDAY.plusDays(2));
        }
    }
}
