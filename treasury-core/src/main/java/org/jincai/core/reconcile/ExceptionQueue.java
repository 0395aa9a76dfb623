package org.jincai.core.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exceptions of reconciliation: opened once each (by kind and what they are about), listed, and resolved by
 * an operator with a reason, once; every resolution is in the audit trail.
 */
public class ExceptionQueue {

    public static final String AUDIT_TYPE = "RECON_EXCEPTION";
    public static final String AUDIT_RESOLVED = "RECON_EXCEPTION_RESOLVED";

    private static final String COLUMNS = """
            exception_id, kind, bank_code, account_no, statement_id, entry_key, payment_id, amount, expected_amount,
            booking_date, detail, run_id, opened_at, resolved_at, resolved_by, reason""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    public ExceptionQueue(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens the exception unless the same one is already there (open or resolved); inside the caller's
     * transaction. Returns whether it was new.
     */
    public boolean open(NewException e, String runId) {
        // an insert that selects nothing when the key is taken, so no failed statement aborts the transaction;
        // audit_head holds exactly one row: a one-row source every database accepts
        int n = jdbc.update("""
                INSERT INTO recon_exception (exception_id, dedup_key, kind, bank_code, account_no, statement_id, entry_key,
                    payment_id, amount, expected_amount, booking_date, detail, run_id, opened_at)
                SELECT :id, :key, :kind, :bank, :account, :stmt, :entry, :payment, :amount, :expected, :booked, :detail,
                    :run, :now FROM audit_head
                 WHERE head_id = 1 AND NOT EXISTS (SELECT 1 FROM recon_exception WHERE dedup_key = :key)""",
                new MapSqlParameterSource("id", Ids.newOrderedId(clock)).addValue("key", e.dedupKey())
                        .addValue("kind", e.kind().name()).addValue("bank", e.bankCode())
                        .addValue("account", Digests.fit(e.accountNo(), 40)).addValue("stmt", Digests.fit(e.statementId(), 64))
                        .addValue("entry", Digests.fit(e.entryKey(), 200)).addValue("payment", e.paymentId())
                        .addValue("amount", e.amount()).addValue("expected", e.expectedAmount())
                        .addValue("booked", e.bookingDate()).addValue("detail", Digests.fit(e.detail(), 1000))
                        .addValue("run", runId).addValue("now", Timestamp.from(clock.instant())));
        return n > 0;
    }

    /** Exceptions newest first; {@code openOnly} leaves out the resolved; {@code bankCode} null for every bank. */
    public List<ReconException> list(boolean openOnly, String bankCode, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM recon_exception WHERE 1 = 1"
                + (openOnly ? " AND resolved_at IS NULL" : "") + (bankCode != null ? " AND bank_code = :bank" : "")
                + " ORDER BY opened_at DESC, exception_id DESC FETCH FIRST :limit ROWS ONLY";
        return jdbc.query(sql, new MapSqlParameterSource("bank", bankCode).addValue("limit", Math.max(1, limit)),
                (rs, n) -> row(rs));
    }

    /** The exceptions a run opened, in order. */
    public List<ReconException> openedBy(String runId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recon_exception WHERE run_id = :run ORDER BY exception_id",
                new MapSqlParameterSource("run", runId), (rs, n) -> row(rs));
    }

    public ReconException find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recon_exception WHERE exception_id = :id",
                new MapSqlParameterSource("id", id), (rs, n) -> row(rs)).stream().findFirst()
                .orElseThrow(() -> new ReconcileException(ReconcileException.EXCEPTION_NOT_FOUND,
                        "no reconciliation exception " + id, "exception " + id));
    }

    /**
     * Resolves an open exception with the operator's reason, once, and records it in the audit trail in the same
     * transaction.
     */
    public ReconException resolve(String id, String actor, AuditEntry.Channel channel, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReconcileException(ReconcileException.REASON_REQUIRED, "a resolution needs a reason",
                    "exception " + id);
        }
        return tx.execute(s -> {
            ReconException before = find(id);
            int n = jdbc.update("""
                    UPDATE recon_exception SET resolved_at = :now, resolved_by = :actor, reason = :reason
                     WHERE exception_id = :id AND resolved_at IS NULL""",
                    new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(clock.instant()))
                            .addValue("actor", Digests.fit(actor, 64)).addValue("reason", Digests.fit(reason, 400)));
            if (n == 0) {
                throw new ReconcileException(ReconcileException.EXCEPTION_RESOLVED, "exception " + id
                        + " was already resolved by " + before.resolvedBy(), "exception " + id);
            }
            audit.append(AuditEntry.of(actor, channel, AUDIT_RESOLVED, AUDIT_TYPE, id)
                    .change("OPEN " + before.kind() + ": " + before.detail(), "RESOLVED").because(reason));
            return find(id);
        });
    }

    private static ReconException row(ResultSet rs) throws SQLException {
        Timestamp resolved = rs.getTimestamp(14);
        return new ReconException(rs.getString(1), ExceptionKind.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8),
                rs.getBigDecimal(9), rs.getObject(10, java.time.LocalDate.class), rs.getString(11), rs.getString(12),
                rs.getTimestamp(13).toInstant(), resolved == null ? null : resolved.toInstant(), rs.getString(15),
                rs.getString(16));
    }
}
