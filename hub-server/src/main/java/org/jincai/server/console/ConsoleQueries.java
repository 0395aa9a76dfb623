package org.jincai.server.console;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jincai.core.access.DataScope;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard's one aggregate the query services ({@link org.jincai.server.query}) do not give: today's payments
 * counted and summed by state and bank, inside the reader's data scope (a payment is its voucher's division and
 * agency).
 */
@Component
public class ConsoleQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public ConsoleQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemDefaultZone();
    }

    /** How many payments of one state at one bank, and how much. */
    public record StateCount(String status, String bank, long payments, BigDecimal amount) {
    }

    /** The payments created today (the server's day), by state and bank. */
    public List<StateCount> today(DataScope scope) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("from",
                Timestamp.valueOf(LocalDate.now(clock).atStartOfDay())));
        return jdbc.query("SELECT p.status, p.bank_code, COUNT(*) AS n, SUM(p.amount) AS total FROM payment p"
                + " JOIN voucher v ON v.voucher_id = p.voucher_id WHERE p.created_at >= :from AND "
                + scope.sqlCondition("v.adm_div_code", "COALESCE(p.agency_code, v.agency_code)")
                + " GROUP BY p.status, p.bank_code ORDER BY p.bank_code, p.status", p,
                (rs, i) -> new StateCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)));
    }
}
