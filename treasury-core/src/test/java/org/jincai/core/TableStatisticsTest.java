package org.jincai.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL (CI's second pass) a table filled since it was last sampled is counted again: the planner's row
 * estimate ({@code pg_class.reltuples}) goes from "never sampled" to the rows written. On H2 nothing is run and nothing
 * fails. A name that is not a plain table name is refused on either.
 */
class TableStatisticsTest {

    @Test
    void aTableJustFilledIsCountedAgainOnPostgresql() {
        try (TestDatabase db = TestDatabase.create()) {
            JdbcTemplate jdbc = db.jdbc().getJdbcTemplate();
            jdbc.execute("CREATE TABLE stats_probe (id INT NOT NULL PRIMARY KEY)");
            jdbc.execute("INSERT INTO stats_probe (id) SELECT x FROM " + (TestDatabase.postgresRequested()
                    ? "generate_series(1, 1000) AS x" : "SYSTEM_RANGE(1, 1000) AS t(x)"));

            TableStatistics.refresh(db.jdbc(), "stats_probe");

            if (TestDatabase.postgresRequested()) {
                assertThat(jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE oid = 'stats_probe'::regclass",
                        Float.class)).isEqualTo(1000f);
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_probe", Integer.class)).isEqualTo(1000);
            assertThatThrownBy(() -> TableStatistics.refresh(db.jdbc(), "stats_probe; DROP TABLE stats_probe"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a table name");
        }
    }
}
