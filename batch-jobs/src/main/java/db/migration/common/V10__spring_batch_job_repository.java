package db.migration.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The Spring Batch JobRepository's tables on the hub's database, created by the hub's own migrations (never
 * by Spring Batch at start, which would need DDL rights at run time): the schema script Spring Batch ships
 * for the database in use, H2, PostgreSQL or Oracle, run as it is, so its tables are always the version the
 * library expects.
 */
public class V10__spring_batch_job_repository extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        ScriptUtils.executeSqlScript(connection,
                new ClassPathResource("org/springframework/batch/core/schema-" + vendor(connection) + ".sql"));
    }

    static String vendor(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("oracle")) {
            return "oracle";
        }
        throw new SQLException("no Spring Batch schema for database " + product + ": the hub supports H2, PostgreSQL"
                + " and Oracle");
    }
}
