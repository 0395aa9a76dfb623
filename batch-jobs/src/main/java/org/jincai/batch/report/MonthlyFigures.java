package org.jincai.batch.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The figures of the monthly report, read from the database as it stands: budget execution by each
 * classification, the banks, the risk alerts, the reconciliation's exceptions and the paid amounts by day. Sums are the database's own (NUMERIC,
 * added as {@link BigDecimal}), so every total agrees with it to the fen.
 *
 * <p>What each measure is: <b>indicator</b> the amount approved for the budget year (its movements so far);
 * <b>plan</b> the monthly plans of the month, and of January to the month; <b>reserved</b> what payments of the
 * budget year hold now; <b>paid</b> the payments of the budget year the banks paid (value date) in the month, and
 * from 1 January to the month's end, less those whose money came back (RETURNED). Execution rate = paid (YTD) /
 * indicator; plan execution = paid (month) / plan (month). Plans are kept per agency and fund type, so only those
 * tables (and the division's) show them; indicators have no payment type.
 */
public class MonthlyFigures {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The classifications of the budget tables and how each reads its key off a fact. */
    enum Dimension {
        ADM_DIV(ReportTables.BUDGET_ADM_DIV, Fact::admDiv, true, true),
        AGENCY(ReportTables.BUDGET_AGENCY, Fact::agency, true, true),
        FUNC_CLASS(ReportTables.BUDGET_FUNC_CLASS, f -> prefix(f.func(), 3), true, false),
        FUNC_SECTION(ReportTables.BUDGET_FUNC_SECTION, f -> prefix(f.func(), 5), true, false),
        FUNC_ITEM(ReportTables.BUDGET_FUNC_ITEM, f -> prefix(f.func(), 7), true, false),
        ECONOMIC(ReportTables.BUDGET_ECONOMIC, Fact::economic, true, false),
        FUND_TYPE(ReportTables.BUDGET_FUND_TYPE, Fact::fundType, true, true),
        PAY_TYPE(ReportTables.BUDGET_PAY_TYPE, Fact::payType, false, false);

        final TableSpec spec;
        final Function<Fact, String> key;
        final boolean indicators;
        final boolean plans;

        Dimension(TableSpec spec, Function<Fact, String> key, boolean indicators, boolean plans) {
            this.spec = spec;
            this.key = key;
            this.indicators = indicators;
            this.plans = plans;
        }
    }

    /**
     * Amounts at the finest grain the database gives, with the codes that grain has (null where it has none: a
     * plan has no functional classification, an indicator no payment type).
     */
    record Fact(String admDiv, String agency, String func, String economic, String fundType, String payType,
                BigDecimal indicator, BigDecimal planMonth, BigDecimal planYtd, BigDecimal reserved,
                BigDecimal paidMonth, BigDecimal paidYtd) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final MonthlyAnalysis analysis;

    public MonthlyFigures(NamedParameterJdbcTemplate jdbc, MonthlyAnalysis analysis) {
        this.jdbc = jdbc;
        this.analysis = analysis;
    }

    /** The tables of {@link ReportTables#ALL} for the period, in that order. */
    public List<ReportTable> tables(ReportPeriod period) {
        List<Fact> facts = facts(period);
        Map<String, String> agencyNames = agencyNames();
        List<ReportTable> tables = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            tables.add(budgetTable(d, facts, d == Dimension.AGENCY ? agencyNames : d == Dimension.PAY_TYPE
                    ? PAY_TYPE_NAMES : Map.of()));
        }
        tables.add(banks(period));
        tables.add(alerts(period));
        tables.add(exceptions(period));
        tables.add(dailyPaid(period));
        tables.add(analysis.performance(period, agencyNames));
        tables.add(analysis.trends(period, agencyNames));
        tables.add(analysis.anomalies(period));
        return tables;
    }

    /** Voucher types as payment types (支付方式): the type decides whether the treasury pays directly or not. */
    static final Map<String, String> PAY_TYPE_NAMES = Map.of("5201", "财政直接支付 direct", "8202", "财政授权支付 authorized",
            "5214", "国库集中支付（一体化） integrated", "5212", "支付凭证（一体化） integrated");

    List<Fact> facts(ReportPeriod period) {
        MapSqlParameterSource p = params(period);
        List<Fact> facts = new ArrayList<>();
        BigDecimal z = BigDecimal.ZERO;
        jdbc.query("""
                SELECT adm_div_code, agency_code, exp_func_code, gov_exp_eco_code, fund_type_code, SUM(approved)
                  FROM budget_indicator WHERE st_year = :year
                 GROUP BY adm_div_code, agency_code, exp_func_code, gov_exp_eco_code, fund_type_code""", p, rs -> {
            facts.add(new Fact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    null, rs.getBigDecimal(6), z, z, z, z, z));
        });
        jdbc.query("""
                SELECT adm_div_code, agency_code, fund_type_code,
                       SUM(CASE WHEN plan_month = :month THEN approved ELSE 0 END), SUM(approved)
                  FROM budget_plan WHERE st_year = :year AND plan_month <= :month
                 GROUP BY adm_div_code, agency_code, fund_type_code""", p, rs -> {
            facts.add(new Fact(rs.getString(1), rs.getString(2), null, null, rs.getString(3), null, z,
                    rs.getBigDecimal(4), rs.getBigDecimal(5), z, z, z));
        });
        jdbc.query("""
                SELECT v.adm_div_code, COALESCE(p.agency_code, v.agency_code), p.exp_func_code, p.gov_exp_eco_code,
                       p.fund_type_code, v.vt_code, SUM(r.amount)
                  FROM budget_reservation r JOIN payment p ON p.payment_id = r.payment_id
                  JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE r.state = 'RESERVED' AND v.st_year = :year
                 GROUP BY v.adm_div_code, COALESCE(p.agency_code, v.agency_code), p.exp_func_code, p.gov_exp_eco_code,
                       p.fund_type_code, v.vt_code""", p, rs -> {
            facts.add(new Fact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), z, z, z, rs.getBigDecimal(7), z, z));
        });
        jdbc.query("""
                SELECT v.adm_div_code, COALESCE(p.agency_code, v.agency_code), p.exp_func_code, p.gov_exp_eco_code,
                       p.fund_type_code, v.vt_code,
                       SUM(CASE WHEN p.paid_date >= :monthStart THEN p.amount ELSE 0 END), SUM(p.amount)
                  FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE p.paid_date >= :yearStart AND p.paid_date <= :monthEnd AND p.status <> 'RETURNED'
                   AND v.st_year = :year
                 GROUP BY v.adm_div_code, COALESCE(p.agency_code, v.agency_code), p.exp_func_code, p.gov_exp_eco_code,
                       p.fund_type_code, v.vt_code""", p, rs -> {
            facts.add(new Fact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), z, z, z, z, rs.getBigDecimal(7), rs.getBigDecimal(8)));
        });
        return facts;
    }

    private Map<String, String> agencyNames() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("SELECT agency_code, MAX(agency_name) FROM voucher GROUP BY agency_code", new MapSqlParameterSource(),
                rs -> {
                    if (rs.getString(2) != null) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                });
        return names;
    }

    static ReportTable budgetTable(Dimension d, List<Fact> facts, Map<String, String> names) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (Fact f : facts) {
            String key = d.key.apply(f);
            if (key == null) {
                continue;
            }
            BigDecimal[] s = sums.computeIfAbsent(key, k -> zeros(6));
            add(s, f.indicator(), f.planMonth(), f.planYtd(), f.reserved(), f.paidMonth(), f.paidYtd());
        }
        BigDecimal[] total = zeros(6);
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, BigDecimal[]> e : sums.entrySet()) {
            BigDecimal[] s = e.getValue();
            add(total, s);
            rows.add(budgetRow(d, e.getKey(), names.get(e.getKey()), s));
        }
        rows.add(budgetRow(d, TableSpec.TOTAL, null, total));
        return new ReportTable(d.spec, rows);
    }

    private static List<Object> budgetRow(Dimension d, String code, String name, BigDecimal[] s) {
        List<Object> row = new ArrayList<>();
        row.add(code);
        row.add(name);
        row.add(d.indicators ? s[0] : null);
        row.add(d.plans ? s[1] : null);
        row.add(d.plans ? s[2] : null);
        row.add(s[3]);
        row.add(s[4]);
        row.add(s[5]);
        row.add(d.indicators ? percent(s[5], s[0]) : null);
        row.add(d.plans ? percent(s[4], s[1]) : null);
        return row;
    }

    ReportTable banks(ReportPeriod period) {
        Map<String, BankSums> banks = new TreeMap<>();
        MapSqlParameterSource p = params(period);
        jdbc.query("""
                SELECT p.bank_code, p.amount, p.status, p.paid_date, rel.occurred_at, pd.occurred_at
                  FROM payment p JOIN payment_event rel ON rel.payment_id = p.payment_id AND rel.to_status = 'RELEASED'
                  LEFT JOIN payment_event pd ON pd.payment_id = p.payment_id AND pd.to_status = 'PAID'
                 WHERE rel.occurred_at >= :yearStartTs AND rel.occurred_at < :nextMonthTs""", p, rs -> {
            BankSums b = banks.computeIfAbsent(rs.getString(1), k -> new BankSums());
            BigDecimal amount = rs.getBigDecimal(2);
            b.ytdCount++;
            b.ytdAmount = b.ytdAmount.add(amount);
            Timestamp released = rs.getTimestamp(5);
            if (released.before((Timestamp) p.getValue("monthStartTs"))) {
                return;
            }
            b.count++;
            b.amount = b.amount.add(amount);
            String status = rs.getString(3);
            boolean paid = rs.getDate(4) != null;
            if (status.equals("REJECTED") || status.equals("FAILED") || status.equals("RECEIPTED") && !paid) {
                b.rejected++;
            }
            Timestamp booked = rs.getTimestamp(6);
            if (booked != null) {
                b.booked++;
                b.bookingSeconds += Duration.between(released.toInstant(), booked.toInstant()).getSeconds();
            }
        });
        BankSums total = new BankSums();
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, BankSums> e : banks.entrySet()) {
            BankSums b = e.getValue();
            total.add(b);
            rows.add(b.row(e.getKey()));
        }
        rows.add(total.row(TableSpec.TOTAL));
        return new ReportTable(ReportTables.BANKS, rows);
    }

    /** Counts of one bank's payments released in the period. */
    private static final class BankSums {
        long count;
        BigDecimal amount = BigDecimal.ZERO;
        long rejected;
        long booked;
        long bookingSeconds;
        long ytdCount;
        BigDecimal ytdAmount = BigDecimal.ZERO;

        void add(BankSums b) {
            count += b.count;
            amount = amount.add(b.amount);
            rejected += b.rejected;
            booked += b.booked;
            bookingSeconds += b.bookingSeconds;
            ytdCount += b.ytdCount;
            ytdAmount = ytdAmount.add(b.ytdAmount);
        }

        List<Object> row(String bank) {
            BigDecimal avgMinutes = booked == 0 ? null : BigDecimal.valueOf(bookingSeconds)
                    .divide(BigDecimal.valueOf(booked * 60), 2, RoundingMode.HALF_UP);
            List<Object> row = new ArrayList<>();
            row.add(bank);
            row.add(count);
            row.add(amount);
            row.add(rejected);
            row.add(percent(BigDecimal.valueOf(rejected), BigDecimal.valueOf(count)));
            row.add(booked);
            row.add(avgMinutes);
            row.add(ytdCount);
            row.add(ytdAmount);
            return row;
        }
    }

    /**
     * The reconciliation's exceptions (对账异常) by kind and bank: opened and resolved in the month, still open at its
     * end (opened before it ended and not resolved by then), opened in the year, and the amounts opened in the month.
     */
    ReportTable exceptions(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        long[] counts = new long[4];
        BigDecimal[] amount = {BigDecimal.ZERO};
        jdbc.query("""
                SELECT kind, bank_code,
                       SUM(CASE WHEN opened_at >= :monthStartTs THEN 1 ELSE 0 END),
                       SUM(CASE WHEN resolved_at >= :monthStartTs AND resolved_at < :nextMonthTs THEN 1 ELSE 0 END),
                       SUM(CASE WHEN resolved_at IS NULL OR resolved_at >= :nextMonthTs THEN 1 ELSE 0 END),
                       SUM(CASE WHEN opened_at >= :yearStartTs THEN 1 ELSE 0 END),
                       SUM(CASE WHEN opened_at >= :monthStartTs THEN COALESCE(amount, 0) ELSE 0 END)
                  FROM recon_exception WHERE opened_at < :nextMonthTs
                 GROUP BY kind, bank_code ORDER BY kind, bank_code""", params(period), rs -> {
            List<Object> row = new ArrayList<>();
            row.add(rs.getString(1));
            row.add(rs.getString(2));
            for (int i = 0; i < 4; i++) {
                long n = rs.getLong(i + 3);
                counts[i] += n;
                row.add(n);
            }
            BigDecimal a = rs.getBigDecimal(7);
            amount[0] = amount[0].add(a);
            row.add(a);
            rows.add(row);
        });
        rows.add(new ArrayList<>(List.of(TableSpec.TOTAL, "", counts[0], counts[1], counts[2], counts[3], amount[0])));
        return new ReportTable(ReportTables.EXCEPTIONS, rows);
    }

    ReportTable alerts(ReportPeriod period) {
        List<List<Object>> rows = new ArrayList<>();
        long[] counts = new long[4];
        BigDecimal[] amount = {BigDecimal.ZERO};
        jdbc.query("""
                SELECT rule_code, SUM(CASE WHEN raised_at >= :monthStartTs THEN 1 ELSE 0 END), COUNT(*),
                       SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END), SUM(CASE WHEN status <> 'OPEN' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN raised_at >= :monthStartTs THEN COALESCE(amount, 0) ELSE 0 END)
                  FROM control_alert WHERE raised_at >= :yearStartTs AND raised_at < :nextMonthTs
                 GROUP BY rule_code ORDER BY rule_code""", params(period), rs -> {
            List<Object> row = new ArrayList<>();
            row.add(rs.getString(1));
            for (int i = 0; i < 4; i++) {
                long n = rs.getLong(i + 2);
                counts[i] += n;
                row.add(n);
            }
            BigDecimal a = rs.getBigDecimal(6);
            amount[0] = amount[0].add(a);
            row.add(a);
            rows.add(row);
        });
        rows.add(new ArrayList<>(List.of(TableSpec.TOTAL, counts[0], counts[1], counts[2], counts[3], amount[0])));
        return new ReportTable(ReportTables.ALERTS, rows);
    }

    ReportTable dailyPaid(ReportPeriod period) {
        Map<LocalDate, Object[]> days = new TreeMap<>();
        for (LocalDate d = period.monthStart(); !d.isAfter(period.monthEnd()); d = d.plusDays(1)) {
            days.put(d, new Object[] {0L, BigDecimal.ZERO});
        }
        jdbc.query("""
                SELECT p.paid_date, COUNT(*), SUM(p.amount)
                  FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE p.paid_date >= :monthStart AND p.paid_date <= :monthEnd AND p.status <> 'RETURNED'
                   AND v.st_year = :year
                 GROUP BY p.paid_date""", params(period), rs -> {
            days.put(rs.getDate(1).toLocalDate(), new Object[] {rs.getLong(2), rs.getBigDecimal(3)});
        });
        long count = 0;
        BigDecimal amount = BigDecimal.ZERO;
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, Object[]> e : days.entrySet()) {
            count += (Long) e.getValue()[0];
            amount = amount.add((BigDecimal) e.getValue()[1]);
            rows.add(List.of(e.getKey().toString(), e.getValue()[0], e.getValue()[1]));
        }
        rows.add(List.of(TableSpec.TOTAL, count, amount));
        return new ReportTable(ReportTables.DAILY_PAID, rows);
    }

    static MapSqlParameterSource params(ReportPeriod period) {
        return new MapSqlParameterSource("year", period.year()).addValue("month", period.monthNumber())
                .addValue("monthStart", Date.valueOf(period.monthStart()))
                .addValue("monthEnd", Date.valueOf(period.monthEnd()))
                .addValue("yearStart", Date.valueOf(period.yearStart()))
                .addValue("monthStartTs", ReportPeriod.startOf(period.monthStart()))
                .addValue("yearStartTs", ReportPeriod.startOf(period.yearStart()))
                .addValue("nextMonthTs", ReportPeriod.startOf(period.monthEnd().plusDays(1)));
    }

    /** {@code part} as a percentage of {@code whole}, two decimals; null when the whole is zero. */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    private static String prefix(String code, int digits) {
        if (code == null) {
            return null;
        }
        return code.length() <= digits ? code : code.substring(0, digits);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }

    private static void add(BigDecimal[] into, BigDecimal... values) {
        for (int i = 0; i < into.length; i++) {
            into[i] = into[i].add(values[i]);
        }
    }
}
