package org.jincai.core.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.alert.NewAlert;
import org.jincai.core.controls.ControlException;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.MoveObserver;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.formats.Problem;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Budget control on the payment path. At intake, inside the voucher's transaction, {@link #reserve} takes every
 * payment's amount from its indicator and its month's plan with conditional updates — {@code reserved = reserved
 * + amount} only where {@code approved - reserved - spent >= amount} — never a read then a write, so threads and
 * nodes together never take more than an indicator holds (the database's check constraint says the same). A
 * voucher whose payments cannot all be reserved is refused whole ({@link BudgetCodes}). Afterwards, as a
 * {@link MoveObserver} of the lifecycle, it releases a payment's reservation when the payment is cancelled or
 * rejected or fails, turns it into spent when the bank pays it, and gives it back when paid money is returned —
 * each once per payment, by a conditional update of the payment's reservation row.
 *
 * <p>A voucher whose payments are born later (a payroll run, after its approval) holds its totals instead
 * ({@link #hold}, the same conditional updates, one {@code budget_hold} row per indicator and plan); each payment
 * draws its reservation from the holds when it is born ({@link #draw}), and what none drew is given back when the
 * voucher is rejected or its run ends ({@link #releaseHeld}).
 *
 * <p>Locks are taken in one order everywhere (a voucher's holds — indicators' before plans', each by id — then
 * reservation rows, then indicators by id, then plans by id, then the audit trail's head), so two transactions
 * never wait on each other in a circle.
 */
public class BudgetControl implements MoveObserver {

    public static final String INDICATOR = "BUDGET_INDICATOR";
    public static final String PLAN = "BUDGET_PLAN";

    /** A hold's {@code target_kind}: of an indicator, of a plan. */
    private static final String HELD_INDICATOR = "INDICATOR";
    private static final String HELD_PLAN = "PLAN";

    private static final Reserved OFF = new Reserved(List.of(), "budget control off: passed without a check");

    /** What a payment's reservation becomes when it moves to one of these states. */
    private static final Set<PaymentStatus> RELEASING = EnumSet.of(PaymentStatus.CANCELLED, PaymentStatus.REJECTED,
            PaymentStatus.FAILED);

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditTrail audit;
    private final BudgetOptions options;
    private final Clock clock;

    public BudgetControl(NamedParameterJdbcTemplate jdbc, AuditTrail audit, BudgetOptions options, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.options = options;
        this.clock = clock;
    }

    public BudgetOptions options() {
        return options;
    }

    /** One payment to reserve: its subject, its month's plan, its amount and where it is in its voucher. */
    public record Need(String paymentId, BudgetSubject subject, PlanKey plan, BigDecimal amount, String location) {
    }

    /** What a reservation did: the warnings it raised and a line for the payments' trail. */
    public record Reserved(List<NewAlert> warnings, String summary) {
    }

    /**
     * Reserves every payment of one voucher against its indicator (and its month's plan when plans are
     * controlled), inside the caller's transaction. Refuses the voucher whole when any payment has no indicator
     * ({@value BudgetCodes#BUDGET_SUBJECT_NOT_FOUND}), would overdraw it ({@value BudgetCodes#BUDGET_EXCEEDED}) or
     * its plan ({@value BudgetCodes#PLAN_EXCEEDED}): the exception rolls the caller's transaction back, and every
     * problem found is named.
     */
    public Reserved reserve(String voucherId, String voucherNo, List<Need> needs, String actor, AuditEntry.Channel channel) {
        if (!options.enabled()) {
            return OFF;
        }
        return takeAndRecord(voucherId, voucherNo, needs, actor, channel, "reserved", this::insertReservations);
    }

    /**
     * Holds the budget for a voucher whose payments do not exist yet (a payroll run before its approval), inside the
     * caller's transaction: {@code needs} are its totals — one per (agency, subject) and month's plan, without a
     * payment ({@link Need#paymentId()} null). Checks, takes, warns and audits exactly as {@link #reserve} does —
     * {@code reserved} of each indicator and plan grows by its total where available, the voucher is refused whole
     * with every problem named ({@value BudgetCodes#BUDGET_SUBJECT_NOT_FOUND}, {@value BudgetCodes#BUDGET_EXCEEDED},
     * {@value BudgetCodes#PLAN_EXCEEDED}), {@code BUDGET_RESERVED} is appended per indicator and plan — but records
     * one {@code budget_hold} row per indicator and per plan instead of a reservation per payment: the payments draw
     * on them when they are born ({@link #draw}), and what they do not draw is given back by {@link #releaseHeld}.
     *
     * <p>A voucher that holds already (its holds committed before) is not held again: the call changes nothing and
     * says so in the summary, whatever {@code needs} are. Two calls at once for one voucher take the budget once: the
     * second one's hold rows collide with the first one's key and its transaction rolls back. With budget control
     * off it does nothing.
     */
    public Reserved hold(String voucherId, String voucherNo, List<Need> needs, String actor, AuditEntry.Channel channel) {
        if (!options.enabled()) {
            return OFF;
        }
        Timestamp since = jdbc.queryForObject("SELECT MIN(held_at) FROM budget_hold WHERE voucher_id = :v",
                new MapSqlParameterSource("v", voucherId), Timestamp.class);
        if (since != null) {
            return new Reserved(List.of(), "budget already held for voucher " + voucherNo + " since "
                    + since.toInstant() + ": nothing taken again");
        }
        return takeAndRecord(voucherId, voucherNo, needs, actor, channel, "held", (indicators, plans, now) -> {
            List<SqlParameterSource> rows = new ArrayList<>();
            indicators.forEach((id, list) -> rows.add(holdRow(voucherId, HELD_INDICATOR, id, total(list), now)));
            plans.forEach((id, list) -> rows.add(holdRow(voucherId, HELD_PLAN, id, total(list), now)));
            jdbc.batchUpdate("""
                    INSERT INTO budget_hold (voucher_id, target_kind, target_id, amount, drawn, released, held_at)
                    VALUES (:voucher, :kind, :id, :amount, 0, 0, :now)""", rows.toArray(SqlParameterSource[]::new));
        });
    }

    private static SqlParameterSource holdRow(String voucherId, String kind, String id, BigDecimal amount,
                                              Timestamp now) {
        return new MapSqlParameterSource("voucher", voucherId).addValue("kind", kind).addValue("id", id)
                .addValue("amount", amount).addValue("now", now);
    }

    /**
     * Draws the reservations of payments being born from what their voucher holds ({@link #hold}), in the caller's
     * transaction: each payment gets its {@code budget_reservation} (RESERVED, the indicator and — with plan control —
     * the plan its subject and plan keys name, its amount), which the lifecycle then releases, spends or gives back
     * like any other ({@link #moved}); each hold's {@code drawn} grows by the sum of its payments, by one conditional
     * update per hold ({@code amount - drawn - released >= sum}, the hold not settled). The indicators and plans do
     * not change: the hold took their amounts already. Payments that need more than a hold has left, or whose
     * subject or plan their voucher holds nothing of (or whose hold was released), are refused
     * {@value BudgetCodes#BUDGET_HOLD_EXCEEDED} with every problem named, and the exception rolls the caller's
     * transaction back. The payments must be stored already. Per call: one query resolves the holds of the distinct
     * keys (per {@value PaymentRepository#IN_CHUNK} keys), one batch updates the holds, one batch inserts the
     * reservations. With budget control off it does nothing.
     */
    public void draw(String voucherId, List<Need> needs) {
        if (!options.enabled() || needs.isEmpty()) {
            return;
        }
        Map<String, List<Need>> bySubject = new LinkedHashMap<>();
        Map<String, List<Need>> byPlan = new LinkedHashMap<>();
        for (Need n : needs) {
            bySubject.computeIfAbsent(n.subject().key(), k -> new ArrayList<>()).add(n);
            if (options.planControl()) {
                byPlan.computeIfAbsent(n.plan().key(), k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, String> indicatorIds = new HashMap<>();
        Map<String, String> planIds = new HashMap<>();
        heldIds(voucherId, List.copyOf(bySubject.keySet()), List.copyOf(byPlan.keySet()), indicatorIds, planIds);
        List<Problem> problems = new ArrayList<>();
        bySubject.forEach((key, list) -> {
            if (!indicatorIds.containsKey(key)) {
                problems.add(Problem.of(BudgetCodes.BUDGET_HOLD_EXCEEDED, describe(list) + " of indicator "
                        + list.get(0).subject() + " need " + total(list) + " CNY, which voucher " + voucherId
                        + " holds nothing of", list.get(0).location()));
            }
        });
        byPlan.forEach((key, list) -> {
            if (!planIds.containsKey(key)) {
                problems.add(Problem.of(BudgetCodes.BUDGET_HOLD_EXCEEDED, describe(list) + " of the plan of "
                        + list.get(0).plan() + " need " + total(list) + " CNY, which voucher " + voucherId
                        + " holds nothing of", list.get(0).location()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.CONFLICT, problems);
        }
        TreeMap<String, List<Need>> indicators = new TreeMap<>();
        bySubject.forEach((key, list) -> indicators.put(indicatorIds.get(key), list));
        TreeMap<String, List<Need>> plans = new TreeMap<>();
        byPlan.forEach((key, list) -> plans.put(planIds.get(key), list));
        // the holds first, indicators' before plans', each by id: the order every transaction locks them in
        record Target(String kind, String id, List<Need> needs, String name) {
        }
        List<Target> targets = new ArrayList<>();
        indicators.forEach((id, list) -> targets.add(new Target(HELD_INDICATOR, id, list,
                "indicator " + list.get(0).subject())));
        plans.forEach((id, list) -> targets.add(new Target(HELD_PLAN, id, list, "the plan of " + list.get(0).plan())));
        int[] counts = jdbc.batchUpdate("UPDATE budget_hold SET drawn = drawn + :sum WHERE voucher_id = :v"
                        + " AND target_kind = :kind AND target_id = :id AND settled_at IS NULL"
                        + " AND amount - drawn - released >= :sum",
                targets.stream().map(t -> new MapSqlParameterSource("v", voucherId).addValue("kind", t.kind())
                        .addValue("id", t.id()).addValue("sum", total(t.needs()))).toArray(SqlParameterSource[]::new));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                Target t = targets.get(i);
                Map<String, Object> left = jdbc.queryForMap("SELECT amount - drawn - released AS left_over, settled_at"
                        + " FROM budget_hold WHERE voucher_id = :v AND target_kind = :kind AND target_id = :id",
                        new MapSqlParameterSource("v", voucherId).addValue("kind", t.kind()).addValue("id", t.id()));
                problems.add(Problem.of(BudgetCodes.BUDGET_HOLD_EXCEEDED, describe(t.needs()) + " need "
                        + total(t.needs()) + " CNY of " + t.name() + ", of which voucher " + voucherId
                        + (left.get("settled_at") != null ? "'s hold was released already"
                        : " holds " + left.get("left_over") + " not drawn yet"), t.needs().get(0).location()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.CONFLICT, problems);
        }
        insertReservations(indicators, plans, Timestamp.from(clock.instant()));
    }

    /**
     * The ids of the indicators and plans {@code voucherId} holds, by subject key and plan key, for the keys given:
     * one query per {@value PaymentRepository#IN_CHUNK} keys of each kind.
     */
    private void heldIds(String voucherId, List<String> subjects, List<String> plans, Map<String, String> indicatorIds,
                         Map<String, String> planIds) {
        for (int i = 0; i < Math.max(subjects.size(), plans.size()); i += PaymentRepository.IN_CHUNK) {
            List<String> s = subjects.subList(Math.min(i, subjects.size()),
                    Math.min(subjects.size(), i + PaymentRepository.IN_CHUNK));
            List<String> p = plans.subList(Math.min(i, plans.size()), Math.min(plans.size(), i + PaymentRepository.IN_CHUNK));
            List<String> parts = new ArrayList<>();
            if (!s.isEmpty()) {
                parts.add("SELECT h.target_kind, i.subject_key, h.target_id FROM budget_hold h"
                        + " JOIN budget_indicator i ON i.indicator_id = h.target_id"
                        + " WHERE h.voucher_id = :v AND h.target_kind = :indicator AND i.subject_key IN (:subjects)");
            }
            if (!p.isEmpty()) {
                parts.add("SELECT h.target_kind, p.plan_key, h.target_id FROM budget_hold h"
                        + " JOIN budget_plan p ON p.plan_id = h.target_id"
                        + " WHERE h.voucher_id = :v AND h.target_kind = :plan AND p.plan_key IN (:plans)");
            }
            jdbc.query(String.join(" UNION ALL ", parts), new MapSqlParameterSource("v", voucherId)
                    .addValue("indicator", HELD_INDICATOR).addValue("plan", HELD_PLAN).addValue("subjects", s)
                    .addValue("plans", p), rs -> {
                        (HELD_INDICATOR.equals(rs.getString(1)) ? indicatorIds : planIds)
                                .put(rs.getString(2), rs.getString(3));
                    });
        }
    }

    /**
     * Releases what a voucher's holds still hold — {@code amount - drawn - released} of each, what no payment drew —
     * back to its indicator or plan ({@code reserved} less that), in the caller's transaction: each hold once, by a
     * conditional update that settles it ({@code settled_at}), after its rows are locked (the holds, then the
     * indicators by id, then the plans by id, then the audit trail). Each indicator and plan given something back is
     * audited {@code BUDGET_RELEASED} with its figures before and after and {@code reason}. A second call, or a
     * voucher that holds nothing, changes nothing; payments drawn keep their reservations, which their own moves
     * settle. Runs whether budget control is on or off: what was held is given back either way.
     */
    public void releaseHeld(String voucherId, String actor, String reason) {
        record Left(String kind, String id, BigDecimal amount) {
        }
        List<Left> left = jdbc.query("""
                SELECT target_kind, target_id, amount - drawn - released FROM budget_hold
                 WHERE voucher_id = :v AND settled_at IS NULL ORDER BY target_kind, target_id FOR UPDATE""",
                new MapSqlParameterSource("v", voucherId),
                (rs, n) -> new Left(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
        if (left.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int[] counts = jdbc.batchUpdate("UPDATE budget_hold SET released = released + :r, settled_at = :now"
                        + " WHERE voucher_id = :v AND target_kind = :kind AND target_id = :id AND settled_at IS NULL"
                        + " AND amount - drawn - released = :r",
                left.stream().map(l -> new MapSqlParameterSource("v", voucherId).addValue("kind", l.kind())
                        .addValue("id", l.id()).addValue("r", l.amount()).addValue("now", now))
                        .toArray(SqlParameterSource[]::new));
        TreeMap<String, List<Held>> indicators = new TreeMap<>();
        TreeMap<String, List<Held>> plans = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            Left l = left.get(i);
            if (counts[i] != 0 && l.amount().signum() > 0) {
                boolean indicator = HELD_INDICATOR.equals(l.kind());
                (indicator ? indicators : plans).put(l.id(), List.of(new Held(null, indicator ? l.id() : null,
                        indicator ? null : l.id(), l.amount(), Settlement.RELEASE)));
            }
        }
        if (indicators.isEmpty() && plans.isEmpty()) {
            return;
        }
        String voucherNo = jdbc.queryForObject("SELECT voucher_no FROM voucher WHERE voucher_id = :v",
                new MapSqlParameterSource("v", voucherId), String.class);
        Function<List<Held>, String> why = held -> "held for voucher " + voucherNo + " and drawn by no payment: "
                + reason;
        apply("budget_indicator", "indicator_id", "subject_key", INDICATOR, indicators, now, actor, why);
        apply("budget_plan", "plan_id", "plan_key", PLAN, plans, now, actor, why);
    }

    /**
     * Checks and takes what {@code needs} need of their indicators (and plans), then has {@code record} write what
     * holds it, then warns and audits — all of {@link #reserve} and {@link #hold} but what they write.
     */
    private Reserved takeAndRecord(String voucherId, String voucherNo, List<Need> needs, String actor,
                                   AuditEntry.Channel channel, String verb, Recorder record) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Need>> bySubject = new LinkedHashMap<>();
        Map<String, List<Need>> byPlan = new LinkedHashMap<>();
        for (Need n : needs) {
            List<String> missing = n.subject().missing();
            if (!missing.isEmpty()) {
                problems.add(Problem.of(BudgetCodes.BUDGET_SUBJECT_NOT_FOUND, (n.paymentId() == null ? "the total's"
                        : "the payment's") + " budget subject lacks " + String.join(", ", missing), n.location()));
                continue;
            }
            bySubject.computeIfAbsent(n.subject().key(), k -> new ArrayList<>()).add(n);
            if (options.planControl()) {
                byPlan.computeIfAbsent(n.plan().key(), k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, String> indicatorIds = ids("budget_indicator", "indicator_id", "subject_key", bySubject.keySet());
        Map<String, String> planIds = ids("budget_plan", "plan_id", "plan_key", byPlan.keySet());
        bySubject.forEach((key, list) -> {
            if (!indicatorIds.containsKey(key)) {
                problems.add(Problem.of(BudgetCodes.BUDGET_SUBJECT_NOT_FOUND, "no budget indicator for "
                        + list.get(0).subject() + " (" + describe(list) + ")", list.get(0).location()));
            }
        });
        byPlan.forEach((key, list) -> {
            if (!planIds.containsKey(key)) {
                problems.add(Problem.of(BudgetCodes.PLAN_EXCEEDED, "no plan for " + list.get(0).plan()
                        + ": nothing available for " + total(list) + " (" + describe(list) + ")", list.get(0).location()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.INVALID, problems);
        }
        Timestamp now = Timestamp.from(clock.instant());
        // by id: the order every transaction locks indicators (and plans) in
        TreeMap<String, List<Need>> indicators = new TreeMap<>();
        bySubject.forEach((key, list) -> indicators.put(indicatorIds.get(key), list));
        TreeMap<String, List<Need>> plans = new TreeMap<>();
        byPlan.forEach((key, list) -> plans.put(planIds.get(key), list));
        take("budget_indicator", "indicator_id", indicators, now, BudgetCodes.BUDGET_EXCEEDED, problems,
                list -> "indicator " + list.get(0).subject());
        take("budget_plan", "plan_id", plans, now, BudgetCodes.PLAN_EXCEEDED, problems,
                list -> "the plan of " + list.get(0).plan());
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.INVALID, problems);
        }
        record.record(indicators, plans, now);
        List<NewAlert> warnings = new ArrayList<>();
        String why = verb + " for voucher " + voucherNo;
        for (Balance b : balances("budget_indicator", "indicator_id", "subject_key", indicators)) {
            warn(b, AlertRules.BUDGET_WARNING, "indicator", voucherId, voucherNo, indicators.get(b.id()).get(0), warnings);
            audit.append(AuditEntry.of(actor, channel, "BUDGET_RESERVED", INDICATOR, b.key())
                    .change(b.before(), b.after()).because(why + " (" + describe(indicators.get(b.id())) + ")"));
        }
        for (Balance b : balances("budget_plan", "plan_id", "plan_key", plans)) {
            warn(b, AlertRules.PLAN_WARNING, "plan", voucherId, voucherNo, plans.get(b.id()).get(0), warnings);
            audit.append(AuditEntry.of(actor, channel, "BUDGET_RESERVED", PLAN, b.key())
                    .change(b.before(), b.after()).because(why + " (" + describe(plans.get(b.id())) + ")"));
        }
        return new Reserved(warnings, "budget " + verb + ": " + total(needs) + " CNY from " + indicators.size()
                + " indicator(s)" + (options.planControl() ? " and " + plans.size() + " monthly plan(s)" : ""));
    }

    /** What holds the amounts {@link #takeAndRecord} took: the rows it writes, indicators and plans by id. */
    @FunctionalInterface
    private interface Recorder {
        void record(TreeMap<String, List<Need>> indicators, TreeMap<String, List<Need>> plans, Timestamp now);
    }

    /** One RESERVED reservation per payment, with its indicator and (when plans are controlled) its plan. */
    private void insertReservations(TreeMap<String, List<Need>> indicators, TreeMap<String, List<Need>> plans,
                                    Timestamp now) {
        Map<String, String> planOf = new HashMap<>();
        plans.forEach((id, list) -> list.forEach(n -> planOf.put(n.paymentId(), id)));
        List<Map.Entry<String, Need>> rows = new ArrayList<>();
        indicators.forEach((id, list) -> list.forEach(n -> rows.add(Map.entry(id, n))));
        if (rows.isEmpty()) {
            return;
        }
        // positional parameters: a payroll file's thousand reservations in one batch, no name looked up per value
        jdbc.getJdbcTemplate().batchUpdate("""
                INSERT INTO budget_reservation (payment_id, indicator_id, plan_id, amount, state, reserved_at)
                VALUES (?, ?, ?, ?, 'RESERVED', ?)""", rows, rows.size(), (ps, row) -> {
                    Need n = row.getValue();
                    ps.setString(1, n.paymentId());
                    ps.setString(2, row.getKey());
                    ps.setString(3, planOf.get(n.paymentId()));
                    ps.setBigDecimal(4, n.amount());
                    ps.setTimestamp(5, now);
                });
    }

    /** The conditional updates of one table, in id order; every row that cannot give its amount is a problem. */
    private void take(String table, String idColumn, TreeMap<String, List<Need>> targets, Timestamp now, String code,
                      List<Problem> problems, Function<List<Need>, String> name) {
        if (targets.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(targets.keySet());
        int[] counts = jdbc.batchUpdate("UPDATE " + table + " SET reserved = reserved + :amount, updated_at = :now"
                        + " WHERE " + idColumn + " = :id AND approved - reserved - spent >= :amount",
                ids.stream().map(id -> new MapSqlParameterSource("id", id).addValue("amount", total(targets.get(id)))
                        .addValue("now", now)).toArray(SqlParameterSource[]::new));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                List<Need> list = targets.get(ids.get(i));
                BigDecimal available = jdbc.queryForObject("SELECT approved - reserved - spent FROM " + table
                        + " WHERE " + idColumn + " = :id", new MapSqlParameterSource("id", ids.get(i)), BigDecimal.class);
                problems.add(Problem.of(code, describe(list) + (list.size() == 1 ? " needs " : " need ") + total(list)
                        + " CNY from " + name.apply(list)
                        + ", which has " + available + " available", list.get(0).location()));
            }
        }
    }

    /** An indicator's or plan's figures after a change, with what they were before it. */
    private record Balance(String id, String key, BigDecimal approved, BigDecimal reserved, BigDecimal spent,
                           BigDecimal reservedBefore, BigDecimal spentBefore) {

        String before() {
            return "reserved " + reservedBefore + ", spent " + spentBefore + " of " + approved;
        }

        String after() {
            return "reserved " + reserved + ", spent " + spent + " of " + approved;
        }
    }

    private List<Balance> balances(String table, String idColumn, String keyColumn, TreeMap<String, List<Need>> changed) {
        if (changed.isEmpty()) {
            return List.of();
        }
        Map<String, Balance> found = new HashMap<>();
        jdbc.query("SELECT " + idColumn + ", " + keyColumn + ", approved, reserved, spent FROM " + table + " WHERE "
                        + idColumn + " IN (:ids)", new MapSqlParameterSource("ids", changed.keySet()),
                rs -> {
                    BigDecimal amount = total(changed.get(rs.getString(1)));
                    found.put(rs.getString(1), new Balance(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(4).subtract(amount),
                            rs.getBigDecimal(5)));
                });
        return changed.keySet().stream().map(found::get).toList();
    }

    /** An alert when this reservation took the indicator (or plan) past the warning threshold. */
    private void warn(Balance b, String rule, String what, String voucherId, String voucherNo, Need first,
                      List<NewAlert> warnings) {
        if (b.approved().signum() == 0) {
            return;
        }
        BigDecimal threshold = b.approved().multiply(options.warningThreshold());
        BigDecimal usedAfter = b.reserved().add(b.spent());
        BigDecimal usedBefore = b.reservedBefore().add(b.spentBefore());
        if (usedBefore.compareTo(threshold) < 0 && usedAfter.compareTo(threshold) >= 0) {
            BigDecimal share = usedAfter.multiply(BigDecimal.valueOf(100)).divide(b.approved(), 1, RoundingMode.DOWN);
            warnings.add(new NewAlert(rule + "|" + b.id() + "|" + voucherId, rule, false, voucherId, first.paymentId(),
                    first.subject().admDivCode(), first.subject().agencyCode(), null, usedAfter,
                    what + " " + b.key() + " is " + share + "% used after voucher " + voucherNo + " (" + b.after()
                            + "; warning at " + options.warningThreshold().multiply(BigDecimal.valueOf(100))
                            .stripTrailingZeros().toPlainString() + "%)"));
        }
    }

    /** What a move does to a payment's reservation: its state before and after, and the signs of the change. */
    private enum Settlement {
        RELEASE("RESERVED", "RELEASED", BigDecimal.ONE.negate(), BigDecimal.ZERO, "BUDGET_RELEASED"),
        SPEND("RESERVED", "SPENT", BigDecimal.ONE.negate(), BigDecimal.ONE, "BUDGET_SPENT"),
        GIVE_BACK("SPENT", "RETURNED", BigDecimal.ZERO, BigDecimal.ONE.negate(), "BUDGET_RETURNED");

        final String from;
        final String to;
        final BigDecimal reservedSign;
        final BigDecimal spentSign;
        final String action;

        Settlement(String from, String to, BigDecimal reservedSign, BigDecimal spentSign, String action) {
            this.from = from;
            this.to = to;
            this.reservedSign = reservedSign;
            this.spentSign = spentSign;
            this.action = action;
        }
    }

    /**
     * Releases, spends or gives back the reservations of payments that moved, in the caller's transaction: to
     * CANCELLED, REJECTED or FAILED releases (reserved − amount), to PAID spends (reserved − amount, spent +
     * amount), to RETURNED gives back what was spent (spent − amount). Payments without a reservation (taken while
     * budget control was off) are left alone; a payment whose reservation already moved changes nothing again.
     *
     * <p>However the moves mix, the indicators and plans change in one step at the end — every indicator in id
     * order, then every plan in id order — so a transaction never holds a plan while it waits for an indicator.
     */
    @Override
    public void moved(List<Move> moves, String actor) {
        Map<Settlement, List<String>> byKind = new EnumMap<>(Settlement.class);
        for (Move m : moves) {
            Settlement kind = RELEASING.contains(m.to()) ? Settlement.RELEASE
                    : m.to() == PaymentStatus.PAID ? Settlement.SPEND
                    : m.to() == PaymentStatus.RETURNED ? Settlement.GIVE_BACK : null;
            if (kind != null) {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(m.paymentId());
            }
        }
        if (byKind.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Held> moved = new ArrayList<>();
        byKind.forEach((kind, ids) -> moved.addAll(settle(ids, kind, now)));
        TreeMap<String, List<Held>> indicators = moved.stream().collect(Collectors.groupingBy(Held::indicatorId,
                TreeMap::new, Collectors.toList()));
        TreeMap<String, List<Held>> plans = moved.stream().filter(h -> h.planId() != null)
                .collect(Collectors.groupingBy(Held::planId, TreeMap::new, Collectors.toList()));
        Function<List<Held>, String> why = payments -> payments.size() + " payment(s) " + payments.get(0).kind().to
                + ": " + payments.stream().map(Held::paymentId).limit(20).collect(Collectors.joining(","))
                + (payments.size() > 20 ? ",…" : "");
        apply("budget_indicator", "indicator_id", "subject_key", INDICATOR, indicators, now, actor, why);
        apply("budget_plan", "plan_id", "plan_key", PLAN, plans, now, actor, why);
    }

    private record Held(String paymentId, String indicatorId, String planId, BigDecimal amount, Settlement kind) {
    }

    /**
     * Moves the reservations of {@code paymentIds} as {@code kind} says — each by a conditional update, so only
     * once — and returns those that moved.
     */
    private List<Held> settle(List<String> paymentIds, Settlement kind, Timestamp now) {
        List<Held> held = new ArrayList<>();
        for (int i = 0; i < paymentIds.size(); i += PaymentRepository.IN_CHUNK) {
            held.addAll(jdbc.query("""
                    SELECT payment_id, indicator_id, plan_id, amount FROM budget_reservation
                     WHERE payment_id IN (:ids) AND state = :from""",
                    new MapSqlParameterSource("ids", paymentIds.subList(i, Math.min(paymentIds.size(),
                            i + PaymentRepository.IN_CHUNK))).addValue("from", kind.from),
                    (rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), kind)));
        }
        if (held.isEmpty()) {
            return List.of();
        }
        held.sort(Comparator.comparing(Held::paymentId));
        int[] counts = jdbc.batchUpdate("UPDATE budget_reservation SET state = :to, settled_at = :now"
                        + " WHERE payment_id = :id AND state = :from",
                held.stream().map(h -> new MapSqlParameterSource("id", h.paymentId()).addValue("to", kind.to)
                        .addValue("from", kind.from).addValue("now", now)).toArray(SqlParameterSource[]::new));
        List<Held> moved = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                moved.add(held.get(i));
            }
        }
        return moved;
    }

    /**
     * Changes reserved and spent of each target row by what its settled payments (or released holds) add up to —
     * one update per row, in id order — and audits each kind of change as a step from the row's figures before to
     * after, {@code because} saying why from the step's payments.
     */
    private void apply(String table, String idColumn, String keyColumn, String objectType,
                       TreeMap<String, List<Held>> targets, Timestamp now, String actor,
                       Function<List<Held>, String> because) {
        if (targets.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE " + table + " SET reserved = reserved + :r, spent = spent + :s, updated_at = :now"
                        + " WHERE " + idColumn + " = :id",
                targets.entrySet().stream().map(e -> new MapSqlParameterSource("id", e.getKey())
                        .addValue("r", delta(e.getValue(), k -> k.reservedSign))
                        .addValue("s", delta(e.getValue(), k -> k.spentSign)).addValue("now", now))
                        .toArray(SqlParameterSource[]::new));
        record After(String key, BigDecimal approved, BigDecimal reserved, BigDecimal spent, List<Held> payments) {
        }
        List<After> after = jdbc.query("SELECT " + idColumn + ", " + keyColumn + ", approved, reserved, spent FROM "
                        + table + " WHERE " + idColumn + " IN (:ids) ORDER BY " + idColumn,
                new MapSqlParameterSource("ids", targets.keySet()), (rs, n) -> new After(rs.getString(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), targets.get(rs.getString(1))));
        for (After a : after) {
            BigDecimal reserved = a.reserved().subtract(delta(a.payments(), k -> k.reservedSign));
            BigDecimal spent = a.spent().subtract(delta(a.payments(), k -> k.spentSign));
            Map<Settlement, List<Held>> byKind = a.payments().stream().collect(Collectors.groupingBy(Held::kind,
                    () -> new EnumMap<>(Settlement.class), Collectors.toList()));
            for (Map.Entry<Settlement, List<Held>> step : byKind.entrySet()) {
                List<Held> payments = step.getValue();
                BigDecimal reservedAfter = reserved.add(delta(payments, k -> k.reservedSign));
                BigDecimal spentAfter = spent.add(delta(payments, k -> k.spentSign));
                audit.append(AuditEntry.of(actor, AuditEntry.Channel.SYSTEM, step.getKey().action, objectType, a.key())
                        .change("reserved " + reserved + ", spent " + spent + " of " + a.approved(),
                                "reserved " + reservedAfter + ", spent " + spentAfter + " of " + a.approved())
                        .because(because.apply(payments)));
                reserved = reservedAfter;
                spent = spentAfter;
            }
        }
    }

    /** The change the payments make to one figure: each amount times its settlement's sign for that figure. */
    private static BigDecimal delta(List<Held> payments, Function<Settlement, BigDecimal> sign) {
        return payments.stream().map(h -> h.amount().multiply(sign.apply(h.kind()))).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    /** The ids of the rows whose key column holds one of {@code keys}, by key. */
    private Map<String, String> ids(String table, String idColumn, String keyColumn, Set<String> keys) {
        Map<String, String> ids = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int i = 0; i < all.size(); i += PaymentRepository.IN_CHUNK) {
            jdbc.query("SELECT " + keyColumn + ", " + idColumn + " FROM " + table + " WHERE " + keyColumn + " IN (:keys)",
                    new MapSqlParameterSource("keys", all.subList(i, Math.min(all.size(), i + PaymentRepository.IN_CHUNK))),
                    rs -> {
                        ids.put(rs.getString(1), rs.getString(2));
                    });
        }
        return ids;
    }

    private static BigDecimal total(List<Need> needs) {
        return needs.stream().map(Need::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    /** How many payments (or, for a hold, totals) a problem is about. */
    private static String describe(List<Need> needs) {
        return needs.size() + (needs.get(0).paymentId() == null ? " total" : " payment") + (needs.size() == 1 ? "" : "s");
    }
}
