package org.jincai.core.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.access.DataScope;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the audit trail, inside the caller's transaction when there is one (so the records commit or
 * roll back with the action they record), in a transaction of its own otherwise. Appending takes the chain's
 * head row FOR UPDATE: appends are serialised across threads and nodes, and every record links to the one
 * committed before it.
 * <p>
 * Inside a transaction the records are written just before it commits, after everything else it does: the head
 * row is then always the last lock a transaction takes, so two transactions that each touch other rows (two
 * statements paying payments of the same budget indicators in different orders) can never hold the head and
 * wait for each other's rows — a deadlock the database would otherwise break by rolling one of them back.
 * Records get their sequence and time at that moment, so the chain's order is the order of the commits.
 */
public class AuditTrail {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AuditTrail(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Appends {@code entry}: before the caller's transaction commits, if one is active, or now, in a transaction of
     * its own.
     */
    public void append(AuditEntry entry) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            pending().entries.add(entry);
            return;
        }
        tx.executeWithoutResult(status -> appendInTransaction(entry));
    }

    /** The records the current transaction will append before it commits (registered at its first append). */
    private PendingRecords pending() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof PendingRecords p && p.owner() == this) {
                return p;
            }
        }
        PendingRecords p = new PendingRecords(this, new ArrayList<>());
        TransactionSynchronizationManager.registerSynchronization(p);
        return p;
    }

    /** One transaction's records, written in the order appended, in the transaction, just before its commit. */
    private record PendingRecords(AuditTrail owner, List<AuditEntry> entries) implements TransactionSynchronization {

        @Override
        public void beforeCommit(boolean readOnly) {
            for (AuditEntry e : entries) {
                owner.appendInTransaction(e);
            }
            entries.clear();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private void appendInTransaction(AuditEntry e) {
        Map<String, Object> head = jdbc.queryForMap(
                "SELECT last_seq, last_hash FROM audit_head WHERE head_id = 1 FOR UPDATE", Map.of());
        long seq = ((Number) head.get("last_seq")).longValue() + 1;
        String prev = (String) head.get("last_hash");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditRecord unsigned = new AuditRecord(seq, Ids.newId(), now, Digests.fit(e.actor(), 64), e.channel().name(),
                Digests.fit(e.action(), 64), Digests.fit(e.objectType(), 32), Digests.fit(e.objectId(), 200),
                Digests.fit(e.before(), 2000), Digests.fit(e.after(), 2000), Digests.fit(e.reason(), 1000), prev, null);
        String hash = AuditHash.of(unsigned);
        AuditRecord r = new AuditRecord(seq, unsigned.recordId(), now, unsigned.actor(), unsigned.channel(),
                unsigned.action(), unsigned.objectType(), unsigned.objectId(), unsigned.before(), unsigned.after(),
                unsigned.reason(), prev, hash);
        jdbc.update("""
                INSERT INTO audit_record (seq, record_id, occurred_at, actor, channel, action, object_type, object_id,
                    before_state, after_state, reason, prev_hash, record_hash)
                VALUES (:seq, :id, :at, :actor, :channel, :action, :type, :object, :before, :after, :reason, :prev,
                    :hash)""",
                new MapSqlParameterSource("seq", seq).addValue("id", r.recordId()).addValue("at", Timestamp.from(now))
                        .addValue("actor", r.actor()).addValue("channel", r.channel()).addValue("action", r.action())
                        .addValue("type", r.objectType()).addValue("object", r.objectId())
                        .addValue("before", r.before()).addValue("after", r.after()).addValue("reason", r.reason())
                        .addValue("prev", prev).addValue("hash", hash));
        jdbc.update("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE head_id = 1",
                new MapSqlParameterSource("seq", seq).addValue("hash", hash));
    }

    /** The most recent records, newest first, optionally of one object; at most {@code limit}. */
    public List<AuditRecord> recent(String objectType, String objectId, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        String where = "";
        if (objectType != null) {
            where += " WHERE object_type = :type";
            p.addValue("type", objectType);
            if (objectId != null) {
                where += " AND object_id = :object";
                p.addValue("object", objectId);
            }
        }
        return jdbc.query(AuditVerifier.SELECT + where + " ORDER BY seq DESC FETCH FIRST :limit ROWS ONLY", p,
                (rs, n) -> AuditVerifier.record(rs));
    }

    /**
     * As {@link #recent(String, String, int)}, only the records about objects inside {@code scope}: vouchers,
     * approvals, alerts, budget indicators and plans of its divisions and agencies, and bank deliveries all of whose
     * payments are inside it. Records about the hub as a whole (imports, scans) are for a scope of everything.
     */
    public List<AuditRecord> recent(DataScope scope, String objectType, String objectId, int limit) {
        if (scope.all()) {
            return recent(objectType, objectId, limit);
        }
        String in = scope.sqlCondition("adm_div_code", "agency_code");
        String payments = scope.sqlCondition("v.adm_div_code", "COALESCE(p.agency_code, v.agency_code)");
        String where = " WHERE ((object_type = 'VOUCHER' AND object_id IN (SELECT voucher_id FROM voucher WHERE " + in + "))"
                + " OR (object_type = 'APPROVAL' AND object_id IN (SELECT approval_id FROM approval WHERE " + in + "))"
                + " OR (object_type = 'ALERT' AND object_id IN (SELECT alert_id FROM control_alert WHERE " + in + "))"
                + " OR (object_type = 'BUDGET_INDICATOR' AND object_id IN (SELECT subject_key FROM budget_indicator WHERE "
                + in + "))"
                + " OR (object_type = 'BUDGET_PLAN' AND object_id IN (SELECT plan_key FROM budget_plan WHERE " + in + "))"
                + " OR (object_type = 'delivery' AND object_id IN (SELECT p.delivery_id FROM payment p"
                + " JOIN voucher v ON v.voucher_id = p.voucher_id WHERE p.delivery_id IS NOT NULL GROUP BY p.delivery_id"
                + " HAVING SUM(CASE WHEN " + payments + " THEN 0 ELSE 1 END) = 0)))";
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("limit", limit));
        if (objectType != null) {
            where += " AND object_type = :type";
            p.addValue("type", objectType);
            if (objectId != null) {
                where += " AND object_id = :object";
                p.addValue("object", objectId);
            }
        }
        return jdbc.query(AuditVerifier.SELECT + where + " ORDER BY seq DESC FETCH FIRST :limit ROWS ONLY", p,
                (rs, n) -> AuditVerifier.record(rs));
    }
}
