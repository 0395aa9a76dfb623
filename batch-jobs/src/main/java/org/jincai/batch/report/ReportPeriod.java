package org.jincai.batch.report;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The month a report is about and its year to date (1 January to the month's last day), in Beijing time: what
 * "a day" means to the fiscal year. Dates compare with the bank's value dates; instants (events, alerts) with the
 * UTC timestamps the hub stores.
 */
public record ReportPeriod(YearMonth month) {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** Reads {@code yyyy-MM}; {@value ReportException#REPORT_MONTH_INVALID} otherwise. */
    public static ReportPeriod parse(String text) {
        try {
            return new ReportPeriod(YearMonth.parse(text == null ? "" : text.trim()));
        } catch (DateTimeParseException e) {
            throw new ReportException(ReportException.REPORT_MONTH_INVALID, "month '" + text + "' is not yyyy-MM",
                    "month", e);
        }
    }

    public String year() {
        return String.valueOf(month.getYear());
    }

    public int monthNumber() {
        return month.getMonthValue();
    }

    public LocalDate monthStart() {
        return month.atDay(1);
    }

    public LocalDate monthEnd() {
        return month.atEndOfMonth();
    }

    public LocalDate yearStart() {
        return LocalDate.of(month.getYear(), 1, 1);
    }

    /** The month before, and the same month a year before: the trends' comparisons. */
    public ReportPeriod previousMonth() {
        return new ReportPeriod(month.minusMonths(1));
    }

    public ReportPeriod sameMonthLastYear() {
        return new ReportPeriod(month.minusYears(1));
    }

    /** The first instant of a Beijing date, as the hub's UTC timestamps. */
    public static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(BEIJING).toInstant());
    }

    /** The folder of this month under the reports root: {@code yyyy-MM}. */
    public String folderName() {
        return month.toString();
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
