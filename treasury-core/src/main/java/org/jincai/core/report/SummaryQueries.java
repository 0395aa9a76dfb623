package org.jincai.core.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Read-only figures for operators: what went to each bank and what came back, and how many payments stand where. */
public class SummaryQueries {

    private static final String BY_BANK = """
            SELECT d.bank_code, COUNT(DISTINCT d.delivery_id) AS files, COUNT(p.payment_id) AS txs,
                   COALESCE(SUM(p.amount), 0) AS amount,
                   SUM(CASE WHEN p.status = 'ACCEPTED' OR p.paid_date IS NOT NULL THEN 1 ELSE 0 END) AS accepted,
                   SUM(CASE WHEN p.paid_date IS NOT NULL THEN 1 ELSE 0 END) AS paid,
                   SUM(CASE WHEN p.status IN ('REJECTED', 'FAILED')
                             OR (p.status = 'RECEIPTED' AND p.paid_date IS NULL) THEN 1 ELSE 0 END) AS rejected,
                   SUM(CASE WHEN p.status IN ('RELEASED', 'SENT') THEN 1 ELSE 0 END) AS awaiting
              FROM bank_delivery d JOIN payment p ON p.delivery_id = d.delivery_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public SummaryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals per bank over the given deliveries only (for example, one run's). */
    public List<BankTotals> byBank(Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(BY_BANK + " WHERE d.delivery_id IN (:ids) GROUP BY d.bank_code ORDER BY d.bank_code",
                new MapSqlParameterSource("ids", deliveryIds),
                SummaryQueries::totals);
    }

    /** How many payments stand in each lifecycle state. */
    public Map<String, Integer> paymentsByStatus() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM payment GROUP BY status ORDER BY status", new MapSqlParameterSource(),
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** Whether a voucher with this fiscal key was taken in as payable (an original, VoucherFlag 0). */
    public boolean voucherKnown(String admDivCode, String stYear, String vtCode, String voucherNo) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM voucher WHERE adm_div_code = :adm AND st_year = :year AND vt_code = :vt
                   AND voucher_no = :no AND voucher_flag = 0""",
                new MapSqlParameterSource("adm", admDivCode).addValue("year", stYear).addValue("vt", vtCode)
                        .addValue("no", voucherNo), Integer.class);
        return n != null && n > 0;
    }

    /** Vouchers taken in as payable since {@code since}. */
    public int vouchersAcceptedSince(Instant since) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM voucher WHERE received_at >= :t",
                new MapSqlParameterSource("t", Timestamp.from(since)), Integer.class);
        return n == null ? 0 : n;
    }

    /** Vouchers refused since {@code since}, oldest first, with their codes. */
    public List<Refusal> refusalsSince(Instant since) {
        return jdbc.query("""
                SELECT voucher_no, adm_div_code, st_year, vt_code, codes, detail FROM voucher_refusal
                 WHERE refused_at >= :t ORDER BY refused_at, voucher_no """,
                new MapSqlParameterSource("t", Timestamp.from(since)),
                (rs, n) -> new Refusal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        List.of(rs.getString(5).split(",")), rs.getString(6)));
    }

    /** The deliveries (bank files) prepared since {@code since}. */
    public List<String> deliveriesSince(Instant since) {
        return jdbc.queryForList("SELECT delivery_id FROM bank_delivery WHERE prepared_at >= :t ORDER BY prepared_at",
                new MapSqlParameterSource("t", Timestamp.from(since)), String.class);
    }

    /** Receipts and returns written upstream since {@code since}, per VoucherFlag: count and amount paid. */
    public Map<Integer, AnswerTotals> answersSince(Instant since) {
        Map<Integer, AnswerTotals> totals = new LinkedHashMap<>();
        jdbc.query("""
                SELECT voucher_flag, COUNT(*), COALESCE(SUM(paid_amount), 0) FROM voucher_answer
                 WHERE created_at >= :t GROUP BY voucher_flag ORDER BY voucher_flag """,
                new MapSqlParameterSource("t", Timestamp.from(since)),
                rs -> {
                    totals.put(rs.getInt(1), new AnswerTotals(rs.getInt(2), rs.getBigDecimal(3)));
                });
        return totals;
    }

    /** Vouchers taken in since {@code since} that the banks have not settled and answered upstream yet. */
    public int vouchersAwaitingAnswerSince(Instant since) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM voucher v WHERE v.received_at >= :t
                   AND NOT EXISTS (SELECT 1 FROM voucher_answer a WHERE a.voucher_id = v.voucher_id) """,
                new MapSqlParameterSource("t", Timestamp.from(since)), Integer.class);
        return n == null ? 0 : n;
    }

    /** A voucher refused at intake. */
    public record Refusal(String voucherNo, String admDivCode, String stYear, String vtCode, List<String> codes,
                          String detail) {
    }

    /** How many receipts (or returns) and how much they report paid. */
    public record AnswerTotals(int count, BigDecimal paid) {
    }

    private static BankTotals totals(ResultSet rs, int row) throws SQLException {
        return new BankTotals(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8));
    }
}
