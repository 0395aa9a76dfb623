package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.testing.TestDatabase;
import org.jincai.scheduler.SchedulerProperties.NonWorkingDay;
import org.jincai.scheduler.calendar.CalendarFile;
import org.jincai.scheduler.calendar.CalendarImportException;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.schedule.DueDates;
import org.junit.jupiter.api.Test;

/**
 * The calendar as data: seeded by the migrations (2026 published, 2027 statutory with its warning), a file refused
 * whole with every bad line, an import replacing its year (audited), and due dates placed on it with a bank's cut-off.
 */
class CalendarStoreTest {

    @Test
    void theSeededCalendarAndAnImport() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            CalendarStore store = new CalendarStore(db.jdbc(), db.tx(),
                    new AuditTrail(db.jdbc(), db.tx(), Clock.systemUTC()), Clock.systemUTC());
            BankCalendar seeded = store.calendar();
            assertThat(seeded.isBusinessDay(LocalDate.of(2026, 10, 8))).isTrue();
            assertThat(seeded.isBusinessDay(LocalDate.of(2026, 10, 7))).isFalse();
            assertThat(seeded.isBusinessDay(LocalDate.of(2026, 10, 10))).as("调休上班, a Saturday").isTrue();
            assertThat(seeded.isBusinessDay(LocalDate.of(2027, 2, 8))).as("Spring Festival 2027, statutory").isFalse();
            assertThat(store.warnings(LocalDate.of(2026, 6, 1))).isEmpty();
            assertThat(store.warnings(LocalDate.of(2027, 6, 1))).singleElement().asString()
                    .startsWith("CALENDAR_NOT_PUBLISHED");
            assertThat(store.warnings(LocalDate.of(2028, 6, 1))).singleElement().asString()
                    .startsWith("CALENDAR_YEAR_MISSING");

            String bad = "date,kind,note\n2027-13-01,HOLIDAY,x\n2027-02-10,WORKDAY,a Wednesday\n2027-02-11,OFF,x\n";
            assertThatThrownBy(() -> CalendarFile.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                    "bad.csv")).isInstanceOfSatisfying(CalendarImportException.class, e -> {
                        assertThat(e.code()).isEqualTo(CalendarFile.CALENDAR_INVALID);
                        assertThat(e.problems()).hasSize(3);
                        assertThat(e.problems().get(0)).contains("bad.csv:2");
                    });

            String published = "\uFEFFdate,kind,note\n# the 2027 arrangement, as an operator would load it\n"
                    + "2027-02-05,HOLIDAY,春节\n2027-02-08,HOLIDAY,春节\n2027-02-09,HOLIDAY,春节\n"
                    + "2027-02-20,WORKDAY,春节调休上班\n";
            store.importFile(CalendarFile.read(new ByteArrayInputStream(published.getBytes(StandardCharsets.UTF_8)),
                    "cal-2027.csv"), CalendarStore.Arrangement.PUBLISHED, "cal-2027.csv", "operator",
                    AuditEntry.Channel.CLI);
            BankCalendar loaded = store.calendar();
            assertThat(loaded.isBusinessDay(LocalDate.of(2027, 2, 9))).isFalse();
            assertThat(loaded.isBusinessDay(LocalDate.of(2027, 2, 20))).isTrue();
            assertThat(loaded.isBusinessDay(LocalDate.of(2027, 10, 1))).as("the year replaced whole").isTrue();
            assertThat(store.warnings(LocalDate.of(2027, 6, 1))).isEmpty();
            assertThat(db.count("SELECT COUNT(*) FROM audit_record WHERE action = 'CALENDAR_IMPORTED'")).isEqualTo(1);
        }
    }

    @Test
    void dueDatesMoveOffHolidaysAndPastTheCutOff() {
        BankCalendar calendar = BankCalendar.standard();
        LocalTime cutOff = LocalTime.of(16, 0);
        DueDates.Decision holiday = DueDates.place(LocalDateTime.of(2026, 10, 1, 10, 0), calendar, cutOff,
                NonWorkingDay.MOVE, LocalTime.of(9, 0));
        assertThat(holiday.runAt()).isEqualTo(LocalDateTime.of(2026, 10, 8, 10, 0));
        DueDates.Decision late = DueDates.place(LocalDateTime.of(2026, 9, 30, 17, 0), calendar, cutOff,
                NonWorkingDay.MOVE, LocalTime.of(9, 0));
        assertThat(late.runAt()).isEqualTo(LocalDateTime.of(2026, 10, 8, 9, 0));
        assertThat(late.movedBecause()).contains("cut-off");
        DueDates.Decision stays = DueDates.place(LocalDateTime.of(2026, 10, 10, 10, 0), calendar, cutOff,
                NonWorkingDay.REFUSE, LocalTime.of(9, 0));
        assertThat(stays.moved()).as("an adjusted working Saturday").isFalse();
        assertThatThrownBy(() -> DueDates.place(LocalDateTime.of(2026, 9, 30, 16, 0), calendar, cutOff,
                NonWorkingDay.REFUSE, LocalTime.of(9, 0))).isInstanceOfSatisfying(SchedulerException.class,
                        e -> assertThat(e.code()).isEqualTo(DueDates.AFTER_CUTOFF));
    }
}
