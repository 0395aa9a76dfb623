package org.jincai.scheduler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.audit.AuditEntry;
import org.jincai.scheduler.calendar.CalendarFile;
import org.jincai.scheduler.calendar.CalendarStore;

/**
 * Makes today (Beijing) a bank working day in a test database, so that a schedule a few seconds ahead is not moved
 * whatever day the tests run on: today's year is replaced by a calendar that lists today as a working weekend day,
 * or — on a weekday — lists another day only (which drops any holiday today).
 */
final class TodayWorking {

    private TodayWorking() {
    }

    static void make(CalendarStore calendars) throws IOException {
        LocalDate today = LocalDate.now(BankProfile.ZONE);
        boolean weekend = today.getDayOfWeek() == DayOfWeek.SATURDAY || today.getDayOfWeek() == DayOfWeek.SUNDAY;
        LocalDate other = today.getDayOfYear() == 1 ? today.plusDays(1) : today.withDayOfYear(1);
        String line = weekend ? today + ",WORKDAY,test" : other + ",HOLIDAY,test";
        calendars.importFile(CalendarFile.read(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "test"),
                CalendarStore.Arrangement.PUBLISHED, "test", "test", AuditEntry.Channel.CLI);
    }
}
