package org.jincai.core.risk;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.alert.AlertService;
import org.jincai.core.alert.NewAlert;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.controls.Actor;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.ReleaseService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The risk rules (风险防控), as {@link RiskOptions} configure them. At intake, inside the voucher's transaction and
 * after its payments are stored, {@link #evaluate} checks the voucher against what the hub already holds: the payer
 * account's day total, the same payee and amount again within days, several payments to one payee in a day each
 * just under an approval threshold, the block list, and the payee's name against the names the account was paid
 * under. Each hit is an alert; a hit of a holding rule holds the voucher for one more approval level. The rules are
 * heuristics over committed payments, not limits (the budget is the limit): two vouchers taken at the same instant
 * do not see each other. {@link #scanDormant} finds accounts that went quiet; the scheduler will run it nightly.
 */
public class RiskService {

    private final NamedParameterJdbcTemplate jdbc;
    private final AlertService alerts;
    private final AuditTrail audit;
    private final BankCalendar calendar;
    private final RiskOptions options;
    private final Clock clock;

    public RiskService(NamedParameterJdbcTemplate jdbc, AlertService alerts, AuditTrail audit, BankCalendar calendar,
                       RiskOptions options, Clock clock) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.audit = audit;
        this.calendar = calendar;
        this.options = options;
        this.clock = clock;
    }

    public RiskOptions options() {
        return options;
    }

    /** One payment of the voucher under check. */
    public record Credit(String paymentId, String payeeAcctNo, String payeeName, BigDecimal amount, String location) {
    }

    /** The voucher under check: its payer account, the day the hub received it, and its payments. */
    public record Voucher(String voucherId, String voucherNo, String admDivCode, String agencyCode, String payAcctNo,
                          LocalDate day, List<Credit> credits) {
    }

    /** A payment the hub already holds to one of the voucher's payees. */
    private record Earlier(String paymentId, String voucherId, String voucherNo, String payeeAcctNo, BigDecimal amount,
                           LocalDate day) {
    }

    /**
     * The alerts the voucher raises, holding ones marked; {@code thresholds} are the approval rules' amounts
     * (what splitting aims under).
     */
    public List<NewAlert> evaluate(Voucher v, List<BigDecimal> thresholds) {
        if (!options.enabled() || v.credits().isEmpty()) {
            return List.of();
        }
        List<NewAlert> hits = new ArrayList<>();
        dailyTotal(v, hits);
        List<String> payees = v.credits().stream().map(Credit::payeeAcctNo).distinct().toList();
        List<Earlier> earlier = options.duplicate().enabled() || options.splitting().enabled()
                ? earlier(v, payees) : List.of();
        duplicates(v, earlier, hits);
        splitting(v, earlier, thresholds, hits);
        blocked(v, hits);
        names(v, payees, hits);
        return hits;
    }

    private void dailyTotal(Voucher v, List<NewAlert> hits) {
        RiskOptions.DailyTotal rule = options.dailyTotal();
        if (!rule.enabled()) {
            return;
        }
        BigDecimal total = jdbc.queryForObject("""
                SELECT COALESCE(SUM(amount), 0) FROM payment
                 WHERE pay_acct_no = :acct AND received_on = :day AND status <> 'CANCELLED'""",
                new MapSqlParameterSource("acct", v.payAcctNo()).addValue("day", v.day()), BigDecimal.class);
        BigDecimal mine = v.credits().stream().map(Credit::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal before = total.subtract(mine);
        if (before.compareTo(rule.limit()) <= 0 && total.compareTo(rule.limit()) > 0) {
            hits.add(new NewAlert(AlertRules.DAILY_TOTAL + "|" + v.payAcctNo() + "|" + v.day() + "|" + v.voucherId(),
                    AlertRules.DAILY_TOTAL, rule.hold(), v.voucherId(), null, v.admDivCode(), v.agencyCode(),
                    v.payAcctNo(), total, "payer account " + v.payAcctNo() + " pays " + total.setScale(2) + " CNY on "
                    + v.day() + " with voucher " + v.voucherNo() + ", above the day's limit of " + rule.limit()));
        }
    }

    /** The payments already held to these payees since the duplicate window opened, not failed or cancelled. */
    private List<Earlier> earlier(Voucher v, List<String> payees) {
        LocalDate from = v.day().minusDays(Math.max(options.duplicate().days(), 0));
        List<Earlier> found = new ArrayList<>();
        for (int i = 0; i < payees.size(); i += PaymentRepository.IN_CHUNK) {
            found.addAll(jdbc.query("""
                    SELECT p.payment_id, p.voucher_id, v.voucher_no, p.payee_acct_no, p.amount, p.received_on
                      FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                     WHERE p.payee_acct_no IN (:payees) AND p.received_on >= :from AND p.voucher_id <> :voucher
                       AND p.status NOT IN ('CANCELLED', 'REJECTED', 'FAILED')
                       AND NOT (p.status = 'RECEIPTED' AND p.paid_date IS NULL)
                     ORDER BY p.received_on, p.created_at, p.payment_id""",
                    new MapSqlParameterSource("payees", payees.subList(i, Math.min(payees.size(),
                            i + PaymentRepository.IN_CHUNK))).addValue("from", from).addValue("voucher", v.voucherId()),
                    (rs, n) -> new Earlier(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getObject(6, LocalDate.class))));
        }
        return found;
    }

    private void duplicates(Voucher v, List<Earlier> earlier, List<NewAlert> hits) {
        RiskOptions.Duplicate rule = options.duplicate();
        if (!rule.enabled()) {
            return;
        }
        List<Earlier> seen = new ArrayList<>(earlier);
        for (Credit c : v.credits()) {
            seen.stream().filter(e -> e.payeeAcctNo().equals(c.payeeAcctNo()) && e.amount().compareTo(c.amount()) == 0)
                    .findFirst().ifPresent(e -> hits.add(new NewAlert(AlertRules.DUPLICATE_PAYMENT + "|" + c.paymentId(),
                            AlertRules.DUPLICATE_PAYMENT, rule.hold(), v.voucherId(), c.paymentId(), v.admDivCode(),
                            v.agencyCode(), c.payeeAcctNo(), c.amount(), "possible duplicate: " + c.amount() + " CNY to "
                            + c.payeeAcctNo() + " " + c.payeeName() + " (" + c.location() + ") is "
                            + (e.voucherId().equals(v.voucherId()) ? "also in this voucher"
                            : "also paid by voucher " + e.voucherNo() + " received " + e.day()) + ", within "
                            + rule.days() + " days")));
            seen.add(new Earlier(c.paymentId(), v.voucherId(), v.voucherNo(), c.payeeAcctNo(), c.amount(), v.day()));
        }
    }

    private void splitting(Voucher v, List<Earlier> earlier, List<BigDecimal> thresholds, List<NewAlert> hits) {
        RiskOptions.Splitting rule = options.splitting();
        if (!rule.enabled() || thresholds.isEmpty()) {
            return;
        }
        for (Credit c : v.credits()) {
            for (BigDecimal t : thresholds) {
                BigDecimal floor = t.multiply(BigDecimal.ONE.subtract(rule.band()));
                if (!within(c.amount(), floor, t)) {
                    continue;
                }
                List<String> same = new ArrayList<>();
                earlier.stream().filter(e -> e.day().equals(v.day()) && e.payeeAcctNo().equals(c.payeeAcctNo())
                        && within(e.amount(), floor, t)).forEach(e -> same.add(e.amount() + " (voucher " + e.voucherNo()
                        + ")"));
                v.credits().stream().filter(o -> o != c && o.payeeAcctNo().equals(c.payeeAcctNo())
                        && within(o.amount(), floor, t)).forEach(o -> same.add(o.amount() + " (this voucher)"));
                if (same.size() + 1 >= rule.minCount()) {
                    hits.add(new NewAlert(AlertRules.SPLIT_PAYMENTS + "|" + c.paymentId(), AlertRules.SPLIT_PAYMENTS,
                            rule.hold(), v.voucherId(), c.paymentId(), v.admDivCode(), v.agencyCode(), c.payeeAcctNo(),
                            c.amount(), "possible split payment: " + c.amount() + " CNY to " + c.payeeAcctNo() + " "
                            + c.payeeName() + " on " + v.day() + ", just under the approval threshold " + t
                            + ", as are " + String.join(", ", same)));
                    break;
                }
            }
        }
    }

    private static boolean within(BigDecimal amount, BigDecimal floor, BigDecimal threshold) {
        return amount.compareTo(floor) >= 0 && amount.compareTo(threshold) < 0;
    }

    private void blocked(Voucher v, List<NewAlert> hits) {
        RiskOptions.BlockList rule = options.blockList();
        if (!rule.enabled() || rule.entries().isEmpty()) {
            return;
        }
        for (Credit c : v.credits()) {
            for (RiskOptions.BlockList.Entry e : rule.entries()) {
                boolean account = e.account() != null && !e.account().isBlank() && e.account().strip().equals(c.payeeAcctNo());
                boolean name = e.name() != null && !e.name().isBlank() && normalised(e.name()).equals(normalised(c.payeeName()));
                if (account || name) {
                    hits.add(new NewAlert(AlertRules.BLOCKED_PAYEE + "|" + c.paymentId(), AlertRules.BLOCKED_PAYEE,
                            rule.hold(), v.voucherId(), c.paymentId(), v.admDivCode(), v.agencyCode(), c.payeeAcctNo(),
                            c.amount(), "payee " + c.payeeAcctNo() + " " + c.payeeName() + " (" + c.location() + ") is on"
                            + " the block list by " + (account ? "account" : "name")
                            + (e.reason() == null ? "" : ": " + e.reason())));
                    break;
                }
            }
        }
    }

    private void names(Voucher v, List<String> payees, List<NewAlert> hits) {
        RiskOptions.NameMismatch rule = options.nameMismatch();
        if (!rule.enabled()) {
            return;
        }
        Map<String, Set<String>> known = new HashMap<>();
        Map<String, String> shown = new HashMap<>();
        for (int i = 0; i < payees.size(); i += PaymentRepository.IN_CHUNK) {
            jdbc.query("""
                    SELECT DISTINCT payee_acct_no, payee_acct_name FROM payment
                     WHERE payee_acct_no IN (:payees) AND paid_date IS NOT NULL AND voucher_id <> :voucher""",
                    new MapSqlParameterSource("payees", payees.subList(i, Math.min(payees.size(),
                            i + PaymentRepository.IN_CHUNK))).addValue("voucher", v.voucherId()),
                    rs -> {
                        known.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(normalised(rs.getString(2)));
                        shown.putIfAbsent(rs.getString(1), rs.getString(2));
                    });
        }
        for (Credit c : v.credits()) {
            Set<String> names = known.get(c.payeeAcctNo());
            if (names != null && !names.contains(normalised(c.payeeName()))) {
                hits.add(new NewAlert(AlertRules.PAYEE_NAME_MISMATCH + "|" + c.paymentId(), AlertRules.PAYEE_NAME_MISMATCH,
                        rule.hold(), v.voucherId(), c.paymentId(), v.admDivCode(), v.agencyCode(), c.payeeAcctNo(),
                        c.amount(), "account " + c.payeeAcctNo() + " was paid under the name '" + shown.get(c.payeeAcctNo())
                        + "' before; " + c.location() + " names '" + c.payeeName() + "'"));
            }
        }
    }

    /**
     * A name as compared: Unicode compatibility forms folded (full-width brackets and letters become their plain
     * forms), blanks removed, Latin letters in one case — "湖北某某（集团） 有限公司" and "湖北某某(集团)有限公司" are one name.
     */
    static String normalised(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /** What one dormancy scan found. */
    public record ScanResult(LocalDate asOf, List<LocalDate> quietDays, int accountsChecked, List<String> dormantAccounts) {
    }

    /**
     * Finds payer accounts with regular activity that went quiet: payments received on at least
     * {@code minActiveDays} of the {@code lookbackBankDays} bank days before the quiet window, and none in the
     * {@code quietBankDays} bank days up to {@code asOf}. Raises one alert per account and quiet window (a second
     * scan of the same day raises nothing new). Recorded in the audit trail.
     */
    public ScanResult scanDormant(LocalDate asOf, Actor who) {
        RiskOptions.Dormant rule = options.dormant();
        List<LocalDate> quiet = bankDaysBackFrom(asOf, rule.quietBankDays());
        List<LocalDate> lookback = bankDaysBackFrom(quiet.get(0).minusDays(1), rule.lookbackBankDays());
        if (!options.enabled() || !rule.enabled()) {
            return new ScanResult(asOf, quiet, 0, List.of());
        }
        Set<LocalDate> lookbackDays = new HashSet<>(lookback);
        Map<String, TreeSet<LocalDate>> active = new LinkedHashMap<>();
        jdbc.query("""
                SELECT pay_acct_no, received_on FROM payment
                 WHERE received_on >= :from AND received_on <= :to AND status <> 'CANCELLED'
                 GROUP BY pay_acct_no, received_on ORDER BY pay_acct_no, received_on""",
                new MapSqlParameterSource("from", lookback.get(0)).addValue("to", asOf), rs -> {
                    active.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
                });
        List<String> raised = new ArrayList<>();
        for (Map.Entry<String, TreeSet<LocalDate>> e : active.entrySet()) {
            long regular = e.getValue().stream().filter(lookbackDays::contains).count();
            boolean quietSince = e.getValue().stream().noneMatch(d -> !d.isBefore(quiet.get(0)));
            if (regular < rule.minActiveDays() || !quietSince) {
                continue;
            }
            String account = e.getKey();
            String[] where = whereOf(account);
            NewAlert alert = new NewAlert(AlertRules.DORMANT_ACCOUNT + "|" + account + "|" + quiet.get(0),
                    AlertRules.DORMANT_ACCOUNT, false, null, null, where[0], where[1], account, null,
                    "account " + account + " paid on " + regular + " of the " + lookback.size() + " bank days from "
                            + lookback.get(0) + " to " + lookback.get(lookback.size() - 1) + ", and on none of the "
                            + quiet.size() + " bank days from " + quiet.get(0) + " to " + asOf
                            + " (last payment " + e.getValue().last() + ")");
            if (alerts.raiseOnce(alert, who.name(), who.channel())) {
                raised.add(account);
            }
        }
        audit.append(AuditEntry.of(who.name(), who.channel(), "DORMANT_SCAN", "ALERT_SCAN", asOf.toString())
                .change(null, active.size() + " account(s) checked, " + raised.size() + " newly quiet")
                .because("quiet window " + quiet.get(0) + " to " + asOf + (raised.isEmpty() ? ""
                        : ": " + String.join(", ", raised))));
        return new ScanResult(asOf, quiet, active.size(), raised);
    }

    /** The {@code n} bank days ending on or before {@code last}, oldest first. */
    private List<LocalDate> bankDaysBackFrom(LocalDate last, int n) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = last; days.size() < n; d = d.minusDays(1)) {
            if (calendar.isBusinessDay(d)) {
                days.add(0, d);
            }
        }
        return days;
    }

    /** The division and agency of the account's latest voucher, so the alert falls in its users' scope. */
    private String[] whereOf(String account) {
        return jdbc.query("""
                SELECT v.adm_div_code, v.agency_code FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE p.pay_acct_no = :acct ORDER BY p.created_at DESC FETCH FIRST 1 ROWS ONLY""",
                new MapSqlParameterSource("acct", account), (rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .stream().findFirst().orElse(new String[] {null, null});
    }

    /** Today in Beijing: the day the banks and the risk rules count in. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ReleaseService.BANK_ZONE));
    }
}
