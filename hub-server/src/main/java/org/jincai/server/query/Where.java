package org.jincai.server.query;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.core.access.DataScope;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The WHERE clause of a list, built from the filters given (a filter left null adds nothing) and the reader's
 * data scope, with its named parameters; {@link #page} runs the count and the page in the portable form
 * {@code OFFSET n ROWS FETCH NEXT m ROWS ONLY} (H2, PostgreSQL, Oracle 12c and later).
 */
final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final MapSqlParameterSource params = new MapSqlParameterSource();

    Where eq(String column, String name, Object value) {
        if (value != null) {
            clauses.add(column + " = :" + name);
            params.addValue(name, value);
        }
        return this;
    }

    /** {@code column} on or after the day (a DATE column). */
    Where onOrAfter(String column, String name, LocalDate day) {
        if (day != null) {
            clauses.add(column + " >= :" + name);
            params.addValue(name, day);
        }
        return this;
    }

    /** {@code column} on or before the day (a DATE column). */
    Where onOrBefore(String column, String name, LocalDate day) {
        if (day != null) {
            clauses.add(column + " <= :" + name);
            params.addValue(name, day);
        }
        return this;
    }

    /** A TIMESTAMP column from the start of {@code from} to the end of {@code to}, in the hub's local time. */
    Where between(String column, String name, LocalDate from, LocalDate to) {
        if (from != null) {
            clauses.add(column + " >= :" + name + "From");
            params.addValue(name + "From", Timestamp.valueOf(from.atStartOfDay()));
        }
        if (to != null) {
            clauses.add(column + " < :" + name + "To");
            params.addValue(name + "To", Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
        }
        return this;
    }

    Where add(String clause) {
        clauses.add(clause);
        return this;
    }

    Where add(String clause, String name, Object value) {
        clauses.add(clause);
        params.addValue(name, value);
        return this;
    }

    /** Rows inside the scope, by their division and agency columns. */
    Where scope(DataScope scope, String divisionColumn, String agencyColumn) {
        if (!scope.all()) {
            clauses.add(scope.sqlCondition(divisionColumn, agencyColumn));
            scope.bind(params);
        }
        return this;
    }

    /**
     * Rows whose payments — those {@code paymentLink} ties to the row, on a payment {@code p2} — are all inside the
     * scope, and which have one at least: a file or batch that also carries another agency's payments is outside.
     */
    Where allPaymentsIn(DataScope scope, String paymentLink) {
        if (!scope.all()) {
            clauses.add("EXISTS (SELECT 1 FROM payment p2 WHERE " + paymentLink + ") AND NOT EXISTS (SELECT 1 FROM payment p2"
                    + " JOIN voucher v2 ON v2.voucher_id = p2.voucher_id WHERE " + paymentLink + " AND NOT ("
                    + scope.sqlCondition("v2.adm_div_code", "COALESCE(p2.agency_code, v2.agency_code)") + "))");
            scope.bind(params);
        }
        return this;
    }

    /** Rows naming a payment (by the expression {@code paymentId}) inside the scope; for a partial scope, no other. */
    Where paymentIn(DataScope scope, String paymentId) {
        if (!scope.all()) {
            clauses.add("EXISTS (SELECT 1 FROM payment p3 JOIN voucher v3 ON v3.voucher_id = p3.voucher_id WHERE"
                    + " p3.payment_id = " + paymentId + " AND "
                    + scope.sqlCondition("v3.adm_div_code", "COALESCE(p3.agency_code, v3.agency_code)") + ")");
            scope.bind(params);
        }
        return this;
    }

    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    MapSqlParameterSource params() {
        return params;
    }

    /** The page: {@code select} of {@code from} with this clause, ordered by {@code orderBy} (unique, for stable pages). */
    <T> Page<T> page(NamedParameterJdbcTemplate jdbc, String select, String from, String orderBy, RowMapper<T> rows,
                     PageRequest request) {
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM " + from + sql(), params, Long.class);
        MapSqlParameterSource p = new MapSqlParameterSource(params.getValues())
                .addValue("pageOffset", request.offset()).addValue("pageSize", request.size());
        List<T> items = total == null || total <= request.offset() ? List.of()
                : jdbc.query(select + " FROM " + from + sql() + " ORDER BY " + orderBy
                + " OFFSET :pageOffset ROWS FETCH NEXT :pageSize ROWS ONLY", p, rows);
        return Page.of(items, request, total == null ? 0 : total);
    }
}
