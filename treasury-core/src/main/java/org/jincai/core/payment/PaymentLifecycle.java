package org.jincai.core.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.jincai.core.Ids;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Moves payments along the lifecycle in the database. Each move is checked against
 * {@link PaymentStatus#next()}, applied only if the row is still in the expected state (so two
 * writers cannot both move the same payment), and recorded as a {@link PaymentEvent} with time and
 * actor; then its {@link MoveObserver}s (the budget) apply what follows from the moves. Runs in JDBC batches
 * and must be called inside the caller's transaction, which a refused move rolls back whole.
 */
public class PaymentLifecycle {

    private static final String UPDATE = """
            UPDATE payment SET status = :to, updated_at = :now,
                   bank_reason_code = COALESCE(:reasonCode, bank_reason_code),
                   bank_reason_text = COALESCE(:reasonText, bank_reason_text)
             WHERE payment_id = :id AND status = :from""";
    private static final String RELEASE = """
            UPDATE payment SET status = :to, batch_id = :batch, delivery_id = :delivery, updated_at = :now
             WHERE payment_id = :id AND status = :from AND delivery_id IS NULL""";
    private static final String INSERT_EVENT = """
            INSERT INTO payment_event (event_id, payment_id, from_status, to_status, actor, reason, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final List<MoveObserver> observers;

    public PaymentLifecycle(NamedParameterJdbcTemplate jdbc, Clock clock, List<MoveObserver> observers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.observers = List.copyOf(observers);
    }

    public void move(Collection<String> paymentIds, PaymentStatus from, PaymentStatus to, String actor, String reason) {
        apply(paymentIds.stream().map(id -> Move.of(id, from, to, reason)).toList(), actor);
    }

    /** Applies every move or none (the caller's transaction rolls back on the exception). */
    public void apply(List<Move> moves, String actor) {
        if (moves.isEmpty()) {
            return;
        }
        for (Move m : moves) {
            m.from().requireMoveTo(m.to(), m.paymentId());
        }
        Timestamp now = Timestamp.from(clock.instant());
        SqlParameterSource[] params = moves.stream().map(m -> new MapSqlParameterSource()
                .addValue("id", m.paymentId())
                .addValue("from", m.from().name())
                .addValue("to", m.to().name())
                .addValue("reasonCode", m.reasonCode())
                .addValue("reasonText", m.reasonText())
                .addValue("now", now)).toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate(UPDATE, params);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new ConcurrentChangeException(moves.get(i).paymentId(), moves.get(i).from());
            }
        }
        recordEvents(moves, actor, now);
        for (MoveObserver o : observers) {
            o.moved(moves, actor);
        }
    }

    /**
     * Puts approved payments into their batch and file (APPROVED → RELEASED), in one statement per payment
     * that sets the file only where the payment is still APPROVED and in no file: a payment is never put
     * into two files (the database's {@code ck_payment_delivery} holds the same rule).
     *
     * @throws ConcurrentChangeException when a payment is no longer APPROVED or already in a file
     */
    public void release(List<String> paymentIds, String batchId, String deliveryId, String actor, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        int[] counts = jdbc.batchUpdate(RELEASE, paymentIds.stream().map(id -> new MapSqlParameterSource()
                .addValue("id", id).addValue("batch", batchId).addValue("delivery", deliveryId)
                .addValue("from", PaymentStatus.APPROVED.name()).addValue("to", PaymentStatus.RELEASED.name())
                .addValue("now", now)).toArray(SqlParameterSource[]::new));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new ConcurrentChangeException(paymentIds.get(i), PaymentStatus.APPROVED);
            }
        }
        recordEvents(paymentIds.stream().map(id -> Move.of(id, PaymentStatus.APPROVED, PaymentStatus.RELEASED, reason))
                .toList(), actor, now);
    }

    /**
     * Moves the payments in state {@code from} that {@code condition} selects (bound by {@code where}; the caller
     * bounds it to a chunk, such as a range of a voucher's numbers) to {@code to} in one statement, and records an
     * event for each in one JDBC batch; its observers are told. A set-based move for a job's large run.
     *
     * @return the ids moved
     * @throws ConcurrentChangeException when another transaction moved one of them between the read and the update
     */
    public List<String> moveWhere(String condition, MapSqlParameterSource where, PaymentStatus from, PaymentStatus to,
                                  String actor, String reason) {
        return moveWhere(condition, where, from, to, actor, reason, null, null);
    }

    /**
     * {@link #moveWhere(String, MapSqlParameterSource, PaymentStatus, PaymentStatus, String, String)} storing a
     * reason code and text on every payment moved (a rejected approval's {@code APPROVAL_REJECTED} and its reason,
     * which the voucher's return carries upstream); null keeps the payment's own.
     */
    public List<String> moveWhere(String condition, MapSqlParameterSource where, PaymentStatus from, PaymentStatus to,
                                  String actor, String reason, String reasonCode, String reasonText) {
        from.requireMoveTo(to, condition);
        Timestamp now = Timestamp.from(clock.instant());
        MapSqlParameterSource p = new MapSqlParameterSource(where.getValues()).addValue("from", from.name())
                .addValue("to", to.name()).addValue("now", now).addValue("reasonCode", reasonCode)
                .addValue("reasonText", reasonText);
        List<String> ids = jdbc.queryForList("SELECT payment_id FROM payment WHERE status = :from AND (" + condition
                + ")", p, String.class);
        if (ids.isEmpty()) {
            return ids;
        }
        int moved = jdbc.update("UPDATE payment SET status = :to, updated_at = :now,"
                + " bank_reason_code = COALESCE(:reasonCode, bank_reason_code),"
                + " bank_reason_text = COALESCE(:reasonText, bank_reason_text) WHERE status = :from AND ("
                + condition + ")", p);
        if (moved != ids.size()) {
            throw new ConcurrentChangeException(ids.size(), moved, from, condition);
        }
        List<Move> moves = ids.stream().map(id -> new Move(id, from, to, reason, reasonCode, reasonText)).toList();
        recordEvents(moves, actor, now);
        for (MoveObserver o : observers) {
            o.moved(moves, actor);
        }
        return ids;
    }

    /**
     * Records in the payments' trail something that happened to them without a change of state (an
     * operator ordering their file resent): an event from {@code status} to the same {@code status}.
     */
    public void note(Collection<String> paymentIds, PaymentStatus status, String actor, String reason) {
        recordEvents(paymentIds.stream().map(id -> Move.of(id, status, status, reason)).toList(), actor,
                Timestamp.from(clock.instant()));
    }

    /** Records the birth of new payments (no previous state) in the event trail. */
    public void recordCreated(Collection<String> paymentIds, String actor, String reason) {
        recordEvents(paymentIds.stream().map(id -> Move.of(id, null, PaymentStatus.RECEIVED, reason)).toList(), actor,
                Timestamp.from(clock.instant()));
    }

    /**
     * Records the birth of payments inserted directly in the last state of {@code through} (a job's run whose checks
     * all passed in the transaction that inserts them, which rolls back whole on any refusal) as one event each: no
     * state → that state, its reason naming every state the payment passed, in order from RECEIVED ({@code RECEIVED →
     * VALIDATED → RESERVED → PENDING_APPROVAL: }), then the birth's own account of each. The path is checked against
     * the lifecycle. One row per payment instead of one per step; the timeline still shows every state passed. The
     * path must lead to no state the observers act on (the budget settles cancelled, paid and returned payments
     * only).
     */
    public void recordCreatedThrough(List<Birth> births, String actor, List<PaymentStatus> through) {
        StringBuilder path = new StringBuilder(PaymentStatus.RECEIVED.name());
        PaymentStatus at = PaymentStatus.RECEIVED;
        for (PaymentStatus next : through) {
            at.requireMoveTo(next, "payments created through " + through);
            at = next;
            path.append(" → ").append(next.name());
        }
        path.append(": ");
        PaymentStatus reached = at;
        recordEvents(births.stream().map(b -> Move.of(b.paymentId(), null, reached, path + b.reason())).toList(),
                actor, Timestamp.from(clock.instant()));
    }

    /** A payment of {@link #recordCreatedThrough} and how it passed each state (the event's reason after the path). */
    public record Birth(String paymentId, String reason) {
    }

    public List<PaymentEvent> history(String paymentId) {
        return jdbc.query("""
                SELECT payment_id, from_status, to_status, actor, reason, occurred_at
                  FROM payment_event WHERE payment_id = :id ORDER BY occurred_at, event_id""",
                new MapSqlParameterSource("id", paymentId),
                (rs, n) -> new PaymentEvent(
                        rs.getString(1),
                        rs.getString(2) == null ? null : PaymentStatus.valueOf(rs.getString(2)),
                        PaymentStatus.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
    }

    /**
     * One event per move ({@code from} null for a birth), in one JDBC batch of positional parameters: a named one
     * costs a look-up and a guess of its type per value, nearly as much as the database's own work on a payroll file's
     * thousand events.
     */
    private void recordEvents(List<Move> moves, String actor, Timestamp now) {
        if (moves.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().batchUpdate(INSERT_EVENT, moves, moves.size(), (ps, m) -> {
            ps.setString(1, Ids.newOrderedId(clock));
            ps.setString(2, m.paymentId());
            ps.setString(3, m.from() == null ? null : m.from().name());
            ps.setString(4, m.to().name());
            ps.setString(5, actor);
            ps.setString(6, truncate(m.reason()));
            ps.setTimestamp(7, now);
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400);
    }
}
