package org.jincai.scheduler.calendar;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bank calendar kept in the hub's database (tables {@code bank_calendar_year}, {@code bank_calendar_day},
 * migration V13_1, seeded with 2026 as published and 2027's statutory dates). Read afresh at each scheduling
 * decision, and by the rest of the hub through {@link #live}; an import replaces the years its file holds, whole, in
 * one transaction, audited.
 */
public class CalendarStore {

    /** Whether a year's days are the State Council's published arrangement or the statutory dates only. */
    public enum Arrangement {
        /** The official arrangement: bridged holidays and adjusted working weekends (调休) included. */
        PUBLISHED,
        /** The statutory holiday dates alone, known before the year's arrangement is published. */
        STATUTORY
    }

    /** One year of the calendar. */
    public record Year(int year, Arrangement arrangement, String source, Instant loadedAt, String loadedBy,
                       int holidays, int workdays) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final Object reading = new Object();
    private volatile Snapshot snapshot;

    /** The calendar last read, the stamp of the tables it was read from, and when that stamp was last checked. */
    private record Snapshot(BankCalendar calendar, String stamp, long checkedAt) {
    }

    public CalendarStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** The calendar as it is in the database now. */
    public BankCalendar calendar() {
        Map<LocalDate, Boolean> days = new HashMap<>();
        jdbc.query("SELECT cal_day, day_kind FROM bank_calendar_day", rs -> {
            days.put(rs.getDate(1).toLocalDate(), "WORKDAY".equals(rs.getString(2)));
        });
        return BankCalendar.of(days);
    }

    /**
     * A calendar that always answers from the tables as they are: what it read is kept, and the tables' stamp (the
     * loaded years and when they were loaded) checked again at most every {@code refresh} — an import on this node
     * takes effect at once, one made elsewhere (another node, the one-shot command) within {@code refresh}.
     */
    public BankCalendar live(Duration refresh) {
        long every = refresh.toNanos();
        return BankCalendar.live(() -> current(every));
    }

    private BankCalendar current(long refreshNanos) {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.checkedAt() < refreshNanos) {
            return s.calendar();
        }
        synchronized (reading) {
            s = snapshot;
            if (s != null && System.nanoTime() - s.checkedAt() < refreshNanos) {
                return s.calendar();
            }
            String stamp = stamp();
            BankCalendar calendar = s != null && s.stamp().equals(stamp) ? s.calendar() : calendar();
            snapshot = new Snapshot(calendar, stamp, System.nanoTime());
            return calendar;
        }
    }

    private String stamp() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*), MAX(loaded_at) FROM bank_calendar_year",
                (rs, n) -> rs.getLong(1) + "/" + rs.getTimestamp(2));
    }

    public List<Year> years() {
        return jdbc.query("""
                SELECT y.cal_year, y.arrangement, y.source, y.loaded_at, y.loaded_by,
                    (SELECT COUNT(*) FROM bank_calendar_day d WHERE d.cal_year = y.cal_year AND d.day_kind = 'HOLIDAY'),
                    (SELECT COUNT(*) FROM bank_calendar_day d WHERE d.cal_year = y.cal_year AND d.day_kind = 'WORKDAY')
                FROM bank_calendar_year y ORDER BY y.cal_year""", Map.of(),
                (rs, n) -> new Year(rs.getInt(1), Arrangement.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6), rs.getInt(7)));
    }

    /**
     * What an operator must know about {@code date}'s year: nothing when its arrangement is published; a warning when
     * only its statutory dates are loaded, or when the year is not loaded at all.
     */
    public List<String> warnings(LocalDate date) {
        int year = date.getYear();
        List<String> warnings = new ArrayList<>();
        Year y = years().stream().filter(v -> v.year() == year).findFirst().orElse(null);
        if (y == null) {
            warnings.add("CALENDAR_YEAR_MISSING: no bank calendar for " + year + ": only weekends and the fixed-date"
                    + " holidays are known; load the year's arrangement with 'jincai calendar import FILE'");
        } else if (y.arrangement() == Arrangement.STATUTORY) {
            warnings.add("CALENDAR_NOT_PUBLISHED: the bank calendar of " + year + " holds the statutory holiday dates"
                    + " only; the State Council's arrangement (bridged days, adjusted working weekends) is not yet"
                    + " published: load it with 'jincai calendar import FILE' when it is");
        }
        return warnings;
    }

    /**
     * Replaces the years {@code file} holds with its days, as {@code arrangement}, in one transaction, audited as
     * {@code CALENDAR_IMPORTED} by {@code actor}; returns the years as stored.
     */
    public List<Year> importFile(CalendarFile file, Arrangement arrangement, String source, String actor,
                                 AuditEntry.Channel channel) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            for (int year : file.years()) {
                MapSqlParameterSource y = new MapSqlParameterSource("year", year);
                jdbc.update("DELETE FROM bank_calendar_day WHERE cal_year = :year", y);
                jdbc.update("DELETE FROM bank_calendar_year WHERE cal_year = :year", y);
                jdbc.update("""
                        INSERT INTO bank_calendar_year (cal_year, arrangement, source, loaded_at, loaded_by)
                        VALUES (:year, :arrangement, :source, :at, :by)""",
                        y.addValue("arrangement", arrangement.name()).addValue("source", fit(source, 200))
                                .addValue("at", Timestamp.from(now)).addValue("by", fit(actor, 64)));
            }
            List<MapSqlParameterSource> rows = new ArrayList<>();
            for (CalendarFile.Day d : file.days()) {
                rows.add(new MapSqlParameterSource("day", Date.valueOf(d.date())).addValue("year", d.date().getYear())
                        .addValue("kind", d.working() ? "WORKDAY" : "HOLIDAY").addValue("note", fit(d.note(), 200)));
            }
            jdbc.batchUpdate("INSERT INTO bank_calendar_day (cal_day, cal_year, day_kind, note)"
                    + " VALUES (:day, :year, :kind, :note)", rows.toArray(MapSqlParameterSource[]::new));
            long holidays = file.days().stream().filter(d -> !d.working()).count();
            audit.append(AuditEntry.of(actor, channel, "CALENDAR_IMPORTED", "BANK_CALENDAR", file.years().toString())
                    .change(null, holidays + " holiday(s), " + (file.days().size() - holidays)
                            + " working weekend day(s), " + arrangement)
                    .because("loaded from " + source));
        });
        snapshot = null;
        return years().stream().filter(y -> file.years().contains(y.year())).toList();
    }

    private static String fit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
