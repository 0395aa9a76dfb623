package org.jincai.core.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jincai.core.access.DataScope;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What the budget stands at, as a budget officer reads it: approved, reserved, spent and available. */
public class BudgetQueries {

    /** One indicator's figures. */
    public record IndicatorBalance(String indicatorId, BudgetSubject subject, BigDecimal approved, BigDecimal reserved,
                                   BigDecimal spent) {

        public BigDecimal available() {
            return approved.subtract(reserved).subtract(spent);
        }
    }

    /** One month's plan figures. */
    public record PlanBalance(String planId, PlanKey plan, BigDecimal approved, BigDecimal reserved, BigDecimal spent) {

        public BigDecimal available() {
            return approved.subtract(reserved).subtract(spent);
        }
    }

    /**
     * One movement of an indicator or plan, as its file had it: what moved (the indicator's or plan's key), the
     * type (INITIAL 下达, INCREASE 追加, DECREASE 追减), the amount, the document, and where it came from.
     */
    public record Movement(String targetKind, String targetKey, String type, BigDecimal amount, String docNo,
                           String remark, String fileName, int lineNo, String importedBy, String channel,
                           Instant importedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public BudgetQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The indicators inside {@code scope}, of one agency when {@code agencyCode} is given. */
    public List<IndicatorBalance> indicators(DataScope scope, String agencyCode) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("agency", agencyCode));
        return jdbc.query("""
                SELECT indicator_id, adm_div_code, st_year, agency_code, exp_func_code, gov_exp_eco_code, fund_type_code,
                       dep_pro_code, approved, reserved, spent FROM budget_indicator
                 WHERE""" + " " + scope.sqlCondition("adm_div_code", "agency_code")
                        + (agencyCode == null ? "" : " AND agency_code = :agency")
                        + " ORDER BY adm_div_code, st_year, agency_code, exp_func_code, gov_exp_eco_code, fund_type_code,"
                        + " dep_pro_code", p,
                (rs, n) -> new IndicatorBalance(rs.getString(1), new BudgetSubject(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                        rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11)));
    }

    /** The monthly plans inside {@code scope}, of one agency when {@code agencyCode} is given. */
    public List<PlanBalance> plans(DataScope scope, String agencyCode) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("agency", agencyCode));
        return jdbc.query("""
                SELECT plan_id, adm_div_code, st_year, plan_month, agency_code, fund_type_code, approved, reserved, spent
                  FROM budget_plan
                 WHERE""" + " " + scope.sqlCondition("adm_div_code", "agency_code")
                        + (agencyCode == null ? "" : " AND agency_code = :agency")
                        + " ORDER BY adm_div_code, st_year, agency_code, fund_type_code, plan_month", p,
                (rs, n) -> new PlanBalance(rs.getString(1), new PlanKey(rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9)));
    }

    /**
     * Every movement of the indicators and plans inside {@code scope} (of one agency when given), in the order they
     * were imported: the budget's whole history, never overwritten.
     */
    public List<Movement> movements(DataScope scope, String agencyCode) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("agency", agencyCode));
        String agency = agencyCode == null ? "" : " AND t.agency_code = :agency";
        String select = """
                SELECT m.target_kind, t.%2$s, m.movement_type, m.amount, m.doc_no, m.remark, i.file_name, m.line_no,
                       i.imported_by, i.channel, i.imported_at, m.movement_id
                  FROM budget_movement m JOIN %3$s t ON t.%4$s = m.target_id
                  JOIN budget_import i ON i.import_id = m.import_id
                 WHERE m.target_kind = '%1$s' AND """;
        return jdbc.query(String.format(select, "INDICATOR", "subject_key", "budget_indicator", "indicator_id")
                        + " " + scope.sqlCondition("t.adm_div_code", "t.agency_code") + agency + " UNION ALL "
                        + String.format(select, "PLAN", "plan_key", "budget_plan", "plan_id")
                        + " " + scope.sqlCondition("t.adm_div_code", "t.agency_code") + agency
                        + " ORDER BY 11, 7, 8, 12", p,
                (rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                        rs.getString(10), rs.getTimestamp(11).toInstant()));
    }
}
