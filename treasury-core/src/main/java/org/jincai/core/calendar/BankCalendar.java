package org.jincai.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * When China's banks settle: not on weekends nor on the State Council's public holidays, but on the
 * adjusted weekend working days (调休上班). Data, per year, as published: a year the data does not cover
 * falls back to weekends and the fixed-date statutory holidays, until an operator loads the official
 * arrangement.
 */
public final class BankCalendar {

    public static final String DEFAULT_RESOURCE = "/org/jincai/core/calendar/cn-bank-days.tsv";
    public static final String CALENDAR_INVALID = "CALENDAR_INVALID";

    /** Statutory holidays on fixed dates (New Year, Labour Day, National Day): known before any notice. */
    static final List<MonthDay> FIXED_HOLIDAYS = List.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 2),
            MonthDay.of(10, 1), MonthDay.of(10, 2), MonthDay.of(10, 3));

    private final Map<LocalDate, Boolean> declared;
    private final Set<Integer> years;
    /** Where a live calendar reads the days as they are now; null for a calendar of fixed days. */
    private final Supplier<BankCalendar> current;

    private BankCalendar(Map<LocalDate, Boolean> declared) {
        this.declared = Map.copyOf(declared);
        this.years = new HashSet<>();
        declared.keySet().forEach(d -> years.add(d.getYear()));
        this.current = null;
    }

    private BankCalendar(Supplier<BankCalendar> current) {
        this.declared = Map.of();
        this.years = Set.of();
        this.current = current;
    }

    /**
     * A calendar that answers each question from {@code current} as it is at that moment (the scheduler's calendar
     * tables, which an operator may import into while the hub runs), so that whoever holds it never holds an old one.
     */
    public static BankCalendar live(Supplier<BankCalendar> current) {
        return new BankCalendar(current);
    }

    /** The calendar shipped with the hub. */
    public static BankCalendar standard() {
        try (InputStream in = BankCalendar.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return read(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A calendar of the declared days given ({@code true}: banks settle on that day although it is a weekend;
     * {@code false}: they do not although it is a weekday), for a source that keeps them elsewhere (the scheduler's
     * calendar tables). The years of the days given count as covered.
     */
    public static BankCalendar of(Map<LocalDate, Boolean> declared) {
        return new BankCalendar(new HashMap<>(declared));
    }

    /**
     * Reads lines {@code yyyy-MM-dd<TAB>HOLIDAY|WORKDAY<TAB>note}; {@code #} starts a comment. A bad line is
     * refused with {@value #CALENDAR_INVALID} and its line number.
     */
    public static BankCalendar read(InputStream in, String location) throws IOException {
        Map<LocalDate, Boolean> days = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                LocalDate date = LocalDate.parse(f[0].strip());
                String kind = f.length > 1 ? f[1].strip() : "";
                if (!kind.equals("HOLIDAY") && !kind.equals("WORKDAY")) {
                    throw new IllegalArgumentException(CALENDAR_INVALID + " at " + location + ":" + n
                            + ": the second field is HOLIDAY or WORKDAY, not '" + kind + "'");
                }
                days.put(date, kind.equals("WORKDAY"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(CALENDAR_INVALID + " at " + location + ":" + n + ": '" + f[0]
                        + "' is not a yyyy-MM-dd date", e);
            }
        }
        return new BankCalendar(days);
    }

    public boolean isBusinessDay(LocalDate date) {
        if (current != null) {
            return current.get().isBusinessDay(date);
        }
        Boolean working = declared.get(date);
        if (working != null) {
            return working;
        }
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (weekend) {
            return false;
        }
        return years.contains(date.getYear()) || !FIXED_HOLIDAYS.contains(MonthDay.from(date));
    }

    /** {@code date} itself when banks settle on it, else the next day they do. */
    public LocalDate onOrAfter(LocalDate date) {
        if (current != null) {
            return current.get().onOrAfter(date);
        }
        LocalDate d = date;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Whether the official arrangement of {@code year} is loaded (otherwise only the fallback applies). */
    public boolean covers(int year) {
        if (current != null) {
            return current.get().covers(year);
        }
        return years.contains(year);
    }
}
