package org.jincai.core.answer;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What operators and auditors see of the banks' statements: the lines kept (newest first) with their status,
 * the payment they booked or name, and why they paid nothing; and the warnings kept with the statements. The
 * pending view holds the lines that are not booked (PDNG, INFO, no status) and that no later file has booked
 * since. Read-only.
 */
public class StatementQueries {

    /** The most lines or warnings one listing returns. */
    public static final int MAX_LIMIT = 10_000;

    private final NamedParameterJdbcTemplate jdbc;

    public StatementQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement line.
     *
     * @param paymentId     the payment the line booked; null when it booked none
     * @param paymentStatus the status now of the payment it booked or its EndToEndId names
     * @param deliveryId    the payment file a batch entry booked as a whole
     * @param reason        why the line paid nothing; null when it paid
     * @param settledBy     the later file that booked what this pending line announced
     */
    public record Line(String bankCode, String fileName, String statementId, String entryKey, int txSeq, String status,
                       String creditDebit, BigDecimal amount, String currency, LocalDate bookingDate, LocalDate valueDate,
                       String endToEndId, String paymentId, String paymentStatus, String deliveryId, String reason,
                       String settledBy, Instant receivedAt) {
    }

    /** A warning the reader found in a statement it applied. */
    public record Warning(String bankCode, String fileName, String statementId, String code, String location,
                          String message, Instant receivedAt) {
    }

    /** Lines and the warnings of the same bank(s). */
    public record Listing(List<Line> lines, List<Warning> warnings) {
        public Listing {
            lines = List.copyOf(lines);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param bankCode    one bank, or null for all
     * @param pendingOnly only the lines not booked and not settled by a later file
     * @param limit       at most this many lines, and this many warnings (1 to {@value #MAX_LIMIT})
     */
    public Listing list(String bankCode, boolean pendingOnly, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        MapSqlParameterSource params = new MapSqlParameterSource("bank", bankCode);
        String bank = bankCode == null ? "" : " AND e.bank_code = :bank";
        String pending = pendingOnly ? " AND (e.status IS NULL OR e.status <> 'BOOK') AND e.settled_by IS NULL" : "";
        String fetch = " FETCH FIRST " + limit + " ROWS ONLY";
        List<Line> lines = jdbc.query("SELECT e.bank_code, e.file_name, e.statement_id, e.entry_key, e.tx_seq, e.status,"
                + " e.credit_debit, e.amount, e.currency, e.booking_date, e.value_date, e.end_to_end_id, e.payment_id,"
                + " p.status, e.delivery_id, e.reason, e.settled_by, e.received_at"
                + " FROM statement_entry e LEFT JOIN payment p ON p.payment_id = COALESCE(e.payment_id, e.end_to_end_id)"
                + " WHERE 1 = 1" + bank + pending
                + " ORDER BY e.received_at DESC, e.bank_code, e.entry_key, e.tx_seq" + fetch, params, StatementQueries::line);
        List<Warning> warnings = jdbc.query("SELECT w.bank_code, w.file_name, w.statement_id, w.code, w.location,"
                + " w.message, w.received_at FROM statement_warning w WHERE 1 = 1" + bank.replace("e.", "w.")
                + " ORDER BY w.received_at DESC, w.bank_code, w.file_name" + fetch, params, (rs, n) -> new Warning(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                instant(rs, 7)));
        return new Listing(lines, warnings);
    }

    private static Line line(ResultSet rs, int n) throws SQLException {
        return new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), rs.getBigDecimal(8), rs.getString(9), rs.getObject(10, LocalDate.class),
                rs.getObject(11, LocalDate.class), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), instant(rs, 18));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
