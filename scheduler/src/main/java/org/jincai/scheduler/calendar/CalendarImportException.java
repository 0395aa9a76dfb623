package org.jincai.scheduler.calendar;

import java.util.List;
import org.jincai.scheduler.SchedulerException;

/** A calendar file refused whole ({@value CalendarFile#CALENDAR_INVALID}), with every bad line. */
public class CalendarImportException extends SchedulerException {

    private final List<String> problems;

    public CalendarImportException(List<String> problems) {
        super(CalendarFile.CALENDAR_INVALID, "file", String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
