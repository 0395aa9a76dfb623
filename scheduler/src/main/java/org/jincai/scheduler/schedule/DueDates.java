package org.jincai.scheduler.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.scheduler.SchedulerException;
import org.jincai.scheduler.SchedulerProperties.NonWorkingDay;

/**
 * Where a disbursement lands on the bank calendar (Beijing wall-clock times): on a working day before its bank's
 * cut-off it stays; on a day banks are closed it moves to the next working day at its own time, or is refused
 * ({@code SCHEDULE_NOT_WORKING_DAY}); at or after the cut-off it moves to the next working day at the policy's moved
 * time, or is refused ({@code SCHEDULE_AFTER_CUTOFF}).
 */
public final class DueDates {

    public static final String NOT_WORKING_DAY = "SCHEDULE_NOT_WORKING_DAY";
    public static final String AFTER_CUTOFF = "SCHEDULE_AFTER_CUTOFF";

    /** Where the disbursement runs, and why it moved ({@code null} when it did not). */
    public record Decision(LocalDateTime runAt, String movedBecause) {
        public boolean moved() {
            return movedBecause != null;
        }
    }

    private DueDates() {
    }

    /**
     * @param cutOff the bank's cut-off, or {@code null} when no bank is named (the calendar alone applies)
     */
    public static Decision place(LocalDateTime due, BankCalendar calendar, LocalTime cutOff, NonWorkingDay policy,
                                 LocalTime movedTime) {
        LocalDate date = due.toLocalDate();
        LocalTime time = due.toLocalTime();
        String because = null;
        if (!calendar.isBusinessDay(date)) {
            if (policy == NonWorkingDay.REFUSE) {
                throw new SchedulerException(NOT_WORKING_DAY, "at", date + " is not a bank working day");
            }
            date = calendar.onOrAfter(date);
            because = due.toLocalDate() + " is not a bank working day";
        }
        if (cutOff != null && !time.isBefore(cutOff)) {
            if (policy == NonWorkingDay.REFUSE) {
                throw new SchedulerException(AFTER_CUTOFF, "at", time + " is at or after the bank's cut-off " + cutOff);
            }
            date = calendar.onOrAfter(date.plusDays(1));
            time = movedTime.isBefore(cutOff) ? movedTime : cutOff.minusMinutes(30);
            because = (because == null ? "" : because + "; ") + due.toLocalTime() + " is at or after the bank's cut-off "
                    + cutOff;
        }
        return new Decision(LocalDateTime.of(date, time), because);
    }
}
