package db.migration.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: the foreign keys whose index every payroll line or payment writes and no query reads, dropped with
 * their index (docs/benchmarks.md, payroll). H2 2.4 gives a foreign key an index of its own and will not use a key
 * that merely starts with its column, and an H2 commit touches every index entry a transaction wrote a second time,
 * so each such index costs a payroll line or payment two B-tree writes and its page: {@code payroll_line.run_id}
 * (the lines' key starts with it), {@code payment.voucher_id} ({@code uq_payment_voucher_seq} and
 * {@code ix_payment_voucher_status} start with it) and {@code budget_reservation}'s {@code indicator_id} and
 * {@code plan_id} (a reservation is read by its payment; the reports join it from payment). V28 did the same for
 * {@code recon_match}. Every row these keys guarded is written by the hub in the transaction that read or wrote
 * what it refers to, and no code deletes a run, a voucher, an indicator or a plan; PostgreSQL and Oracle keep the
 * foreign keys (they build no index for them). H2 named the constraints itself, so they are looked up by their
 * table and column.
 */
public class V43__payroll_foreign_key_indexes extends BaseJavaMigration {

    private static final String[][] KEYS = {
            {"PAYROLL_LINE", "RUN_ID"},
            {"PAYMENT", "VOUCHER_ID"},
            {"BUDGET_RESERVATION", "INDICATOR_ID"},
            {"BUDGET_RESERVATION", "PLAN_ID"},
    };

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String[] key : KEYS) {
            for (String constraint : foreignKeys(connection, key[0], key[1])) {
                try (Statement drop = connection.createStatement()) {
                    drop.execute("ALTER TABLE " + key[0] + " DROP CONSTRAINT \"" + constraint + "\"");
                }
            }
        }
    }

    /** The foreign keys of {@code table} on {@code column} alone. */
    private static List<String> foreignKeys(Connection connection, String table, String column) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement find = connection.prepareStatement("""
                SELECT tc.CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
                  JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
                   AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                 WHERE tc.CONSTRAINT_TYPE = 'FOREIGN KEY' AND tc.TABLE_SCHEMA = SCHEMA() AND tc.TABLE_NAME = ?
                 GROUP BY tc.CONSTRAINT_NAME HAVING COUNT(*) = 1 AND MAX(k.COLUMN_NAME) = ?""")) {
            find.setString(1, table);
            find.setString(2, column);
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
