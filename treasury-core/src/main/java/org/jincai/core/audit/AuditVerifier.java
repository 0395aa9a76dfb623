package org.jincai.core.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the whole chain, streaming it in order: each record's hash against its content, each record's
 * link against the record before it, the numbering, and the chain's end against the head. Reports the
 * first record found altered, removed or inserted — or that the trail is intact, with its length and the
 * hash of its last record, which an auditor keeps outside the hub: a trail rebuilt from scratch by someone
 * with write access to the database is only caught against such a hash ({@code expectedHead}).
 */
public class AuditVerifier {

    /** A record's content differs from what it was when it was hashed. */
    public static final String AUDIT_RECORD_ALTERED = "AUDIT_RECORD_ALTERED";
    /** Records are missing: a gap in the numbering, or a link that skips records. */
    public static final String AUDIT_RECORD_REMOVED = "AUDIT_RECORD_REMOVED";
    /** A record that the chain never held sits in it. */
    public static final String AUDIT_RECORD_INSERTED = "AUDIT_RECORD_INSERTED";
    /** The chain ends elsewhere than where the hub (or the auditor's kept hash) says it ends. */
    public static final String AUDIT_HEAD_MISMATCH = "AUDIT_HEAD_MISMATCH";

    static final String SELECT = """
            SELECT seq, record_id, occurred_at, actor, channel, action, object_type, object_id, before_state,
                   after_state, reason, prev_hash, record_hash FROM audit_record""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public AuditVerifier(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The outcome: {@code code} null when intact; else the first problem, the record's seq and id. */
    public record Result(long records, String lastHash, String code, Long seq, String recordId, String message) {
        public boolean intact() {
            return code == null;
        }
    }

    public Result verify(String expectedHead) {
        return readOnly.execute(status -> verifyInTransaction(expectedHead));
    }

    /** In one read-only transaction, so that the rows stream with a fetch size (PostgreSQL needs both). */
    private Result verifyInTransaction(String expectedHead) {
        Walk walk = new Walk();
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        streaming.setFetchSize(1000);
        streaming.query(SELECT + " ORDER BY seq", rs -> {
            if (walk.problem == null) {
                walk.next(record(rs));
            }
        });
        if (walk.problem != null) {
            return walk.problem;
        }
        Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM audit_head WHERE head_id = 1",
                Map.of());
        long headSeq = ((Number) head.get("last_seq")).longValue();
        String headHash = (String) head.get("last_hash");
        if (walk.lastSeq < headSeq || !headHash.equals(walk.lastHash)) {
            return new Result(walk.count, walk.lastHash, walk.lastSeq < headSeq ? AUDIT_RECORD_REMOVED : AUDIT_HEAD_MISMATCH,
                    walk.lastSeq + 1, null, "the chain ends at record " + walk.lastSeq + " but the hub's head is record "
                    + headSeq + " (" + headHash + ")");
        }
        if (expectedHead != null && !expectedHead.isBlank() && !walk.hashes.containsKey(expectedHead.strip())) {
            return new Result(walk.count, walk.lastHash, AUDIT_HEAD_MISMATCH, null, null,
                    "no record of the chain has the kept hash " + expectedHead.strip()
                            + ": the trail was rebuilt since that hash was taken");
        }
        return new Result(walk.count, walk.lastHash, null, null, null, null);
    }

    /** The walk along the chain: what the records before the current one were. */
    private static final class Walk {
        long count;
        long lastSeq;
        String lastHash = AuditHash.GENESIS;
        String beforeLastHash;
        /** Every hash seen, with the seq of its record: a link back to one of them means records were removed. */
        final Map<String, Long> hashes = new HashMap<>();
        Result problem;

        void next(AuditRecord r) {
            if (!r.recordHash().equals(r.expectedHash())) {
                problem = found(AUDIT_RECORD_ALTERED, r, "its content no longer gives its hash");
                return;
            }
            if (!r.prevHash().equals(lastHash)) {
                if (r.prevHash().equals(beforeLastHash)) {
                    problem = new Result(count, lastHash, AUDIT_RECORD_INSERTED, lastSeq, null,
                            "record " + lastSeq + " was put between records " + (lastSeq - 1) + " and " + r.seq());
                } else if (hashes.containsKey(r.prevHash())) {
                    problem = found(AUDIT_RECORD_REMOVED, r, "it links to record " + hashes.get(r.prevHash())
                            + ": the records between were removed");
                } else {
                    // an authentic record whose predecessor is gone: the record it follows was removed
                    problem = found(AUDIT_RECORD_REMOVED, r, "the record it follows is no longer in the chain");
                }
                return;
            }
            if (r.seq() != lastSeq + 1) {
                problem = found(AUDIT_RECORD_REMOVED, r, "records " + (lastSeq + 1) + " to " + (r.seq() - 1)
                        + " are missing");
                return;
            }
            count++;
            hashes.put(r.recordHash(), r.seq());
            beforeLastHash = lastHash;
            lastHash = r.recordHash();
            lastSeq = r.seq();
        }

        private Result found(String code, AuditRecord r, String why) {
            return new Result(count, lastHash, code, r.seq(), r.recordId(), "record " + r.seq() + " (" + r.recordId()
                    + ", " + r.action() + " by " + r.actor() + "): " + why);
        }
    }

    static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), rs.getString("record_id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"), rs.getString("channel"), rs.getString("action"), rs.getString("object_type"),
                rs.getString("object_id"), rs.getString("before_state"), rs.getString("after_state"),
                rs.getString("reason"), rs.getString("prev_hash"), rs.getString("record_hash"));
    }
}
