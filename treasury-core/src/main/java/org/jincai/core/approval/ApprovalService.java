package org.jincai.core.approval;

import static org.jincai.core.Digests.fit;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jincai.core.CrashPoints;
import org.jincai.core.Ids;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.AlertRules;
import org.jincai.core.alert.AlertService;
import org.jincai.core.alert.NewAlert;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval workflow (审批流程). At intake a voucher whose rule asks for levels — plus one level for a risk
 * rule's hold — gets an approval whose chain its payments wait on in PENDING_APPROVAL; the voucher is approved as
 * a whole, however many details it has. Each level is decided by one user who holds its role, inside their data
 * scope, in order. Maker-checker: the submitter of the voucher never approves it, and one person decides at most
 * one level of a chain. The last approval moves the payments to APPROVED (and files a notice 备案 when the rule
 * says so); a rejection, with its reason, ends the chain (that decision commits alone, with the release of what the
 * voucher's budget holds still hold), cancels the payments a chunk per commit — which releases their budget — and
 * returns the voucher upstream (退回) with the reason once none is left (a payroll run's voucher has no payment yet
 * and is answered by its run); an interrupted cancellation is finished by {@link #finishRejections}. Every decision
 * is a conditional update of the chain's current level, so two users can never decide the same level, and is
 * appended to the audit trail.
 */
public class ApprovalService {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    public static final String APPROVAL_NOT_FOUND = "APPROVAL_NOT_FOUND";
    public static final String APPROVAL_NOT_PENDING = "APPROVAL_NOT_PENDING";
    public static final String APPROVAL_ROLE_REQUIRED = "APPROVAL_ROLE_REQUIRED";
    public static final String SUBMITTER_CANNOT_APPROVE = "SUBMITTER_CANNOT_APPROVE";
    public static final String ONE_LEVEL_PER_APPROVER = "ONE_LEVEL_PER_APPROVER";
    public static final String APPROVAL_CONCURRENT_DECISION = "APPROVAL_CONCURRENT_DECISION";
    /** A rejection's cancellation stopped between two chunks; the sweep, the start or the run's restart finishes it. */
    public static final String APPROVAL_CANCELLATION_UNFINISHED = "APPROVAL_CANCELLATION_UNFINISHED";
    /** Payments a rejection cancels per commit. */
    public static final int CANCEL_CHUNK = 1_000;
    /** The condition of a chunk of a voucher's payments, over the range {@link #nextWaiting} gives. */
    private static final String WAITING_RANGE = "voucher_id = :v AND seq BETWEEN :first AND :last";
    /** The reason code a rejected voucher's payments carry, and its return upstream. */
    public static final String APPROVAL_REJECTED = "APPROVAL_REJECTED";

    /** A level from the approval rules. */
    public static final String RULE = "RULE";
    /** A level added because a risk rule holds the voucher. */
    public static final String RISK_HOLD = "RISK_HOLD";
    public static final String OBJECT_TYPE = "APPROVAL";

    private static final String SELECT = """
            SELECT approval_id, voucher_id, voucher_no, adm_div_code, agency_code, amount, fund_use, rule_name, filing,
                   submitter, status, current_level, created_at, decided_at, decision_reason FROM approval""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final BudgetControl budget;
    private final AlertService alerts;
    private final AuditTrail audit;
    private final ReceiptService receipts;
    private final Clock clock;
    private final int cancelChunk;

    /** With the rejections cancelling {@value #CANCEL_CHUNK} payments per commit. */
    public ApprovalService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                           PaymentLifecycle lifecycle, BudgetControl budget, AlertService alerts, AuditTrail audit,
                           ReceiptService receipts, Clock clock) {
        this(jdbc, tx, payments, lifecycle, budget, alerts, audit, receipts, clock, CANCEL_CHUNK);
    }

    /** With the rejections cancelling {@code cancelChunk} payments per commit. */
    public ApprovalService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                           PaymentLifecycle lifecycle, BudgetControl budget, AlertService alerts, AuditTrail audit,
                           ReceiptService receipts, Clock clock, int cancelChunk) {
        this.cancelChunk = cancelChunk;
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.budget = budget;
        this.alerts = alerts;
        this.audit = audit;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** A voucher's chain to open: the rule's levels, then one level of {@code holdRole} when anything holds it. */
    public record Opening(String voucherId, String voucherNo, String admDivCode, String agencyCode, BigDecimal amount,
                          String fundUse, ApprovalRule rule, String holdRole, List<String> holds, String submitter) {
    }

    /**
     * Opens a voucher's approval inside the caller's (intake) transaction; its payments must already be in
     * PENDING_APPROVAL and stay there. Returns the approval's id.
     */
    public String open(Opening o, String actor, AuditEntry.Channel channel) {
        String id = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        List<String[]> levels = new ArrayList<>();
        o.rule().levels().forEach(role -> levels.add(new String[] {role, RULE, null}));
        if (!o.holds().isEmpty()) {
            levels.add(new String[] {o.holdRole(), RISK_HOLD, fit("held by " + String.join("; ", o.holds()), 400)});
        }
        jdbc.update("""
                INSERT INTO approval (approval_id, voucher_id, adm_div_code, agency_code, voucher_no, amount, fund_use,
                    rule_name, filing, submitter, status, levels, current_level, created_at)
                VALUES (:id, :voucher, :adm, :agency, :no, :amount, :use, :rule, :filing, :submitter, 'PENDING', :levels, 1,
                    :now)""",
                new MapSqlParameterSource("id", id).addValue("voucher", o.voucherId()).addValue("adm", o.admDivCode())
                        .addValue("agency", o.agencyCode()).addValue("no", o.voucherNo()).addValue("amount", o.amount())
                        .addValue("use", fit(o.fundUse(), 30)).addValue("rule", fit(o.rule().name(), 64))
                        .addValue("filing", o.rule().filing() ? 1 : 0).addValue("submitter", fit(o.submitter(), 64))
                        .addValue("levels", levels.size()).addValue("now", now));
        List<SqlParameterSource> rows = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            rows.add(new MapSqlParameterSource("id", id).addValue("n", i + 1).addValue("role", fit(levels.get(i)[0], 64))
                    .addValue("kind", levels.get(i)[1]).addValue("note", levels.get(i)[2]));
        }
        jdbc.batchUpdate("INSERT INTO approval_level (approval_id, level_no, role_name, kind, note)"
                + " VALUES (:id, :n, :role, :kind, :note)", rows.toArray(SqlParameterSource[]::new));
        audit.append(AuditEntry.of(actor, channel, "APPROVAL_OPENED", OBJECT_TYPE, id)
                .change(null, "PENDING level 1/" + levels.size() + " (" + levels.get(0)[0] + ")")
                .because("voucher " + o.voucherNo() + " " + o.amount() + " CNY, fund use " + o.fundUse() + ", rule "
                        + o.rule().name() + (o.holds().isEmpty() ? "" : ", held: " + String.join("; ", o.holds()))));
        return id;
    }

    /**
     * The approvals waiting for {@code who}: the level waiting needs a role they hold, the voucher is inside their
     * scope, they did not submit it and decided no other level of its chain. Oldest first.
     */
    public List<ApprovalView> pending(Actor who) {
        if (who.roles().isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource p = who.scope().bind(new MapSqlParameterSource("roles", who.roles())
                .addValue("who", who.name()));
        return views(jdbc.query(SELECT + " a WHERE a.status = 'PENDING' AND a.submitter <> :who"
                + " AND EXISTS (SELECT 1 FROM approval_level l WHERE l.approval_id = a.approval_id"
                + " AND l.level_no = a.current_level AND l.role_name IN (:roles))"
                + " AND NOT EXISTS (SELECT 1 FROM approval_level x WHERE x.approval_id = a.approval_id"
                + " AND x.decided_by = :who)"
                + " AND " + who.scope().sqlCondition("a.adm_div_code", "a.agency_code")
                + " ORDER BY a.created_at, a.approval_id", p, ApprovalService::row));
    }

    /** Approvals inside {@code scope}, of one status when given, newest first; at most {@code limit}. */
    public List<ApprovalView> list(DataScope scope, ApprovalView.Status status, int limit) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("limit", limit)
                .addValue("status", status == null ? null : status.name()));
        return views(jdbc.query(SELECT + " a WHERE " + scope.sqlCondition("a.adm_div_code", "a.agency_code")
                + (status == null ? "" : " AND a.status = :status")
                + " ORDER BY a.created_at DESC, a.approval_id FETCH FIRST :limit ROWS ONLY", p, ApprovalService::row));
    }

    /** One approval, if {@code who} may see it ({@code OUT_OF_SCOPE} otherwise). */
    public ApprovalView find(String approvalId, Actor who) {
        ApprovalView a = load(approvalId).orElseThrow(() -> notFound(approvalId));
        requireScope(a, who);
        return a;
    }

    /**
     * Approves the level waiting. The last level approves the voucher: its payments move to APPROVED (ready for
     * release) and, when the rule files, a filing notice is raised.
     */
    public ApprovalView approve(String approvalId, Actor who, String comment) {
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        return tx.execute(s -> {
            ApprovalView a = decidable(approvalId, who);
            ApprovalView.Level level = a.waiting();
            boolean last = level.levelNo() == a.levels().size();
            Timestamp now = Timestamp.from(clock.instant());
            advance(a, level, last ? ApprovalView.Status.APPROVED : ApprovalView.Status.PENDING, null, now);
            decide(a, level, "APPROVED", who, note, now);
            String after = last ? "APPROVED" : waitingText(a.levels().get(level.levelNo()), a.levels().size());
            if (last) {
                String why = fit("approved by the chain of rule " + a.rule() + ": " + chain(a, level, who), 400);
                for (Waiting w = waiting(a.voucherId(), 0); !w.ids().isEmpty();
                     w = waiting(a.voucherId(), w.lastSeq())) {
                    lifecycle.move(w.ids(), PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED, who.name(), why);
                }
                if (a.filing()) {
                    alerts.raise(List.of(new NewAlert(AlertRules.FILING + "|" + a.approvalId(), AlertRules.FILING, false,
                            a.voucherId(), null, a.admDivCode(), a.agencyCode(), null, a.amount(),
                            "filing (备案) with the finance department: voucher " + a.voucherNo() + ", " + a.amount()
                                    + " CNY of " + a.fundUse() + " funds, approved by " + chain(a, level, who))),
                            who.name(), who.channel());
                }
            }
            audit.append(AuditEntry.of(who.name(), who.channel(), "APPROVAL_APPROVED", OBJECT_TYPE, a.approvalId())
                    .change(waitingText(level, a.levels().size()), after)
                    .because("voucher " + a.voucherNo() + (note == null ? "" : ": " + note)));
            return load(approvalId).orElseThrow();
        });
    }

    /**
     * A chunk of a voucher's payments cancelled: how many, and the number of the last of the range it covered — the
     * next chunk is looked for after it.
     */
    public record Chunk(int moved, int lastSeq) {
    }

    /** The approval, which must be {@code expected}: decided, its payments moved a chunk at a time. */
    private ApprovalView decided(String approvalId, ApprovalView.Status expected) {
        ApprovalView a = load(approvalId).orElseThrow(() -> notFound(approvalId));
        if (a.status() != expected) {
            throw new ControlException(ControlException.Kind.CONFLICT, APPROVAL_NOT_PENDING, "the approval of voucher "
                    + a.voucherNo() + " is " + a.status() + ", not " + expected, "approval " + approvalId);
        }
        return a;
    }

    /**
     * The range of numbers of the next {@code chunk} of the approval's voucher's payments still PENDING_APPROVAL after
     * number {@code afterSeq}, as the parameters of {@link #WAITING_RANGE}; null when none is left.
     */
    private MapSqlParameterSource nextWaiting(ApprovalView a, int afterSeq, int chunk) {
        MapSqlParameterSource p = new MapSqlParameterSource("v", a.voucherId())
                .addValue("from", PaymentStatus.PENDING_APPROVAL.name()).addValue("after", afterSeq)
                .addValue("n", chunk);
        // ordered as ix_payment_voucher_status is (voucher_id, status, seq): H2 reads the chunk from the index and
        // stops; ordered by seq alone it read and sorted every payment still waiting, for every chunk. After the last
        // chunk's number: PostgreSQL may read the voucher's payments through uq_payment_voucher_seq and filter them
        // by status, which without it walked past every payment already moved, for every chunk
        List<Integer> seqs = jdbc.queryForList("SELECT seq FROM payment WHERE voucher_id = :v AND status = :from"
                + " AND seq > :after ORDER BY voucher_id, status, seq FETCH FIRST :n ROWS ONLY", p, Integer.class);
        return seqs.isEmpty() ? null : new MapSqlParameterSource("v", a.voucherId()).addValue("first", seqs.get(0))
                .addValue("last", seqs.get(seqs.size() - 1));
    }

    /**
     * Rejects the voucher at the level waiting, with a reason. The decision — the chain REJECTED with the reason,
     * the level decided, what the voucher's holds of the budget still hold released ({@link BudgetControl#releaseHeld}:
     * a payroll run's, whose payments are not born yet; nothing for a voucher without holds), the audit entry —
     * commits alone; then the voucher's payments are cancelled
     * {@code cancelChunk} (by default {@value #CANCEL_CHUNK}) per commit ({@link #finishRejection}), each chunk's
     * budget released with it, and once none is left the voucher is returned upstream with the reason (a payroll
     * run's voucher is answered by its run instead). The call returns when every payment is cancelled. A
     * cancellation interrupted — a crash, or a failure logged {@value #APPROVAL_CANCELLATION_UNFINISHED} — leaves the
     * approval REJECTED with payments still PENDING_APPROVAL, which {@link #finishRejections} (the hub's start and
     * each receipt sweep) cancels; the rejection is answered REJECTED all the same.
     */
    public ApprovalView reject(String approvalId, Actor who, String reason) {
        String why = ControlCodes.requireReason(reason, "approval " + approvalId);
        tx.executeWithoutResult(s -> {
            ApprovalView a = decidable(approvalId, who);
            ApprovalView.Level level = a.waiting();
            Timestamp now = Timestamp.from(clock.instant());
            advance(a, level, ApprovalView.Status.REJECTED, why, now);
            decide(a, level, "REJECTED", who, why, now);
            // before the decision's audit entry: the holds and the budget are locked before the audit trail's head
            budget.releaseHeld(a.voucherId(), who.name(), "approval rejected by " + who.name() + ": " + why);
            audit.append(AuditEntry.of(who.name(), who.channel(), "APPROVAL_REJECTED", OBJECT_TYPE, a.approvalId())
                    .change(waitingText(level, a.levels().size()), "REJECTED")
                    .because("voucher " + a.voucherNo() + ": " + why));
        });
        CrashPoints.reached("approval-rejected");
        try {
            finishRejection(approvalId);
        } catch (RuntimeException e) {
            log.error("{}: approval {} is rejected but the cancellation of its payments stopped ({}); the next receipt"
                    + " sweep or the hub's start finishes it", APPROVAL_CANCELLATION_UNFINISHED, approvalId,
                    e.toString());
        }
        return load(approvalId).orElseThrow();
    }

    /**
     * Cancels what is left of a REJECTED approval's voucher's payments, {@code cancelChunk} per commit, then
     * returns the voucher upstream (after the last commit, like every answer: a crash before it is answered by the
     * start-up recovery).
     *
     * @return the number cancelled by this call
     */
    public long finishRejection(String approvalId) {
        long cancelled = 0;
        int[] after = {0};
        for (Chunk c = tx.execute(s -> cancelRejected(approvalId, 0, cancelChunk)); c.moved() > 0;
                c = tx.execute(s -> cancelRejected(approvalId, after[0], cancelChunk))) {
            cancelled += c.moved();
            after[0] = c.lastSeq();
            CrashPoints.reached("approval-rejection-chunk");
        }
        receipts.settle(List.of(load(approvalId).orElseThrow().voucherId()));
        return cancelled;
    }

    /**
     * Finishes every rejection left unfinished (an approval REJECTED whose voucher still has payments
     * PENDING_APPROVAL: its rejection call interrupted between chunks), oldest first, each by
     * {@link #finishRejection}; one that fails is logged {@value #APPROVAL_CANCELLATION_UNFINISHED} and tried again
     * by the next call. Called at the hub's start and by each receipt sweep.
     *
     * @return the number of payments cancelled
     */
    public long finishRejections() {
        List<String> unfinished = jdbc.queryForList("""
                SELECT a.approval_id FROM approval a WHERE a.status = 'REJECTED'
                   AND EXISTS (SELECT 1 FROM payment p WHERE p.voucher_id = a.voucher_id AND p.status = :s)
                 ORDER BY a.decided_at, a.approval_id""",
                new MapSqlParameterSource("s", PaymentStatus.PENDING_APPROVAL.name()), String.class);
        long cancelled = 0;
        for (String id : unfinished) {
            try {
                long n = finishRejection(id);
                cancelled += n;
                if (n > 0) {
                    log.warn("approval {} was rejected but {} of its payments were still waiting: cancelled now", id,
                            n);
                }
            } catch (RuntimeException e) {
                log.error("{}: the cancellation of the payments of rejected approval {} stopped again ({}); the next"
                        + " sweep tries again", APPROVAL_CANCELLATION_UNFINISHED, id, e.toString());
            }
        }
        return cancelled;
    }

    /**
     * Cancels the next chunk of a REJECTED approval's voucher's payments still PENDING_APPROVAL, by one statement
     * over a range of their numbers, in the caller's transaction: each gets {@value #APPROVAL_REJECTED} with the
     * rejecting level's reason (which the return upstream carries) and one CANCELLED event naming the approver who
     * rejected, and its budget is released by the lifecycle's observers in the same transaction. The approval's row
     * is locked first, so two callers (the rejection call, a sweep, the hub's start) cancel one chunk after
     * the other and never the same payments twice. The chunk is looked for among the numbers after {@code afterSeq}
     * (0 at first, then the last chunk's {@link Chunk#lastSeq}), so that each chunk reads only its own payments
     * whichever index the database chooses.
     *
     * @return the chunk cancelled; none cancelled when none is left
     */
    public Chunk cancelRejected(String approvalId, int afterSeq, int chunk) {
        List<String> status = jdbc.queryForList("SELECT status FROM approval WHERE approval_id = :id FOR UPDATE",
                new MapSqlParameterSource("id", approvalId), String.class);
        if (status.isEmpty()) {
            throw notFound(approvalId);
        }
        ApprovalView a = decided(approvalId, ApprovalView.Status.REJECTED);
        MapSqlParameterSource range = nextWaiting(a, afterSeq, chunk);
        if (range == null) {
            return new Chunk(0, afterSeq);
        }
        ApprovalView.Level level = a.levels().stream().filter(l -> "REJECTED".equals(l.decision())).findFirst()
                .orElseThrow();
        String text = fit("rejected by " + level.decidedBy() + " (" + level.role() + ", level " + level.levelNo()
                + " of " + a.levels().size() + "): " + a.decisionReason(), 400);
        return new Chunk(lifecycle.moveWhere(WAITING_RANGE, range, PaymentStatus.PENDING_APPROVAL,
                PaymentStatus.CANCELLED, level.decidedBy(), text, APPROVAL_REJECTED, text).size(),
                (Integer) range.getValue("last"));
    }

    /** The approval, checked: it exists, is in scope, pending, and {@code who} may decide its waiting level. */
    private ApprovalView decidable(String approvalId, Actor who) {
        String location = "approval " + approvalId;
        ApprovalView a = load(approvalId).orElseThrow(() -> notFound(approvalId));
        requireScope(a, who);
        if (a.status() != ApprovalView.Status.PENDING) {
            throw new ControlException(ControlException.Kind.CONFLICT, APPROVAL_NOT_PENDING, "the approval of voucher "
                    + a.voucherNo() + " is " + a.status() + " already", location);
        }
        ApprovalView.Level level = a.waiting();
        if (!who.holds(level.role())) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, APPROVAL_ROLE_REQUIRED, "level "
                    + level.levelNo() + " needs role " + level.role() + ", which " + who.name() + " does not hold",
                    location);
        }
        if (who.name().equals(a.submitter())) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, SUBMITTER_CANNOT_APPROVE, who.name()
                    + " submitted voucher " + a.voucherNo() + " and cannot decide its approval", location);
        }
        if (a.levels().stream().anyMatch(l -> who.name().equals(l.decidedBy()))) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ONE_LEVEL_PER_APPROVER, who.name()
                    + " already decided a level of this chain; another person decides level " + level.levelNo(),
                    location);
        }
        return a;
    }

    /** Moves the chain past {@code level}, only if that level is still the one waiting. */
    private void advance(ApprovalView a, ApprovalView.Level level, ApprovalView.Status status, String reason,
                         Timestamp now) {
        boolean done = status != ApprovalView.Status.PENDING;
        int n = jdbc.update("""
                UPDATE approval SET current_level = current_level + 1, status = :status, decided_at = :decided,
                       decision_reason = :reason
                 WHERE approval_id = :id AND current_level = :level AND status = 'PENDING'""",
                new MapSqlParameterSource("status", status.name()).addValue("decided", done ? now : null)
                        .addValue("reason", fit(reason, 400)).addValue("id", a.approvalId())
                        .addValue("level", level.levelNo()));
        if (n == 0) {
            throw new ControlException(ControlException.Kind.CONFLICT, APPROVAL_CONCURRENT_DECISION, "level "
                    + level.levelNo() + " of voucher " + a.voucherNo() + " was decided by someone else meanwhile",
                    "approval " + a.approvalId());
        }
    }

    private void decide(ApprovalView a, ApprovalView.Level level, String decision, Actor who, String comment,
                        Timestamp now) {
        jdbc.update("""
                UPDATE approval_level SET decision = :decision, decided_by = :who, channel = :channel, decided_at = :now,
                       comment_text = :comment
                 WHERE approval_id = :id AND level_no = :level AND decision IS NULL""",
                new MapSqlParameterSource("decision", decision).addValue("who", fit(who.name(), 64))
                        .addValue("channel", who.channel().name()).addValue("now", now)
                        .addValue("comment", fit(comment, 400)).addValue("id", a.approvalId())
                        .addValue("level", level.levelNo()));
    }

    /**
     * The next chunk of the voucher's payments waiting for its approval after number {@code afterSeq}: a decision
     * moves them a chunk at a time, so a voucher of many payments is decided in the memory of one chunk, each chunk
     * read from where the last ended, in the order of ix_payment_voucher_status (as {@link #nextWaiting}).
     */
    private Waiting waiting(String voucherId, int afterSeq) {
        List<String> ids = new ArrayList<>();
        int[] last = {afterSeq};
        jdbc.query("SELECT payment_id, seq FROM payment WHERE voucher_id = :v AND status = :s AND seq > :after"
                        + " ORDER BY voucher_id, status, seq FETCH FIRST " + PaymentRepository.IN_CHUNK + " ROWS ONLY",
                new MapSqlParameterSource("v", voucherId).addValue("s", PaymentStatus.PENDING_APPROVAL.name())
                        .addValue("after", afterSeq), rs -> {
                    ids.add(rs.getString(1));
                    last[0] = rs.getInt(2);
                });
        return new Waiting(ids, last[0]);
    }

    /** A chunk of a voucher's payments waiting for its approval, and the number of its last. */
    private record Waiting(List<String> ids, int lastSeq) {
    }

    private static String waitingText(ApprovalView.Level level, int levels) {
        return "PENDING level " + level.levelNo() + "/" + levels + " (" + level.role() + ")";
    }

    /** "zhang (DEPARTMENT_HEAD), li (RISK_OFFICER)": who approved the chain, the last one included. */
    private static String chain(ApprovalView a, ApprovalView.Level last, Actor who) {
        List<String> names = new ArrayList<>();
        for (ApprovalView.Level l : a.levels()) {
            if (l.levelNo() < last.levelNo()) {
                names.add(l.decidedBy() + " (" + l.role() + ")");
            }
        }
        names.add(who.name() + " (" + last.role() + ")");
        return String.join(", ", names);
    }

    private static void requireScope(ApprovalView a, Actor who) {
        if (!who.scope().allows(a.admDivCode(), a.agencyCode())) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, "voucher "
                    + a.voucherNo() + " is outside " + who.name() + "'s data scope", "approval " + a.approvalId());
        }
    }

    private static ControlException notFound(String approvalId) {
        return new ControlException(ControlException.Kind.NOT_FOUND, APPROVAL_NOT_FOUND, "no approval " + approvalId,
                "approval " + approvalId);
    }

    private Optional<ApprovalView> load(String approvalId) {
        List<Row> rows = jdbc.query(SELECT + " WHERE approval_id = :id", new MapSqlParameterSource("id", approvalId),
                ApprovalService::row);
        return rows.isEmpty() ? Optional.empty() : Optional.of(views(rows).get(0));
    }

    /** An approval row before its levels are read. */
    private record Row(String approvalId, String voucherId, String voucherNo, String admDivCode, String agencyCode,
                       BigDecimal amount, String fundUse, String rule, boolean filing, String submitter,
                       ApprovalView.Status status, int currentLevel, Instant createdAt, Instant decidedAt,
                       String decisionReason) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Row(rs.getString("approval_id"), rs.getString("voucher_id"), rs.getString("voucher_no"),
                rs.getString("adm_div_code"), rs.getString("agency_code"), rs.getBigDecimal("amount"),
                rs.getString("fund_use"), rs.getString("rule_name"), rs.getInt("filing") == 1, rs.getString("submitter"),
                ApprovalView.Status.valueOf(rs.getString("status")), rs.getInt("current_level"),
                rs.getTimestamp("created_at").toInstant(), decided == null ? null : decided.toInstant(),
                rs.getString("decision_reason"));
    }

    /** The rows with their levels, read in chunks. */
    private List<ApprovalView> views(List<Row> rows) {
        Map<String, List<ApprovalView.Level>> levels = new HashMap<>();
        List<String> ids = rows.stream().map(Row::approvalId).toList();
        for (int i = 0; i < ids.size(); i += PaymentRepository.IN_CHUNK) {
            jdbc.query("""
                    SELECT approval_id, level_no, role_name, kind, note, decision, decided_by, channel, decided_at,
                           comment_text FROM approval_level WHERE approval_id IN (:ids) ORDER BY approval_id, level_no""",
                    new MapSqlParameterSource("ids", ids.subList(i, Math.min(ids.size(), i + PaymentRepository.IN_CHUNK))),
                    rs -> {
                        Timestamp at = rs.getTimestamp(9);
                        levels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ApprovalView.Level(
                                rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), at == null ? null : at.toInstant(), rs.getString(10)));
                    });
        }
        return rows.stream().map(r -> new ApprovalView(r.approvalId(), r.voucherId(), r.voucherNo(), r.admDivCode(),
                r.agencyCode(), r.amount(), r.fundUse(), r.rule(), r.filing(), r.submitter(), r.status(),
                r.currentLevel(), r.createdAt(), r.decidedAt(), r.decisionReason(),
                List.copyOf(levels.getOrDefault(r.approvalId(), List.of())))).toList();
    }
}
