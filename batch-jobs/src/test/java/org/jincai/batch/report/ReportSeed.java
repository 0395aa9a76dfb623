package org.jincai.batch.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes a small fiscal year straight into the hub's tables — indicators, plans, vouchers with their payments in
 * every state, lifecycle events, reservations and alerts — so a report's figures can be checked by hand.
 */
final class ReportSeed {

    static final String ADM = "420000";
    static final Instant CREATED = Instant.parse("2026-01-05T00:00:00Z");

    private final NamedParameterJdbcTemplate jdbc;
    private final Map<String, String> indicators = new HashMap<>();
    private final Map<String, String> deliveries = new HashMap<>();
    private int seq;

    ReportSeed(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One payment to seed: its subject, voucher type, bank, amount, state and times. */
    record Pay(String year, String agency, String func, String eco, String fund, String vt, String bank, String amount,
               String status, LocalDate paidDate, Instant releasedAt, Instant paidAt, String reservation) {
    }

    void indicator(String year, String agency, String func, String eco, String fund, String approved,
                   String reserved, String spent) {
        String id = id("I");
        String key = String.join("|", ADM, year, agency, func, eco, fund, "");
        indicators.put(key, id);
        jdbc.update("""
                INSERT INTO budget_indicator (indicator_id, subject_key, adm_div_code, st_year, agency_code, exp_func_code,
                    gov_exp_eco_code, fund_type_code, dep_pro_code, approved, reserved, spent, created_at, updated_at)
                VALUES (:id, :key, :adm, :year, :agency, :func, :eco, :fund, '', :approved, :reserved, :spent, :t, :t)""",
                new MapSqlParameterSource("id", id).addValue("key", key).addValue("adm", ADM).addValue("year", year)
                        .addValue("agency", agency).addValue("func", func).addValue("eco", eco).addValue("fund", fund)
                        .addValue("approved", new BigDecimal(approved)).addValue("reserved", new BigDecimal(reserved))
                        .addValue("spent", new BigDecimal(spent)).addValue("t", Timestamp.from(CREATED)));
    }

    void plan(String year, int month, String agency, String fund, String approved) {
        String id = id("L");
        jdbc.update("""
                INSERT INTO budget_plan (plan_id, plan_key, adm_div_code, st_year, plan_month, agency_code, fund_type_code,
                    approved, reserved, spent, created_at, updated_at)
                VALUES (:id, :key, :adm, :year, :month, :agency, :fund, :approved, 0, 0, :t, :t)""",
                new MapSqlParameterSource("id", id).addValue("key", String.join("|", ADM, year, "" + month, agency, fund))
                        .addValue("adm", ADM).addValue("year", year).addValue("month", month).addValue("agency", agency)
                        .addValue("fund", fund).addValue("approved", new BigDecimal(approved))
                        .addValue("t", Timestamp.from(CREATED)));
    }

    /** A voucher of one payment, its events (RELEASED, PAID when given) and its reservation (when given). */
    String payment(Pay p) {
        String voucher = id("V");
        String payment = id("P");
        BigDecimal amount = new BigDecimal(p.amount());
        Timestamp t = Timestamp.from(CREATED);
        jdbc.update("""
                INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                    agency_code, agency_name, pay_bank_code, bank_code, pay_acct_no, pay_acct_name, pay_amt, detail_count,
                    source, received_by, received_at, payload_sha256, voucher_xml)
                VALUES (:id, :adm, :year, :vt, :no, 0, :day, :agency, :name, :bank, :bank, '6222000011112222', '付款户',
                    :amount, 1, 'seed', 'seed', :t, 'x', :xml)""",
                new MapSqlParameterSource("id", voucher).addValue("adm", ADM).addValue("year", p.year())
                        .addValue("vt", p.vt()).addValue("no", voucher).addValue("day", Date.valueOf("2026-01-05"))
                        .addValue("agency", p.agency()).addValue("name", name(p.agency())).addValue("bank", p.bank())
                        .addValue("amount", amount).addValue("t", t)
                        .addValue("xml", "<Voucher/>".getBytes(StandardCharsets.UTF_8)));
        String delivery = p.releasedAt() == null ? null : delivery(p.bank());
        jdbc.update("""
                INSERT INTO payment (payment_id, voucher_id, seq, bank_code, pay_acct_no, payee_acct_no, payee_acct_name,
                    amount, currency, status, batch_id, delivery_id, created_at, updated_at, agency_code, exp_func_code,
                    gov_exp_eco_code, fund_type_code, received_on, paid_date)
                VALUES (:id, :voucher, 1, :bank, '6222000011112222', '6228000033334444', '收款人', :amount, 'CNY', :status,
                    :batch, :delivery, :t, :t, :agency, :func, :eco, :fund, :day, :paid)""",
                new MapSqlParameterSource("id", payment).addValue("voucher", voucher).addValue("bank", p.bank())
                        .addValue("amount", amount).addValue("status", p.status())
                        .addValue("batch", delivery == null ? null : "B" + p.bank())
                        .addValue("delivery", delivery).addValue("t", t).addValue("agency", p.agency())
                        .addValue("func", p.func()).addValue("eco", p.eco()).addValue("fund", p.fund())
                        .addValue("day", Date.valueOf("2026-01-05"))
                        .addValue("paid", p.paidDate() == null ? null : Date.valueOf(p.paidDate())));
        event(payment, "RELEASED", p.releasedAt());
        event(payment, "PAID", p.paidAt());
        if (p.reservation() != null) {
            jdbc.update("""
                    INSERT INTO budget_reservation (payment_id, indicator_id, amount, state, reserved_at)
                    VALUES (:id, :indicator, :amount, :state, :t)""",
                    new MapSqlParameterSource("id", payment).addValue("amount", amount).addValue("state", p.reservation())
                            .addValue("indicator", indicators.get(String.join("|", ADM, p.year(), p.agency(), p.func(),
                                    p.eco(), p.fund(), "")))
                            .addValue("t", t));
        }
        return payment;
    }

    void alert(String rule, String status, String amount, Instant raisedAt) {
        String id = id("A");
        jdbc.update("""
                INSERT INTO control_alert (alert_id, dedup_key, rule_code, status, hold, adm_div_code, agency_code, amount,
                    detail, raised_at)
                VALUES (:id, :id, :rule, :status, 0, :adm, 'A001', :amount, 'seeded', :t)""",
                new MapSqlParameterSource("id", id).addValue("rule", rule).addValue("status", status)
                        .addValue("adm", ADM).addValue("amount", new BigDecimal(amount))
                        .addValue("t", Timestamp.from(raisedAt)));
    }

    void exception(String kind, String bank, String amount, Instant openedAt, Instant resolvedAt) {
        String id = id("E");
        jdbc.update("""
                INSERT INTO recon_exception (exception_id, dedup_key, kind, bank_code, amount, detail, run_id, opened_at,
                    resolved_at, resolved_by, reason)
                VALUES (:id, :id, :kind, :bank, :amount, 'seeded', 'R1', :opened, :resolved, :by, :reason)""",
                new MapSqlParameterSource("id", id).addValue("kind", kind).addValue("bank", bank)
                        .addValue("amount", new BigDecimal(amount)).addValue("opened", Timestamp.from(openedAt))
                        .addValue("resolved", resolvedAt == null ? null : Timestamp.from(resolvedAt))
                        .addValue("by", resolvedAt == null ? null : "operator")
                        .addValue("reason", resolvedAt == null ? null : "seeded"));
    }

    static String name(String agency) {
        return switch (agency) {
            case "A001" -> "湖北省教育厅";
            case "A002" -> "湖北省卫生健康委员会";
            default -> agency;
        };
    }

    private void event(String payment, String status, Instant at) {
        if (at == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO payment_event (event_id, payment_id, to_status, actor, occurred_at)
                VALUES (:id, :payment, :status, 'seed', :t)""",
                new MapSqlParameterSource("id", id("E")).addValue("payment", payment).addValue("status", status)
                        .addValue("t", Timestamp.from(at)));
    }

    private String delivery(String bank) {
        return deliveries.computeIfAbsent(bank, b -> {
            Timestamp t = Timestamp.from(CREATED);
            jdbc.update("""
                    INSERT INTO payment_batch (batch_id, bank_code, pay_acct_no, execution_date, tx_count, total_amount,
                        file_count, created_at, created_by)
                    VALUES (:id, :bank, '6222000011112222', :day, 0, 0, 1, :t, 'seed')""",
                    new MapSqlParameterSource("id", "B" + b).addValue("bank", b).addValue("day", Date.valueOf("2026-01-05"))
                            .addValue("t", t));
            jdbc.update("""
                    INSERT INTO bank_delivery (delivery_id, batch_id, bank_code, file_name, message_id, part_no, tx_count,
                        total_amount, file_sha256, status, prepared_at)
                    VALUES (:id, :batch, :bank, :id, :id, 1, 0, 0, 'x', 'ANSWERED', :t)""",
                    new MapSqlParameterSource("id", "D" + b).addValue("batch", "B" + b).addValue("bank", b)
                            .addValue("t", t));
            return "D" + b;
        });
    }

    private String id(String prefix) {
        return prefix + String.format("%05d", ++seq);
    }
}
