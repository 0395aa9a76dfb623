package db.migration.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A statement line's amount becomes optional: the TxDtls of a batch-booked entry may carry none (the bank
 * booked the file's total), and such a line is kept as the bank sent it rather than with an invented amount.
 * Java because dropping NOT NULL is spelt differently on Oracle than on H2 and PostgreSQL.
 */
public class V5_1__statement_amount_optional extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean oracle = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("oracle");
        try (Statement s = c.createStatement()) {
            s.execute(oracle ? "ALTER TABLE statement_entry MODIFY (amount NULL)"
                    : "ALTER TABLE statement_entry ALTER COLUMN amount DROP NOT NULL");
        }
    }
}
