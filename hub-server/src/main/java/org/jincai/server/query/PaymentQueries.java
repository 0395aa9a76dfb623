package org.jincai.server.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jincai.core.access.DataScope;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.payment.PaymentStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Vouchers and payments for people, inside the reader's data scope (a voucher by its AdmDivCode and AgencyCode, a
 * payment by its voucher's division and its own agency), paged and filtered in SQL; and the whole timeline of one
 * payment. One item outside the scope is {@value ControlCodes#OUT_OF_SCOPE}; one that does not exist is
 * {@value #VOUCHER_NOT_FOUND} or {@value #PAYMENT_NOT_FOUND}, for every reader.
 */
@Service
public class PaymentQueries {

    public static final String VOUCHER_NOT_FOUND = "VOUCHER_NOT_FOUND";
    public static final String PAYMENT_NOT_FOUND = "PAYMENT_NOT_FOUND";

    /** What a voucher list is narrowed to; a null member narrows nothing. */
    public record VoucherFilter(String admDivCode, String agency, String vtCode, String voucherNo, String bank,
                                String financeSystem, LocalDate from, LocalDate to) {
        public VoucherFilter {
            Filters.range(from, to);
        }

        public static VoucherFilter none() {
            return new VoucherFilter(null, null, null, null, null, null, null, null);
        }
    }

    /** What a payment list is narrowed to (dates: the day the payment was taken in); a null member narrows nothing. */
    public record PaymentFilter(String status, String bank, String agency, String voucherNo, String voucherId,
                                String batchId, String deliveryId, String payeeAcctNo, LocalDate from, LocalDate to) {
        public PaymentFilter {
            status = Filters.oneOf(status, "status", Filters.names(PaymentStatus.class));
            Filters.range(from, to);
        }

        public static PaymentFilter none() {
            return new PaymentFilter(null, null, null, null, null, null, null, null, null, null);
        }
    }

    private static final String VOUCHER_COLUMNS = "SELECT v.voucher_id, v.adm_div_code, v.st_year, v.vt_code,"
            + " v.voucher_no, v.voucher_flag, v.vou_date, v.agency_code, v.agency_name, v.pay_bank_code, v.bank_code,"
            + " v.pay_acct_no, v.pay_acct_name, v.pay_amt, v.detail_count, v.finance_system, v.source, v.received_by,"
            + " v.received_at, (SELECT COUNT(*) FROM payment px WHERE px.voucher_id = v.voucher_id AND px.paid_date IS NOT NULL)"
            + " AS paid";
    private static final String PAYMENT_COLUMNS = "SELECT p.payment_id, p.voucher_id, v.voucher_no, v.adm_div_code,"
            + " COALESCE(p.agency_code, v.agency_code) AS agency, p.seq, p.detail_id, p.bank_code, p.pay_acct_no,"
            + " p.payee_acct_no, p.payee_acct_name, p.payee_bank_name, p.amount, p.currency, p.remittance, p.status,"
            + " p.batch_id, p.delivery_id, p.bank_reason_code, p.bank_reason_text, p.bank_reference, p.paid_date,"
            + " p.created_at, p.updated_at";
    private static final String PAYMENT_FROM = "payment p JOIN voucher v ON v.voucher_id = p.voucher_id";
    private static final String PAYMENT_AGENCY = "COALESCE(p.agency_code, v.agency_code)";

    private final NamedParameterJdbcTemplate jdbc;
    private final BankFileQueries files;

    public PaymentQueries(NamedParameterJdbcTemplate jdbc, BankFileQueries files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** Vouchers inside the scope, newest first. */
    public Page<VoucherRow> vouchers(DataScope scope, VoucherFilter f, PageRequest page) {
        Where w = new Where().scope(scope, "v.adm_div_code", "v.agency_code")
                .eq("v.adm_div_code", "adm", f.admDivCode()).eq("v.agency_code", "agency", f.agency())
                .eq("v.vt_code", "vt", f.vtCode()).eq("v.voucher_no", "no", f.voucherNo())
                .eq("v.bank_code", "bank", f.bank()).eq("v.finance_system", "fs", f.financeSystem())
                .onOrAfter("v.vou_date", "from", f.from()).onOrBefore("v.vou_date", "to", f.to());
        return w.page(jdbc, VOUCHER_COLUMNS, "voucher v", "v.received_at DESC, v.voucher_id DESC",
                (rs, n) -> voucher(rs), page);
    }

    /** One voucher by its id, inside the scope. */
    public VoucherRow voucher(DataScope scope, String voucherId) {
        VoucherRow v = jdbc.query(VOUCHER_COLUMNS + " FROM voucher v WHERE v.voucher_id = :id",
                        new MapSqlParameterSource("id", voucherId), (rs, n) -> voucher(rs)).stream().findFirst()
                .orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND, VOUCHER_NOT_FOUND,
                        "no voucher " + voucherId, "voucher " + voucherId));
        if (!scope.allows(v.admDivCode(), v.agencyCode())) {
            throw outside("voucher " + voucherId);
        }
        return v;
    }

    /** Payments inside the scope, newest first. */
    public Page<PaymentRow> payments(DataScope scope, PaymentFilter f, PageRequest page) {
        Where w = new Where().scope(scope, "v.adm_div_code", PAYMENT_AGENCY)
                .eq("p.status", "status", f.status()).eq("p.bank_code", "bank", f.bank())
                .eq(PAYMENT_AGENCY, "agency", f.agency()).eq("v.voucher_no", "no", f.voucherNo())
                .eq("p.voucher_id", "voucher", f.voucherId()).eq("p.batch_id", "batch", f.batchId())
                .eq("p.delivery_id", "delivery", f.deliveryId()).eq("p.payee_acct_no", "payee", f.payeeAcctNo())
                .between("p.created_at", "created", f.from(), f.to());
        return w.page(jdbc, PAYMENT_COLUMNS, PAYMENT_FROM, "p.created_at DESC, p.payment_id DESC",
                (rs, n) -> payment(rs), page);
    }

    /** One payment, inside the scope. */
    public PaymentRow payment(DataScope scope, String paymentId) {
        PaymentRow p = find(paymentId).orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND,
                PAYMENT_NOT_FOUND, "no payment " + paymentId, "payment " + paymentId));
        if (!scope.allows(p.admDivCode(), p.agencyCode())) {
            throw outside("payment " + paymentId);
        }
        return p;
    }

    /**
     * Everything that touched one payment inside the scope, oldest first: its lifecycle events, the bank file that
     * carried it and that file's transitions, the bank's answers to the file, the statement lines that booked or
     * named it (or booked its file as a whole), its reconciliation match or exceptions, the alerts about it and the
     * receipt or return written for its voucher.
     */
    public PaymentTimeline timeline(DataScope scope, String paymentId) {
        PaymentRow p = payment(scope, paymentId);
        MapSqlParameterSource id = new MapSqlParameterSource("id", paymentId).addValue("voucher", p.voucherId());
        if (p.deliveryId() != null) {
            id.addValue("delivery", p.deliveryId());
        }
        List<TimelineEntry> entries = new ArrayList<>(jdbc.query("""
                SELECT occurred_at, from_status, to_status, reason, actor, event_id FROM payment_event
                 WHERE payment_id = :id""", id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "occurred_at"), "EVENT",
                rs.getString("from_status"), rs.getString("to_status"), rs.getString("reason"), rs.getString("actor"),
                rs.getString("event_id"))));
        BankFileRow file = null;
        if (p.deliveryId() != null) {
            file = files.find(p.deliveryId()).orElse(null);
            if (file != null) {
                entries.add(new TimelineEntry(file.preparedAt(), "FILE", null, null, "carried in " + file.fileName()
                        + " (" + file.transactions() + " payments, message " + file.messageId() + ")", null,
                        file.deliveryId()));
            }
            entries.addAll(jdbc.query("""
                    SELECT occurred_at, from_status, to_status, reason, actor, delivery_id FROM delivery_event
                     WHERE delivery_id = :delivery""", id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "occurred_at"),
                    "FILE_EVENT", rs.getString("from_status"), rs.getString("to_status"), rs.getString("reason"),
                    rs.getString("actor"), rs.getString("delivery_id"))));
            entries.addAll(jdbc.query("""
                    SELECT f.received_at, f.file_name, f.statuses, f.inbound_id FROM inbound_file f
                      JOIN bank_delivery d ON d.bank_code = f.bank_code
                       AND (d.message_id = f.original_ref OR d.file_name = f.original_ref)
                     WHERE d.delivery_id = :delivery""", id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "received_at"),
                    "ANSWER", null, null, "answer " + rs.getString("file_name") + " (" + rs.getInt("statuses")
                    + " statuses)", null, rs.getString("inbound_id"))));
        }
        entries.addAll(jdbc.query("""
                SELECT received_at, file_name, statement_id, status, credit_debit, amount, currency, booking_date, reason,
                       payment_id FROM statement_entry WHERE payment_id = :id OR end_to_end_id = :id"""
                        + (p.deliveryId() == null ? "" : " OR delivery_id = :delivery"), id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "received_at"), "STATEMENT_LINE", null,
                        rs.getString("status"), "statement " + rs.getString("statement_id") + ": "
                        + rs.getString("credit_debit") + " " + rs.getBigDecimal("amount").toPlainString() + " "
                        + rs.getString("currency") + (Rows.date(rs, "booking_date") == null ? ""
                        : " booked " + Rows.date(rs, "booking_date"))
                        + (rs.getString("reason") == null ? "" : "; " + rs.getString("reason")), null,
                        rs.getString("file_name"))));
        entries.addAll(jdbc.query("""
                SELECT matched_at, match_kind, rule_code, statement_id, run_id, entry_key, tx_seq FROM recon_match
                 WHERE payment_id = :id""", id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "matched_at"), "MATCH", null,
                rs.getString("match_kind"), "reconciled with statement " + rs.getString("statement_id") + " by rule "
                + rs.getString("rule_code") + " (run " + rs.getString("run_id") + ")", null,
                // a match is known by its statement line (recon_match's key)
                rs.getString("entry_key") + "/" + rs.getInt("tx_seq"))));
        entries.addAll(jdbc.query("""
                SELECT opened_at, kind, detail, resolved_by, exception_id FROM recon_exception WHERE payment_id = :id""",
                id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "opened_at"), "EXCEPTION", null, rs.getString("kind"),
                        rs.getString("detail"), rs.getString("resolved_by"), rs.getString("exception_id"))));
        entries.addAll(jdbc.query("""
                SELECT raised_at, rule_code, status, detail, acked_by, alert_id FROM control_alert
                 WHERE payment_id = :id OR (payment_id IS NULL AND voucher_id = :voucher)""", id,
                (rs, n) -> new TimelineEntry(Rows.instant(rs, "raised_at"), "ALERT", null, rs.getString("status"),
                        rs.getString("rule_code") + ": " + rs.getString("detail"), rs.getString("acked_by"),
                        rs.getString("alert_id"))));
        entries.addAll(jdbc.query("""
                SELECT created_at, voucher_flag, file_name, answer_id FROM voucher_answer WHERE voucher_id = :voucher""",
                id, (rs, n) -> new TimelineEntry(Rows.instant(rs, "created_at"), "RECEIPT", null, null,
                        "answer " + rs.getString("file_name") + " (VoucherFlag "
                        + rs.getInt("voucher_flag") + ") written upstream for the voucher", null, rs.getString("answer_id"))));
        entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
        return new PaymentTimeline(p, file, entries);
    }

    private Optional<PaymentRow> find(String paymentId) {
        return jdbc.query(PAYMENT_COLUMNS + " FROM " + PAYMENT_FROM + " WHERE p.payment_id = :id",
                new MapSqlParameterSource("id", paymentId), (rs, n) -> payment(rs)).stream().findFirst();
    }

    static ControlException outside(String what) {
        return new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, what
                + " is outside the reader's scope", what);
    }

    private static VoucherRow voucher(ResultSet rs) throws SQLException {
        return new VoucherRow(rs.getString("voucher_id"), rs.getString("adm_div_code"), rs.getString("st_year"),
                rs.getString("vt_code"), rs.getString("voucher_no"), rs.getInt("voucher_flag"), Rows.date(rs, "vou_date"),
                rs.getString("agency_code"), rs.getString("agency_name"), rs.getString("pay_bank_code"),
                rs.getString("bank_code"), rs.getString("pay_acct_no"), rs.getString("pay_acct_name"),
                rs.getBigDecimal("pay_amt"), rs.getInt("detail_count"), rs.getString("finance_system"),
                rs.getString("source"), rs.getString("received_by"), Rows.instant(rs, "received_at"), rs.getInt("paid"));
    }

    private static PaymentRow payment(ResultSet rs) throws SQLException {
        return new PaymentRow(rs.getString("payment_id"), rs.getString("voucher_id"), rs.getString("voucher_no"),
                rs.getString("adm_div_code"), rs.getString("agency"), rs.getInt("seq"), rs.getString("detail_id"),
                rs.getString("bank_code"), rs.getString("pay_acct_no"), rs.getString("payee_acct_no"),
                rs.getString("payee_acct_name"), rs.getString("payee_bank_name"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("remittance"), rs.getString("status"), rs.getString("batch_id"),
                rs.getString("delivery_id"), rs.getString("bank_reason_code"), rs.getString("bank_reason_text"),
                rs.getString("bank_reference"), Rows.date(rs, "paid_date"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
