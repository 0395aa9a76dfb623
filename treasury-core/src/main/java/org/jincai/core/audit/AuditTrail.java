package org.jincai.core.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the audit trail, inside the caller's transaction when there is one (so the record commits or
 * rolls back with the action it records), in a transaction of its own otherwise. Each append takes the
 * chain's head row FOR UPDATE: appends are serialised across threads and nodes, and every record links
 * to the one committed before it.
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

    /** Appends {@code entry}; returns the record as stored. */
    public AuditRecord append(AuditEntry entry) {
        return tx.execute(status -> appendInTransaction(entry));
    }

    private AuditRecord appendInTransaction(AuditEntry e) {
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
        return r;
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
}
