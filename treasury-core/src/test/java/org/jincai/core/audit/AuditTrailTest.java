package org.jincai.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jincai.core.audit.AuditEntry.Channel;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The trail on a real database (H2, or PostgreSQL with JINCAI_TEST_DB=postgres): appended in order from
 * many threads, refused updates and deletes, and every kind of tampering — done the way someone with DDL
 * rights would, dropping the append-only trigger first — found by the verifier at the right record.
 */
class AuditTrailTest {

    TestDatabase db;
    AuditTrail trail;
    AuditVerifier verifier;
    JdbcTemplate sql;

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        trail = new AuditTrail(db.jdbc(), db.tx(), Clock.systemUTC());
        verifier = new AuditVerifier(db.jdbc(), new DataSourceTransactionManager(db.dataSource()));
        sql = db.jdbc().getJdbcTemplate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            trail.append(AuditEntry.of("operator-" + i, Channel.CLI, "DELIVERY_CONFIRMED", "delivery", "D" + i)
                    .change("DELIVERY_UNCERTAIN", "UPLOADED").because("bank confirmed by phone, ticket " + i));
        }
    }

    /** What an attacker with DDL rights does before changing records. */
    private void dropTheAppendOnlyTrigger() {
        sql.execute("DROP TRIGGER audit_record_append_only" + ("postgres".equals(db.vendor()) ? " ON audit_record" : ""));
    }

    /**
     * Two transactions that touch the same rows in different orders, each appending in between (a statement paying
     * payments of two indicators while another pays the same two the other way round): the records are written at
     * commit, after every other lock, so neither holds the chain's head while waiting for the other's row — both
     * commit, in the order they finish, and the chain stays intact.
     */
    @Test
    void transactionsThatAppendBetweenTheirUpdatesDoNotDeadlockOnTheChainsHead() throws Exception {
        sql.execute("CREATE TABLE audit_probe (id INT PRIMARY KEY, n INT NOT NULL)");
        sql.update("INSERT INTO audit_probe (id, n) VALUES (1, 0), (2, 0)");
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch secondUpdated = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> db.tx().executeWithoutResult(status -> {
                sql.update("UPDATE audit_probe SET n = n + 1 WHERE id = 1");
                trail.append(AuditEntry.of("first", Channel.SYSTEM, "PROBE", "probe", "1"));
                firstAppended.countDown();
                await(secondUpdated);
                sql.update("UPDATE audit_probe SET n = n + 1 WHERE id = 2");
            }));
            Future<?> second = pool.submit(() -> {
                await(firstAppended);
                db.tx().executeWithoutResult(status -> {
                    sql.update("UPDATE audit_probe SET n = n + 1 WHERE id = 2");
                    secondUpdated.countDown();
                    trail.append(AuditEntry.of("second", Channel.SYSTEM, "PROBE", "probe", "2"));
                });
            });
            second.get(30, TimeUnit.SECONDS);
            first.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(sql.queryForList("SELECT actor FROM audit_record ORDER BY seq", String.class))
                .as("in the order of the commits").containsExactly("second", "first");
        assertThat(sql.queryForObject("SELECT SUM(n) FROM audit_probe", Integer.class)).isEqualTo(3);
        assertThat(verifier.verify(null).intact()).isTrue();
    }

    @Test
    void aRolledBackTransactionAppendsNothing() {
        db.tx().executeWithoutResult(status -> {
            trail.append(AuditEntry.of("operator", Channel.CLI, "DELIVERY_CONFIRMED", "delivery", "D1"));
            status.setRollbackOnly();
        });
        trail.append(AuditEntry.of("operator", Channel.CLI, "DELIVERY_CONFIRMED", "delivery", "D2"));

        assertThat(sql.queryForList("SELECT object_id FROM audit_record ORDER BY seq", String.class))
                .containsExactly("D2");
        assertThat(verifier.verify(null).intact()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not reach its point");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUntouchedTrailIsIntactAndEndsAtItsLastRecord() {
        appendFive();

        AuditVerifier.Result r = verifier.verify(null);

        assertThat(r.intact()).isTrue();
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.lastHash()).isEqualTo(sql.queryForObject("SELECT record_hash FROM audit_record WHERE seq = 5",
                String.class));
        assertThat(verifier.verify(r.lastHash()).intact()).as("the auditor's kept hash is in the chain").isTrue();
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteARecord() {
        appendFive();

        assertThatThrownBy(() -> sql.update("UPDATE audit_record SET actor = 'nobody' WHERE seq = 2"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("AUDIT_APPEND_ONLY");
        assertThatThrownBy(() -> sql.update("DELETE FROM audit_record WHERE seq = 2"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("AUDIT_APPEND_ONLY");
        assertThat(verifier.verify(null).intact()).isTrue();
    }

    @Test
    void anAlteredRecordIsNamed() {
        appendFive();
        dropTheAppendOnlyTrigger();
        sql.update("UPDATE audit_record SET reason = 'nothing to see' WHERE seq = 3");

        AuditVerifier.Result r = verifier.verify(null);

        assertThat(r.code()).isEqualTo(AuditVerifier.AUDIT_RECORD_ALTERED);
        assertThat(r.seq()).isEqualTo(3);
        assertThat(r.recordId()).isEqualTo(sql.queryForObject("SELECT record_id FROM audit_record WHERE seq = 3",
                String.class));
    }

    @Test
    void aRemovedRecordIsNamedEvenWhenTheRestIsRenumbered() {
        appendFive();
        dropTheAppendOnlyTrigger();
        sql.update("DELETE FROM audit_record WHERE seq = 2");

        assertThat(verifier.verify(null)).satisfies(r -> {
            assertThat(r.code()).isEqualTo(AuditVerifier.AUDIT_RECORD_REMOVED);
            assertThat(r.seq()).isEqualTo(3);
        });

        sql.update("UPDATE audit_record SET seq = seq - 1 WHERE seq > 2");
        sql.update("UPDATE audit_head SET last_seq = 4");
        assertThat(verifier.verify(null)).satisfies(r -> {
            assertThat(r.code()).isEqualTo(AuditVerifier.AUDIT_RECORD_REMOVED);
            assertThat(r.seq()).as("the record after the removed one").isEqualTo(2);
        });
    }

    @Test
    void theLastRecordRemovedIsFoundAgainstTheHead() {
        appendFive();
        dropTheAppendOnlyTrigger();
        sql.update("DELETE FROM audit_record WHERE seq = 5");

        assertThat(verifier.verify(null).code()).isEqualTo(AuditVerifier.AUDIT_RECORD_REMOVED);
    }

    @Test
    void anInsertedRecordIsNamedEvenWhenItCarriesAValidHashOfItsOwn() {
        appendFive();
        dropTheAppendOnlyTrigger();
        // make room after record 2 and slip in a well-formed record linked to record 2
        sql.update("UPDATE audit_record SET seq = seq + 100 WHERE seq > 2");
        sql.update("UPDATE audit_record SET seq = seq - 99 WHERE seq > 100");
        String prev = sql.queryForObject("SELECT record_hash FROM audit_record WHERE seq = 2", String.class);
        AuditRecord forged = new AuditRecord(3, "forged0000000000000000000000000", java.time.Instant.parse(
                "2026-12-01T00:00:00Z"), "mallory", "REST", "APPROVAL_GRANTED", "payment", "P1", null, null, null, prev, null);
        sql.update("""
                INSERT INTO audit_record (seq, record_id, occurred_at, actor, channel, action, object_type, object_id,
                    prev_hash, record_hash) VALUES (3, ?, ?, 'mallory', 'REST', 'APPROVAL_GRANTED', 'payment', 'P1', ?, ?)""",
                forged.recordId(), java.sql.Timestamp.from(forged.occurredAt()), prev, forged.expectedHash());
        sql.update("UPDATE audit_head SET last_seq = 6");

        AuditVerifier.Result r = verifier.verify(null);

        assertThat(r.code()).isEqualTo(AuditVerifier.AUDIT_RECORD_INSERTED);
        assertThat(r.seq()).isEqualTo(3);
    }

    @Test
    void aTrailRebuiltFromScratchIsCaughtOnlyAgainstAKeptHash() {
        appendFive();
        String kept = verifier.verify(null).lastHash();
        dropTheAppendOnlyTrigger();
        sql.update("DELETE FROM audit_record");
        sql.update("UPDATE audit_head SET last_seq = 0, last_hash = ?", AuditHash.GENESIS);
        trail.append(AuditEntry.of("mallory", Channel.CLI, "NOTHING_HAPPENED", "hub", "-"));

        assertThat(verifier.verify(null).intact()).as("consistent with itself").isTrue();
        assertThat(verifier.verify(kept).code()).isEqualTo(AuditVerifier.AUDIT_HEAD_MISMATCH);
    }

    @Test
    void appendsFromManyThreadsFormOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    trail.append(AuditEntry.of("user-" + thread, Channel.REST, "VOUCHER_RECEIVED", "voucher",
                            thread + "-" + i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        AuditVerifier.Result r = verifier.verify(null);
        assertThat(r.intact()).as(r.message()).isTrue();
        assertThat(r.records()).isEqualTo(200);
    }

    @Test
    void aRecordRolledBackWithItsActionLeavesNoTrace() {
        appendFive();
        assertThatThrownBy(() -> db.tx().executeWithoutResult(s -> {
            trail.append(AuditEntry.of("operator", Channel.CLI, "DELIVERY_RESENT", "delivery", "D9"));
            throw new IllegalStateException("the action failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(db.count("SELECT COUNT(*) FROM audit_record")).isEqualTo(5);
        assertThat(verifier.verify(null).intact()).isTrue();
    }
}
