package org.jincai.server.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start on a database that would lose a commit the hub has already acknowledged (a 202, an
 * archived inbox file, a delivery recorded before its upload): an H2 file database with a write delay,
 * a PostgreSQL with {@code fsync} or {@code synchronous_commit} off, an Oracle whose {@code commit_write}
 * says NOWAIT or BATCH. The start fails with {@value #DATABASE_NOT_DURABLE} naming the setting; an
 * in-memory H2 (tests) is not checked. docs/operations.md, "Durable commits", says what each database needs.
 */
@Component
class DurableCommits implements InitializingBean {

    static final String DATABASE_NOT_DURABLE = "DATABASE_NOT_DURABLE";

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    private final DataSource dataSource;

    DurableCommits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            String url = String.valueOf(c.getMetaData().getURL());
            if (product.contains("h2")) {
                if (!url.startsWith("jdbc:h2:mem:")) {
                    for (String delay : values(st, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                        if (!"0".equals(delay)) {
                            problems.add("H2 WRITE_DELAY is " + delay + " ms: add ;WRITE_DELAY=0 to the JDBC URL");
                        }
                    }
                }
            } else if (product.contains("postgres")) {
                require(values(st, "SHOW fsync"), "on", "PostgreSQL fsync", problems);
                for (String sync : values(st, "SHOW synchronous_commit")) {
                    if ("off".equalsIgnoreCase(sync)) {
                        problems.add("PostgreSQL synchronous_commit is off: set it on");
                    }
                }
            } else if (product.contains("oracle")) {
                checkOracle(st, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(DATABASE_NOT_DURABLE + ": the database may lose commits the hub has"
                    + " acknowledged: " + String.join("; ", problems));
        }
    }

    private static void checkOracle(Statement st, List<String> problems) {
        try {
            for (String value : values(st, "SELECT value FROM v$parameter WHERE name = 'commit_write'")) {
                String v = value == null ? "" : value.toUpperCase(Locale.ROOT);
                if (v.contains("NOWAIT") || v.contains("BATCH")) {
                    problems.add("Oracle commit_write is " + value + ": leave it unset (COMMIT WRITE WAIT IMMEDIATE)");
                }
            }
        } catch (SQLException e) {
            // v$parameter needs a grant the hub's user may not have: the docs say what the DBA must keep
            log.info("cannot read Oracle's commit_write ({}); the hub relies on the default COMMIT WRITE WAIT",
                    e.getMessage());
        }
    }

    private static void require(List<String> values, String expected, String what, List<String> problems) {
        for (String v : values) {
            if (!expected.equalsIgnoreCase(v)) {
                problems.add(what + " is " + v + ": set it " + expected);
            }
        }
    }

    private static List<String> values(Statement st, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
