package org.jincai.server.console;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jincai.core.access.DataScope;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The console's read-only views of payments and bank files, inside the reader's data scope (a payment is its
 * voucher's division and agency). Every list is bounded ({@value #MAX_ROWS} rows at most).
 */
@Component
public class ConsoleQueries {

    /** The most rows a console list shows. */
    public static final int MAX_ROWS = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public ConsoleQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemDefaultZone();
    }

    /** How many payments of one state at one bank, and how much. */
    public record StateCount(String status, String bank, long payments, BigDecimal amount) {
    }

    /** One payment in a list. */
    public record PaymentRow(String paymentId, String voucherNo, String admDivCode, String agencyCode, String bank,
                             String payeeName, String payeeAccount, BigDecimal amount, String currency, String status,
                             String deliveryId, String reasonCode, LocalDateTime updatedAt) {
    }

    /** One event of a payment's life. */
    public record EventRow(String from, String to, String actor, String reason, LocalDateTime at) {
    }

    /** One statement line booked against a payment. */
    public record StatementRow(String bank, String statementId, String entryKey, BigDecimal amount, String creditDebit,
                               LocalDate bookingDate, boolean reversal, LocalDateTime receivedAt) {
    }

    /** A bank's last payment file and last answer file. */
    public record BankFiles(String lastFile, String lastFileStatus, LocalDateTime lastFileAt, String lastAnswer,
                            LocalDateTime lastAnswerAt) {
    }

    /** The payments created today (the server's day), by state and bank. */
    public List<StateCount> today(DataScope scope) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("from",
                Timestamp.valueOf(LocalDate.now(clock).atStartOfDay())));
        return jdbc.query("SELECT p.status, p.bank_code, COUNT(*) AS n, SUM(p.amount) AS total FROM payment p"
                + " JOIN voucher v ON v.voucher_id = p.voucher_id WHERE p.created_at >= :from AND "
                + scope.sqlCondition("v.adm_div_code", "v.agency_code")
                + " GROUP BY p.status, p.bank_code ORDER BY p.bank_code, p.status", p,
                (rs, i) -> new StateCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)));
    }

    /** The payments matching the filters given (blank ones ignored), newest first. */
    public List<PaymentRow> payments(DataScope scope, String voucherNo, String status, String bank, String payee) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource());
        StringBuilder where = new StringBuilder(scope.sqlCondition("v.adm_div_code", "v.agency_code"));
        if (present(voucherNo)) {
            where.append(" AND v.voucher_no = :voucherNo");
            p.addValue("voucherNo", voucherNo.strip());
        }
        if (present(status)) {
            where.append(" AND p.status = :status");
            p.addValue("status", status.strip());
        }
        if (present(bank)) {
            where.append(" AND p.bank_code = :bank");
            p.addValue("bank", bank.strip());
        }
        if (present(payee)) {
            where.append(" AND (p.payee_acct_name LIKE :payee OR p.payee_acct_no = :payeeAcct)");
            p.addValue("payee", "%" + payee.strip() + "%").addValue("payeeAcct", payee.strip());
        }
        return jdbc.query(PAYMENT_SELECT + " WHERE " + where + " ORDER BY p.updated_at DESC, p.payment_id"
                + " FETCH FIRST " + MAX_ROWS + " ROWS ONLY", p, (rs, i) -> paymentRow(rs));
    }

    /** One payment, when it is inside the scope. */
    public Optional<PaymentRow> payment(DataScope scope, String paymentId) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("id", paymentId));
        return jdbc.query(PAYMENT_SELECT + " WHERE p.payment_id = :id AND "
                + scope.sqlCondition("v.adm_div_code", "v.agency_code"), p, (rs, i) -> paymentRow(rs)).stream().findFirst();
    }

    /** Every event of the payment, oldest first. */
    public List<EventRow> events(String paymentId) {
        return jdbc.query("SELECT from_status, to_status, actor, reason, occurred_at FROM payment_event"
                + " WHERE payment_id = :id ORDER BY occurred_at, event_id", new MapSqlParameterSource("id", paymentId),
                (rs, i) -> new EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime()));
    }

    /** The statement lines booked against the payment. */
    public List<StatementRow> statementLines(String paymentId) {
        return jdbc.query("SELECT bank_code, statement_id, entry_key, amount, credit_debit, booking_date, reversal,"
                + " received_at FROM statement_entry WHERE payment_id = :id ORDER BY received_at, entry_id",
                new MapSqlParameterSource("id", paymentId),
                (rs, i) -> new StatementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7) != 0,
                        rs.getTimestamp(8).toLocalDateTime()));
    }

    /** The bank's last payment file and last answer file, if any. */
    public BankFiles bankFiles(String bank) {
        MapSqlParameterSource p = new MapSqlParameterSource("bank", bank);
        List<Object[]> file = jdbc.query("SELECT file_name, status, prepared_at FROM bank_delivery WHERE bank_code = :bank"
                + " ORDER BY prepared_at DESC, delivery_id DESC FETCH FIRST 1 ROWS ONLY", p,
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime()});
        List<Object[]> answer = jdbc.query("SELECT file_name, received_at FROM inbound_file WHERE bank_code = :bank"
                + " ORDER BY received_at DESC, inbound_id DESC FETCH FIRST 1 ROWS ONLY", p,
                (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toLocalDateTime()});
        Object[] f = file.isEmpty() ? new Object[3] : file.get(0);
        Object[] a = answer.isEmpty() ? new Object[2] : answer.get(0);
        return new BankFiles((String) f[0], (String) f[1], (LocalDateTime) f[2], (String) a[0], (LocalDateTime) a[1]);
    }

    private static final String PAYMENT_SELECT = "SELECT p.payment_id, v.voucher_no, v.adm_div_code, v.agency_code,"
            + " p.bank_code, p.payee_acct_name, p.payee_acct_no, p.amount, p.currency, p.status, p.delivery_id,"
            + " p.bank_reason_code, p.updated_at FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id";

    private static PaymentRow paymentRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PaymentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getTimestamp(13).toLocalDateTime());
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
