package org.jincai.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The hub's pool on the test database (H2, or PostgreSQL with JINCAI_TEST_DB=postgres): on PostgreSQL a JDBC batch of
 * INSERTs goes rewritten into multi-row INSERTs (each row's count SUCCESS_NO_INFO), on H2 the pool is left alone;
 * an operator's own setting is kept.
 */
class PostgresBatchedInsertsTest {

    @Test
    void aPoolOnPostgresqlSendsItsBatchedInsertsRewrittenAndAPoolOnH2IsLeftAlone() {
        try (TestDatabase db = TestDatabase.create(); HikariDataSource pool = new HikariDataSource()) {
            DriverManagerDataSource test = (DriverManagerDataSource) db.dataSource();
            pool.setJdbcUrl(test.getUrl());
            pool.setUsername(test.getUsername());
            pool.setPassword("");
            new PostgresBatchedInserts().postProcessAfterInitialization(pool, "dataSource");
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE batched_probe (n INT)");

            int[] counts = jdbc.batchUpdate("INSERT INTO batched_probe (n) VALUES (?)",
                    List.of(new Object[] {1}, new Object[] {2}, new Object[] {3}, new Object[] {4}));

            assertThat(jdbc.queryForObject("SELECT SUM(n) FROM batched_probe", Integer.class)).isEqualTo(10);
            if (db.vendor().equals("postgres")) {
                assertThat(pool.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.PROPERTY, "true");
                // the driver rewrites by blocks of a power of two rows: four rows are one block (three: two, then one alone)
                assertThat(counts).as("rewritten").containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO,
                        Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO);
            } else {
                assertThat(pool.getDataSourceProperties()).isEmpty();
                assertThat(counts).containsExactly(1, 1, 1, 1);
            }
        }
    }

    @Test
    void onlyAPostgresqlPoolNotConfiguredEitherWayGetsIt() {
        Properties none = new Properties();
        Properties off = new Properties();
        off.setProperty(PostgresBatchedInserts.PROPERTY, "false");

        assertThat(PostgresBatchedInserts.applies("jdbc:postgresql://db:5432/jincai", none)).isTrue();
        assertThat(PostgresBatchedInserts.applies("jdbc:postgresql://db:5432/jincai?reWriteBatchedInserts=false", none))
                .isFalse();
        assertThat(PostgresBatchedInserts.applies("jdbc:postgresql://db:5432/jincai", off)).isFalse();
        assertThat(PostgresBatchedInserts.applies("jdbc:h2:file:/srv/jincai/db/jincai", none)).isFalse();
        assertThat(PostgresBatchedInserts.applies("jdbc:oracle:thin:@db:1521/jincai", none)).isFalse();
    }
}
