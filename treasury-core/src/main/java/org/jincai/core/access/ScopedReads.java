package org.jincai.core.access;

import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Where the objects that carry no division of their own fall in a {@link DataScope}: a payment by its voucher's
 * AdmDivCode and its agency (the detail's, else the voucher's), a bank delivery by all of its payments — a file
 * that also carries another division's payments is outside a scope that covers only some of them — and a
 * voucher by its key. Reads only.
 */
public class ScopedReads {

    private static final String PAYMENT_AGENCY = "COALESCE(p.agency_code, v.agency_code)";

    private final NamedParameterJdbcTemplate jdbc;

    public ScopedReads(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The agency of the original voucher stored under this key, if one was taken in. */
    public Optional<String> voucherAgency(String admDivCode, String stYear, String vtCode, String voucherNo) {
        return jdbc.queryForList("""
                SELECT agency_code FROM voucher
                 WHERE adm_div_code = :adm AND st_year = :year AND vt_code = :vt AND voucher_no = :no AND voucher_flag = 0""",
                new MapSqlParameterSource("adm", admDivCode).addValue("year", stYear).addValue("vt", vtCode)
                        .addValue("no", voucherNo), String.class).stream().findFirst();
    }

    /** Whether every payment of the delivery is inside the scope (false for a delivery without payments). */
    public boolean deliveryWithin(DataScope scope, String deliveryId) {
        if (scope.all()) {
            return true;
        }
        Integer outside = jdbc.queryForObject("SELECT COUNT(*) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id"
                        + " WHERE p.delivery_id = :id AND NOT (" + scope.sqlCondition("v.adm_div_code", PAYMENT_AGENCY) + ")",
                scope.bind(new MapSqlParameterSource("id", deliveryId)), Integer.class);
        Integer all = jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE delivery_id = :id",
                new MapSqlParameterSource("id", deliveryId), Integer.class);
        return outside != null && outside == 0 && all != null && all > 0;
    }
}
