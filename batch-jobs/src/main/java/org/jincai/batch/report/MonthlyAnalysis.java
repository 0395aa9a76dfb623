package org.jincai.batch.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jincai.core.budget.PerformanceTargetImport;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The report's tracking and analysis: performance targets behind at the month's end (绩效跟踪), trends by agency
 * month on month and year on year, and unusual patterns flagged by named rules (数据分析). "Paid" means what it
 * means in {@link MonthlyFigures}: value date in the period, money not returned, the budget year of the period.
 */
public class MonthlyAnalysis {

    /** A division paying one payee repeatedly in large amounts within the month. */
    public static final String REPEATED_LARGE_PAYMENTS = "REPEATED_LARGE_PAYMENTS";
    /** An agency paying far more this month than its recent monthly average. */
    public static final String SPENDING_SURGE = "SPENDING_SURGE";

    static final String EXPLAIN = "落后，需说明 behind: explanation required";
    static final String NOT_REPORTED = "未报告，需说明 not reported: explanation required";

    /** An indicator's target behind at the month's end: a row of the warnings table and an alert. */
    public record Warning(String targetId, String admDiv, String agency, String subject, int month, String measure,
                          String unit, BigDecimal target, BigDecimal actual, String status) {

        BigDecimal gap() {
            return actual == null ? null : target.subtract(actual);
        }

        List<Object> row(Map<String, String> names) {
            List<Object> row = new ArrayList<>();
            row.add(targetId);
            row.add(admDiv);
            row.add(agency);
            row.add(names.get(agency));
            row.add(subject);
            row.add((long) month);
            row.add(measure);
            row.add(unit);
            row.add(target);
            row.add(actual);
            row.add(gap());
            row.add(status);
            return row;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final AnalysisOptions options;

    public MonthlyAnalysis(NamedParameterJdbcTemplate jdbc, AnalysisOptions options) {
        this.jdbc = jdbc;
        this.options = options;
    }

    /**
     * The targets behind at the end of the period's month. For each indicator and measure the target of the latest
     * month up to the report's applies. An expected execution rate is behind when paid (YTD) / indicator is below
     * it; an output measure when the agency reported less than its target, or nothing.
     */
    public List<Warning> warnings(ReportPeriod period) {
        MapSqlParameterSource p = MonthlyFigures.params(period);
        Map<String, BigDecimal> paid = new HashMap<>();
        jdbc.query("""
                SELECT r.indicator_id, SUM(p.amount) FROM budget_reservation r JOIN payment p ON p.payment_id = r.payment_id
                 WHERE p.paid_date >= :yearStart AND p.paid_date <= :monthEnd AND p.status <> 'RETURNED'
                 GROUP BY r.indicator_id""", p, rs -> {
            paid.put(rs.getString(1), rs.getBigDecimal(2));
        });
        Map<String, Object[]> latest = new LinkedHashMap<>();
        jdbc.query("""
                SELECT t.target_id, t.target_month, t.measure, t.unit, t.target_value, t.actual_value, i.indicator_id,
                       i.adm_div_code, i.agency_code, i.exp_func_code, i.gov_exp_eco_code, i.fund_type_code,
                       i.dep_pro_code, i.approved
                  FROM budget_performance_target t JOIN budget_indicator i ON i.indicator_id = t.indicator_id
                 WHERE i.st_year = :year AND t.target_month <= :month
                 ORDER BY i.adm_div_code, i.agency_code, i.subject_key, t.measure, t.target_month""", p, rs -> {
            Object[] row = new Object[14];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getObject(i + 1);
            }
            row[1] = rs.getInt(2);
            row[4] = rs.getBigDecimal(5);
            row[5] = rs.getBigDecimal(6);
            row[13] = rs.getBigDecimal(14);
            latest.put(row[6] + "|" + row[2], row);
        });
        List<Warning> warnings = new ArrayList<>();
        for (Object[] t : latest.values()) {
            String measure = (String) t[2];
            BigDecimal target = (BigDecimal) t[4];
            BigDecimal actual;
            String status;
            if (PerformanceTargetImport.EXECUTION_RATE.equals(measure)) {
                BigDecimal rate = MonthlyFigures.percent(paid.getOrDefault((String) t[6], BigDecimal.ZERO),
                        (BigDecimal) t[13]);
                actual = rate == null ? BigDecimal.ZERO.setScale(2) : rate;
                status = EXPLAIN;
            } else {
                actual = (BigDecimal) t[5];
                status = actual == null ? NOT_REPORTED : EXPLAIN;
            }
            if (actual != null && actual.compareTo(target) >= 0) {
                continue;
            }
            String project = t[12] == null ? "" : (String) t[12];
            String subject = t[9] + "/" + t[10] + "/" + t[11] + (project.isEmpty() ? "" : "/" + project);
            warnings.add(new Warning((String) t[0], (String) t[7], (String) t[8], subject, (Integer) t[1], measure,
                    (String) t[3], plain(target), plain(actual), status));
        }
        return warnings;
    }

    /** A measure's value without the trailing zeros of its column's four decimals: 75, not 75.0000. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    ReportTable performance(ReportPeriod period, Map<String, String> names) {
        return new ReportTable(ReportTables.PERFORMANCE, warnings(period).stream().map(w -> w.row(names)).toList());
    }

    ReportTable trends(ReportPeriod period, Map<String, String> names) {
        ReportPeriod previous = period.previousMonth();
        ReportPeriod lastYear = period.sameMonthLastYear();
        List<Map<String, BigDecimal>> columns = List.of(
                paidByAgency(period.monthStart(), period.monthEnd(), period.year()),
                paidByAgency(previous.monthStart(), previous.monthEnd(), previous.year()),
                paidByAgency(lastYear.monthStart(), lastYear.monthEnd(), lastYear.year()),
                paidByAgency(period.yearStart(), period.monthEnd(), period.year()),
                paidByAgency(lastYear.yearStart(), lastYear.monthEnd(), lastYear.year()));
        TreeSet<String> agencies = new TreeSet<>();
        columns.forEach(c -> agencies.addAll(c.keySet()));
        BigDecimal[] total = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        List<List<Object>> rows = new ArrayList<>();
        for (String agency : agencies) {
            BigDecimal[] v = new BigDecimal[5];
            for (int i = 0; i < 5; i++) {
                v[i] = columns.get(i).getOrDefault(agency, BigDecimal.ZERO);
                total[i] = total[i].add(v[i]);
            }
            rows.add(trendRow(agency, names.get(agency), v));
        }
        rows.add(trendRow(TableSpec.TOTAL, null, total));
        return new ReportTable(ReportTables.TRENDS, rows);
    }

    private static List<Object> trendRow(String agency, String name, BigDecimal[] v) {
        List<Object> row = new ArrayList<>();
        row.add(agency);
        row.add(name);
        row.add(v[0]);
        row.add(v[1]);
        row.add(change(v[0], v[1]));
        row.add(v[2]);
        row.add(change(v[0], v[2]));
        row.add(v[3]);
        row.add(v[4]);
        row.add(change(v[3], v[4]));
        return row;
    }

    /** Change from {@code before} to {@code now} in %, two decimals; null when there was nothing before. */
    static BigDecimal change(BigDecimal now, BigDecimal before) {
        return MonthlyFigures.percent(now.subtract(before), before);
    }

    ReportTable anomalies(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        MapSqlParameterSource p = MonthlyFigures.params(period).addValue("large", options.largePayment())
                .addValue("repeat", options.repeatCount());
        jdbc.query("""
                SELECT v.adm_div_code, p.payee_acct_no, MAX(p.payee_acct_name), COUNT(*), SUM(p.amount)
                  FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE p.paid_date >= :monthStart AND p.paid_date <= :monthEnd AND p.status <> 'RETURNED'
                   AND v.st_year = :year AND p.amount >= :large
                 GROUP BY v.adm_div_code, p.payee_acct_no HAVING COUNT(*) >= :repeat
                 ORDER BY v.adm_div_code, p.payee_acct_no""", p, rs -> {
            rows.add(new ArrayList<>(List.of(REPEATED_LARGE_PAYMENTS, rs.getString(1), "",
                    rs.getLong(4) + " payments of at least " + options.largePayment().toPlainString() + " to "
                            + rs.getString(3) + " (" + rs.getString(2) + ")", rs.getLong(4), rs.getBigDecimal(5))));
        });
        YearMonth month = period.month();
        Map<String, BigDecimal> now = paidByAgency(period.monthStart(), period.monthEnd(), period.year());
        Map<String, BigDecimal> before = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            YearMonth m = month.minusMonths(i);
            paidByAgency(m.atDay(1), m.atEndOfMonth(), String.valueOf(m.getYear()))
                    .forEach((agency, amount) -> before.merge(agency, amount, BigDecimal::add));
        }
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(now).entrySet()) {
            if (!before.containsKey(e.getKey())) {
                continue;
            }
            BigDecimal average = before.getOrDefault(e.getKey(), BigDecimal.ZERO).divide(BigDecimal.valueOf(3), 2,
                    RoundingMode.HALF_UP);
            if (e.getValue().compareTo(options.surgeMinimum()) >= 0
                    && e.getValue().compareTo(average.multiply(options.surgeFactor())) > 0) {
                rows.add(new ArrayList<>(List.of(SPENDING_SURGE, adm(e.getKey()), e.getKey(), "paid "
                        + e.getValue().toPlainString() + " in " + month + ", over " + options.surgeFactor().toPlainString()
                        + " times the monthly average " + average.toPlainString() + " of the three months before",
                        count(e.getKey(), period), e.getValue())));
            }
        }
        return new ReportTable(ReportTables.ANOMALIES, rows);
    }

    private String adm(String agency) {
        List<String> divs = jdbc.queryForList("SELECT DISTINCT adm_div_code FROM voucher WHERE agency_code = :a",
                new MapSqlParameterSource("a", agency), String.class);
        return String.join(",", divs);
    }

    private long count(String agency, ReportPeriod period) {
        Long n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE COALESCE(p.agency_code, v.agency_code) = :agency AND p.paid_date >= :monthStart
                   AND p.paid_date <= :monthEnd AND p.status <> 'RETURNED' AND v.st_year = :year""",
                MonthlyFigures.params(period).addValue("agency", agency), Long.class);
        return n == null ? 0 : n;
    }

    /** Paid per agency with value dates from {@code from} to {@code to}, of budget year {@code year}. */
    Map<String, BigDecimal> paidByAgency(LocalDate from, LocalDate to, String year) {
        Map<String, BigDecimal> paid = new HashMap<>();
        jdbc.query("""
                SELECT COALESCE(p.agency_code, v.agency_code), SUM(p.amount)
                  FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE p.paid_date >= :from AND p.paid_date <= :to AND p.status <> 'RETURNED' AND v.st_year = :year
                 GROUP BY COALESCE(p.agency_code, v.agency_code)""",
                new MapSqlParameterSource("from", Date.valueOf(from)).addValue("to", Date.valueOf(to))
                        .addValue("year", year), rs -> {
                    paid.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return paid;
    }
}
