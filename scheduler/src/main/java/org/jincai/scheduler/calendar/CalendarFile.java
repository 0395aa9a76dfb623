package org.jincai.scheduler.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A bank calendar file as an operator loads it: UTF-8 CSV, lines {@code date,kind,note} with {@code date} as
 * {@code yyyy-MM-dd} and {@code kind} {@code HOLIDAY} (a day banks do not settle) or {@code WORKDAY} (a weekend day
 * they do, 调休上班); an optional header line {@code date,kind,note}; {@code #} starts a comment line. Only the days
 * that differ from an ordinary week are listed. Every bad line is reported with its number
 * ({@value #CALENDAR_INVALID}), and a file with any bad line loads nothing.
 */
public final class CalendarFile {

    public static final String CALENDAR_INVALID = "CALENDAR_INVALID";

    /** One listed day. */
    public record Day(LocalDate date, boolean working, String note) {
    }

    private final Map<LocalDate, Day> days;

    private CalendarFile(Map<LocalDate, Day> days) {
        this.days = days;
    }

    public List<Day> days() {
        return List.copyOf(days.values());
    }

    /** The years the file holds, each of which an import replaces whole. */
    public TreeSet<Integer> years() {
        TreeSet<Integer> years = new TreeSet<>();
        days.keySet().forEach(d -> years.add(d.getYear()));
        return years;
    }

    /** Reads {@code in}; throws {@link CalendarImportException} naming every bad line of {@code location}. */
    public static CalendarFile read(InputStream in, String location) throws IOException {
        Map<LocalDate, Day> days = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            String text = n == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (text.isBlank() || text.strip().startsWith("#")
                    || n == 1 && text.strip().toLowerCase().startsWith("date,")) {
                continue;
            }
            String[] f = text.split(",", 3);
            String where = CALENDAR_INVALID + " at " + location + ":" + n + ": ";
            LocalDate date;
            try {
                date = LocalDate.parse(f[0].strip());
            } catch (DateTimeParseException e) {
                problems.add(where + "'" + f[0].strip() + "' is not a yyyy-MM-dd date");
                continue;
            }
            String kind = f.length > 1 ? f[1].strip() : "";
            if (!kind.equals("HOLIDAY") && !kind.equals("WORKDAY")) {
                problems.add(where + "the kind is HOLIDAY or WORKDAY, not '" + kind + "'");
                continue;
            }
            boolean working = kind.equals("WORKDAY");
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (working && !weekend) {
                problems.add(where + date + " is a " + date.getDayOfWeek() + ": only a weekend day can be a WORKDAY");
                continue;
            }
            if (days.containsKey(date)) {
                problems.add(where + date + " is listed twice");
                continue;
            }
            days.put(date, new Day(date, working, f.length > 2 ? f[2].strip() : null));
        }
        if (days.isEmpty() && problems.isEmpty()) {
            problems.add(CALENDAR_INVALID + " at " + location + ": the file lists no day");
        }
        if (!problems.isEmpty()) {
            throw new CalendarImportException(problems);
        }
        return new CalendarFile(days);
    }
}
