package org.jincai.core.report;

import java.math.BigDecimal;
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
                   SUM(CASE WHEN p.status = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted,
                   SUM(CASE WHEN p.status = 'REJECTED' THEN 1 ELSE 0 END) AS rejected,
                   SUM(CASE WHEN p.status IN ('RELEASED', 'SENT') THEN 1 ELSE 0 END) AS awaiting
              FROM bank_delivery d JOIN payment p ON p.delivery_id = d.delivery_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public SummaryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals per bank over every delivery ever made. */
    public List<BankTotals> byBank() {
        return jdbc.query(BY_BANK + " GROUP BY d.bank_code ORDER BY d.bank_code", new MapSqlParameterSource(),
                (rs, n) -> totals(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7)));
    }

    /** Totals per bank over the given deliveries only (for example, one run's). */
    public List<BankTotals> byBank(Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(BY_BANK + " WHERE d.delivery_id IN (:ids) GROUP BY d.bank_code ORDER BY d.bank_code",
                new MapSqlParameterSource("ids", deliveryIds),
                (rs, n) -> totals(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7)));
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

    public int vouchersReceived() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM voucher", new MapSqlParameterSource(), Integer.class);
        return n == null ? 0 : n;
    }

    public int vouchersRefused() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM voucher_refusal", new MapSqlParameterSource(), Integer.class);
        return n == null ? 0 : n;
    }

    private static BankTotals totals(String bank, int files, int txs, BigDecimal amount, int accepted, int rejected,
                                     int awaiting) {
        return new BankTotals(bank, files, txs, amount, accepted, rejected, awaiting);
    }
}
