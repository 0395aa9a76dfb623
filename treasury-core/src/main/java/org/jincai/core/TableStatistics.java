package org.jincai.core;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Brings the planner's statistics of tables a job has just filled up to date, on PostgreSQL ({@code ANALYZE}): its
 * planner chooses by the row counts it last sampled, and the autovacuum daemon samples a table at the earliest a
 * minute after it grew. A job's next step planned on a table it believes empty — 100,000 payroll lines written by the
 * {@code validate} step a second before — may join or sort the whole run for every chunk (a 100,000-line payroll's
 * former {@code payments} step took minutes instead of seconds that way). H2 plans by its indexes and needs nothing; on
 * Oracle the hub relies on its statistics job and dynamic sampling (not measured here).
 */
public final class TableStatistics {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TableStatistics() {
    }

    /** Samples {@code tables} again when the database is PostgreSQL, in the caller's transaction; else nothing. */
    public static void refresh(NamedParameterJdbcTemplate jdbc, String... tables) {
        for (String table : tables) {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
        }
        String product = jdbc.getJdbcTemplate().execute((ConnectionCallback<String>) c ->
                c.getMetaData().getDatabaseProductName());
        if (product == null || !product.toLowerCase(Locale.ROOT).contains("postgres")) {
            return;
        }
        for (String table : tables) {
            jdbc.getJdbcTemplate().execute("ANALYZE " + table);
        }
    }
}
