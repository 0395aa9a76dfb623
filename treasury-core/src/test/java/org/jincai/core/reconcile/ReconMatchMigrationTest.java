package org.jincai.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V28 on H2: {@code recon_match} built again without its foreign key to {@code payment} (and the index H2 kept for
 * it), on a database that already holds matches. Each row is kept, and a statement line still matches once and a
 * payment is still booked once.
 */
class ReconMatchMigrationTest {

    private static final String INSERT = "INSERT INTO recon_match (bank_code, account_no, statement_id, entry_key, tx_seq,"
            + " payment_id, delivery_id, match_kind, rule_code, amount, booking_date, run_id, matched_at)"
            + " VALUES ('B', 'A', 'S', ?, 1, ?, 'D', 'DEBIT', 'END_TO_END', 10.50, DATE '2026-12-01', 'R',"
            + " TIMESTAMP '2026-12-01 10:00:00')";

    @Test
    void theMatchesOfADatabaseBeforeV28AreKeptWithTheirKeysAndWithoutTheForeignKey() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource("jdbc:h2:mem:v28;DB_CLOSE_DELAY=-1", "sa", "",
                true);
        try {
            Flyway.configure().dataSource(ds).locations(TestDatabase.migrations("h2"))
                    .placeholders(Map.of("binary_type", "BLOB")).target("25").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // a match before V28 names a payment: the foreign key holds (no payment here, so it is switched off)
            jdbc.execute("SET REFERENTIAL_INTEGRITY FALSE");
            jdbc.update(INSERT, "KEY-1", "P1");
            jdbc.update(INSERT, "KEY-2", "P2");
            jdbc.execute("SET REFERENTIAL_INTEGRITY TRUE");
            assertThat(foreignKeys(jdbc)).isEqualTo(1);

            Flyway.configure().dataSource(ds).locations(TestDatabase.migrations("h2"))
                    .placeholders(Map.of("binary_type", "BLOB")).target("28").load().migrate();

            assertThat(jdbc.queryForList("SELECT entry_key || '/' || payment_id || '/' || amount || '/' || booking_date"
                    + " FROM recon_match ORDER BY entry_key", String.class))
                    .containsExactly("KEY-1/P1/10.50/2026-12-01", "KEY-2/P2/10.50/2026-12-01");
            assertThat(foreignKeys(jdbc)).isZero();
            assertThat(jdbc.queryForList("SELECT index_name FROM information_schema.indexes"
                    + " WHERE table_name = 'RECON_MATCH' ORDER BY index_name", String.class))
                    .hasSize(3).contains("IX_RECON_MATCH_RUN");
            assertThatThrownBy(() -> jdbc.update(INSERT, "KEY-1", "P3"))
                    .as("a statement line matches once").isInstanceOf(DataIntegrityViolationException.class);
            assertThatThrownBy(() -> jdbc.update(INSERT, "KEY-3", "P1"))
                    .as("a payment is booked once").isInstanceOf(DataIntegrityViolationException.class);
        } finally {
            new JdbcTemplate(ds).execute("SHUTDOWN");
            ds.destroy();
        }
    }

    private static int foreignKeys(JdbcTemplate jdbc) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.table_constraints"
                + " WHERE table_name = 'RECON_MATCH' AND constraint_type = 'FOREIGN KEY'", Integer.class);
        return n == null ? 0 : n;
    }
}
