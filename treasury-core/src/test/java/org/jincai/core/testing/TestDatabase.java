package org.jincai.core.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real, migrated database for one test class: an in-memory H2 by default, or — when the system
 * property {@code jincai.test.db} (or the environment variable {@code JINCAI_TEST_DB}) is {@code postgres}
 * — a fresh schema in the machine's PostgreSQL ({@code JINCAI_TEST_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}), dropped on close.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String MIGRATIONS = "classpath:db/migration/common";
    static final int DROP_ATTEMPTS = 5;

    /** The migrations of one database: those every vendor shares, then the vendor's own (Flyway's {vendor}). */
    public static String[] migrations(String vendor) {
        return new String[] {MIGRATIONS, "classpath:db/migration/" + ("postgres".equals(vendor) ? "postgresql" : vendor)};
    }

    private final DriverManagerDataSource dataSource;
    private final String vendor;
    private final String schema;

    private TestDatabase(DriverManagerDataSource dataSource, String vendor, String schema) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.schema = schema;
    }

    public static boolean postgresRequested() {
        String v = System.getProperty("jincai.test.db", System.getenv().getOrDefault("JINCAI_TEST_DB", "h2"));
        return "postgres".equals(v.toLowerCase(Locale.ROOT));
    }

    public static String postgresUrl() {
        return System.getenv().getOrDefault("JINCAI_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    /** The Flyway placeholder for raw bytes on each vendor; the application sets the same per profile. */
    public static String binaryType(String vendor) {
        return "postgres".equals(vendor) ? "BYTEA" : "BLOB";
    }

    public static TestDatabase create() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (postgresRequested()) {
            DriverManagerDataSource admin = new DriverManagerDataSource(postgresUrl(), "postgres", "");
            new NamedParameterJdbcTemplate(admin).getJdbcTemplate().execute("CREATE SCHEMA " + name);
            DriverManagerDataSource ds = new DriverManagerDataSource(postgresUrl()
                    + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=" + name, "postgres", "");
            migrate(ds, "postgres", name);
            return new TestDatabase(ds, "postgres", name);
        }
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrate(ds, "h2", null);
        return new TestDatabase(ds, "h2", name);
    }

    private static void migrate(DataSource ds, String vendor, String schema) {
        var config = Flyway.configure().dataSource(ds).locations(migrations(vendor))
                .placeholders(Map.of("binary_type", binaryType(vendor)));
        if (schema != null) {
            config.schemas(schema);
        }
        config.load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The Spring Boot properties that point an application context at this database. */
    public Map<String, String> springProperties() {
        return Map.of("spring.datasource.url", dataSource.getUrl(),
                "spring.datasource.username", dataSource.getUsername(),
                "spring.datasource.password", "",
                "spring.flyway.placeholders.binary_type", binaryType(vendor));
    }

    public String vendor() {
        return vendor;
    }

    /**
     * Makes a statement that waits for a row lock give up after {@code millis} (its transaction failing with a lock
     * timeout): on H2 the database's default lock timeout, on PostgreSQL each new connection's {@code lock_timeout}.
     */
    public void lockTimeout(int millis) {
        if ("postgres".equals(vendor)) {
            Properties options = new Properties();
            options.setProperty("options", "-c lock_timeout=" + millis);
            dataSource.setConnectionProperties(options);
        } else {
            jdbc().getJdbcTemplate().execute("SET DEFAULT_LOCK_TIMEOUT " + millis);
        }
    }

    public NamedParameterJdbcTemplate jdbc() {
        return new NamedParameterJdbcTemplate(dataSource);
    }

    public TransactionTemplate tx() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public int count(String sql) {
        Integer n = jdbc().getJdbcTemplate().queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * Drops the PostgreSQL schema, or shuts the H2 database down. A Spring context of the test still runs on the
     * schema (contexts are cached until the JVM ends, their schedulers and routes polling), so the drop, which locks
     * the schema's tables one by one, can deadlock with one of its transactions; PostgreSQL then aborts one of the
     * two, and a drop aborted so is tried again, up to {@value #DROP_ATTEMPTS} times.
     */
    @Override
    public void close() {
        if ("postgres".equals(vendor)) {
            JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(postgresUrl(), "postgres", ""));
            for (int attempt = 1; ; attempt++) {
                try {
                    admin.execute("DROP SCHEMA " + schema + " CASCADE");
                    return;
                } catch (PessimisticLockingFailureException deadlock) {
                    if (attempt == DROP_ATTEMPTS) {
                        throw deadlock;
                    }
                    pause(Duration.ofMillis(200L * attempt));
                }
            }
        } else {
            jdbc().getJdbcTemplate().execute("SHUTDOWN");
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dropping a test schema", e);
        }
    }
}
