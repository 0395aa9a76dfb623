package org.jincai.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The declared column limits against the migrated schema itself (H2, or PostgreSQL when asked): no drift. */
class VoucherColumnsTest {

    static TestDatabase db;
    static Map<String, Column> schema;

    record Column(int size, int scale, boolean nullable, int type) {
    }

    @BeforeAll
    static void readSchema() throws SQLException {
        db = TestDatabase.create();
        schema = new HashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : new String[] {"voucher", "payment"}) {
                for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
                    try (ResultSet rs = meta.getColumns(null, c.getSchema(), name, null)) {
                        while (rs.next()) {
                            schema.put(table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                                    new Column(rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                                            rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable,
                                            rs.getInt("DATA_TYPE")));
                        }
                    }
                }
            }
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyDeclaredTextLimitIsTheColumnsLengthAndEveryNotNullColumnIsRequired() {
        for (VoucherColumns.Text t : VoucherColumns.TEXT) {
            Column c = schema.get(t.table() + "." + t.column());
            assertThat(c).as(t.table() + "." + t.column() + " exists").isNotNull();
            assertThat(c.size()).as(t.table() + "." + t.column() + " length").isEqualTo(t.maxLength());
            assertThat(t.required()).as(t.table() + "." + t.column() + " required").isEqualTo(!c.nullable());
        }
    }

    @Test
    void everyDeclaredAmountIsTheColumnsPrecisionAndScale() {
        for (VoucherColumns.Amount a : VoucherColumns.AMOUNTS) {
            Column c = schema.get(a.table() + "." + a.column());
            assertThat(c).as(a.table() + "." + a.column()).isNotNull();
            assertThat(c.size()).as(a.table() + "." + a.column() + " precision").isEqualTo(a.precision());
            assertThat(c.scale()).as(a.table() + "." + a.column() + " scale").isEqualTo(a.scale());
            assertThat(c.nullable()).isFalse();
        }
        for (VoucherColumns.Date d : VoucherColumns.DATES) {
            assertThat(schema.get(d.table() + "." + d.column())).as(d.table() + "." + d.column()).isNotNull();
        }
    }

    @Test
    void everyColumnOfTheTablesIntakeWritesIsDeclaredOnce() {
        Set<String> declared = new HashSet<>();
        VoucherColumns.TEXT.forEach(t -> assertThat(declared.add(t.table() + "." + t.column())).isTrue());
        VoucherColumns.AMOUNTS.forEach(a -> assertThat(declared.add(a.table() + "." + a.column())).isTrue());
        VoucherColumns.DATES.forEach(d -> assertThat(declared.add(d.table() + "." + d.column())).isTrue());
        VoucherColumns.HUB_FILLED.forEach((table, columns) -> columns.forEach(
                c -> assertThat(declared.add(table + "." + c)).as(table + "." + c).isTrue()));

        assertThat(declared).as("a column added to voucher or payment must be declared in VoucherColumns")
                .containsExactlyInAnyOrderElementsOf(schema.keySet());
    }
}
