package db.migration.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's JDBC job store on the hub's database, made by the hub's own migrations (never by Quartz or Spring at
 * start): the table script Quartz ships in its jar for the database in use ({@code tables_h2.sql},
 * {@code tables_postgres.sql}, {@code tables_oracle.sql}), so the tables are always those the library expects. The
 * scripts are written for a fresh install by hand: their {@code DROP TABLE}, {@code DELETE FROM} and
 * {@code COMMIT} statements are left out, because a migration runs once on a database that has no such tables and
 * commits with Flyway's own transaction.
 */
public class V13__quartz_job_store extends BaseJavaMigration {

    static final String SCRIPTS = "org/quartz/impl/jdbcjobstore/";

    @Override
    public void migrate(Context context) throws SQLException, IOException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script(connection))) {
                statement.execute(sql);
            }
        }
    }

    static String script(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "tables_h2.sql";
        }
        if (product.contains("postgres")) {
            return "tables_postgres.sql";
        }
        if (product.contains("oracle")) {
            return "tables_oracle.sql";
        }
        throw new SQLException("no Quartz job store script for database " + product + ": the hub supports H2,"
                + " PostgreSQL and Oracle");
    }

    /** The script's CREATE and ALTER statements, comments removed, in order. */
    static List<String> statements(String script) throws IOException {
        String text;
        try (InputStream in = V13__quartz_job_store.class.getClassLoader().getResourceAsStream(SCRIPTS + script)) {
            if (in == null) {
                throw new IOException("Quartz's " + SCRIPTS + script + " is not on the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String s : code.toString().split(";")) {
            String sql = s.strip();
            String head = sql.toLowerCase(Locale.ROOT);
            if (!sql.isEmpty() && !head.startsWith("drop ") && !head.startsWith("delete ") && !head.equals("commit")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
