package org.jincai.core;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes the PostgreSQL JDBC driver send a JDBC batch of INSERTs as multi-row INSERTs ({@value #PROPERTY}): without it
 * the driver sends every row of a batch as a statement of its own (a payroll of 20,000 rows: its payments step 3.4 s
 * → 2.5 s with it). Set on the hub's connection pool whatever way the operator gave the database (the
 * {@code postgres} profile, {@code spring.datasource.url} on the command line), unless the URL or
 * {@code spring.datasource.hikari.data-source-properties} already say {@value #PROPERTY} either way. Other databases
 * are left alone (H2 refuses a setting it does not know). The rewritten batches answer each row's update count as
 * {@link java.sql.Statement#SUCCESS_NO_INFO}: the hub checks the counts of its batched UPDATEs only, never of its
 * INSERTs.
 */
public class PostgresBatchedInserts implements BeanPostProcessor {

    /** The driver's property. */
    public static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && applies(pool.getJdbcUrl(), pool.getDataSourceProperties())) {
            pool.addDataSourceProperty(PROPERTY, "true");
        }
        return bean;
    }

    /** Whether a pool of {@code url} with {@code properties} should get {@value #PROPERTY}: PostgreSQL, not said yet. */
    static boolean applies(String url, Properties properties) {
        return url != null && url.startsWith("jdbc:postgresql:") && !url.contains(PROPERTY)
                && !properties.containsKey(PROPERTY);
    }
}
