package org.jincai.server.query;

import java.sql.Timestamp;
import java.time.LocalDate;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.Alert;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.controls.Actor;
import org.jincai.core.reconcile.ExceptionKind;
import org.jincai.core.reconcile.ReconException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The fiscal controls' and reconciliation's lists for people: alerts and approval chains inside the reader's scope
 * (by their division and agency), an approver's queue, and the reconciliation exceptions (one about a payment is
 * inside the scope when the payment is; one about no payment is for a scope of everything). Paged and filtered in
 * SQL, newest first.
 */
@Service
public class ControlQueries {

    /** What an alert list is narrowed to (dates: the day it was raised); a null member narrows nothing. */
    public record AlertFilter(String status, String rule, String agency, String voucherId, LocalDate from, LocalDate to) {
        public AlertFilter {
            status = Filters.oneOf(status, "status", Filters.names(Alert.Status.class));
            Filters.range(from, to);
        }
    }

    /** What a list of approval chains is narrowed to (dates: the day the chain began); a null member narrows nothing. */
    public record ApprovalFilter(String status, String agency, String voucherNo, String submitter, LocalDate from,
                                 LocalDate to) {
        public ApprovalFilter {
            status = Filters.oneOf(status, "status", Filters.names(ApprovalView.Status.class));
            Filters.range(from, to);
        }
    }

    /** What an exception list is narrowed to (dates: the day it was opened); a null member narrows nothing. */
    public record ExceptionFilter(Boolean open, String bank, String kind, String paymentId, LocalDate from,
                                  LocalDate to) {
        public ExceptionFilter {
            kind = Filters.oneOf(kind, "kind", Filters.names(ExceptionKind.class));
            Filters.range(from, to);
        }
    }

    private static final String ALERT_COLUMNS = "SELECT a.alert_id, a.rule_code, a.status, a.hold, a.voucher_id,"
            + " v.voucher_no, a.payment_id, a.adm_div_code, a.agency_code, a.account_no, a.amount, a.detail, a.raised_at,"
            + " a.acked_by, a.acked_at, a.ack_reason";
    private static final String APPROVAL_COLUMNS = "SELECT a.approval_id, a.voucher_id, a.voucher_no, a.adm_div_code,"
            + " a.agency_code, a.amount, a.fund_use, a.rule_name, a.filing, a.submitter, a.status, a.levels,"
            + " a.current_level, a.created_at, a.decided_at, a.decision_reason";
    private static final String EXCEPTION_COLUMNS = "SELECT x.exception_id, x.kind, x.bank_code, x.account_no,"
            + " x.statement_id, x.entry_key, x.payment_id, x.amount, x.expected_amount, x.booking_date, x.detail, x.run_id,"
            + " x.opened_at, x.resolved_at, x.resolved_by, x.reason";

    private final NamedParameterJdbcTemplate jdbc;
    private final ApprovalService approvals;

    public ControlQueries(NamedParameterJdbcTemplate jdbc, ApprovalService approvals) {
        this.jdbc = jdbc;
        this.approvals = approvals;
    }

    /** Alerts inside the scope, newest first. */
    public Page<Alert> alerts(DataScope scope, AlertFilter f, PageRequest page) {
        Where w = new Where().scope(scope, "a.adm_div_code", "a.agency_code").eq("a.status", "status", f.status())
                .eq("a.rule_code", "rule", f.rule()).eq("a.agency_code", "agency", f.agency())
                .eq("a.voucher_id", "voucher", f.voucherId()).between("a.raised_at", "raised", f.from(), f.to());
        return w.page(jdbc, ALERT_COLUMNS, "control_alert a LEFT JOIN voucher v ON v.voucher_id = a.voucher_id",
                "a.raised_at DESC, a.alert_id DESC", (rs, n) -> new Alert(rs.getString("alert_id"),
                        rs.getString("rule_code"), Alert.Status.valueOf(rs.getString("status")), rs.getInt("hold") != 0,
                        rs.getString("voucher_id"), rs.getString("voucher_no"), rs.getString("payment_id"),
                        rs.getString("adm_div_code"), rs.getString("agency_code"), rs.getString("account_no"),
                        rs.getBigDecimal("amount"), rs.getString("detail"), Rows.instant(rs, "raised_at"),
                        rs.getString("acked_by"), Rows.instant(rs, "acked_at"), rs.getString("ack_reason")), page);
    }

    /** Every approval chain inside the scope, whatever its status and whoever decides it, newest first. */
    public Page<ApprovalRow> approvals(DataScope scope, ApprovalFilter f, PageRequest page) {
        Where w = new Where().scope(scope, "a.adm_div_code", "a.agency_code").eq("a.status", "status", f.status())
                .eq("a.agency_code", "agency", f.agency()).eq("a.voucher_no", "no", f.voucherNo())
                .eq("a.submitter", "submitter", f.submitter()).between("a.created_at", "created", f.from(), f.to());
        return w.page(jdbc, APPROVAL_COLUMNS, "approval a", "a.created_at DESC, a.approval_id DESC",
                (rs, n) -> new ApprovalRow(rs.getString("approval_id"), rs.getString("voucher_id"),
                        rs.getString("voucher_no"), rs.getString("adm_div_code"), rs.getString("agency_code"),
                        rs.getBigDecimal("amount"), rs.getString("fund_use"), rs.getString("rule_name"),
                        rs.getInt("filing") != 0, rs.getString("submitter"), rs.getString("status"),
                        rs.getInt("levels"), rs.getInt("current_level"), Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "decided_at"), rs.getString("decision_reason")), page);
    }

    /**
     * The chains waiting for {@code who}: the level waiting needs a role they hold, inside their scope, not submitted
     * by them, no other level decided by them (the approval workflow's own rules), paged.
     */
    public Page<ApprovalView> queue(Actor who, PageRequest page) {
        return Page.slice(approvals.pending(who), page);
    }

    /** Reconciliation exceptions inside the scope, newest first. */
    public Page<ReconException> exceptions(DataScope scope, ExceptionFilter f, PageRequest page) {
        Where w = new Where().paymentIn(scope, "x.payment_id").eq("x.bank_code", "bank", f.bank())
                .eq("x.kind", "kind", f.kind()).eq("x.payment_id", "payment", f.paymentId())
                .between("x.opened_at", "opened", f.from(), f.to());
        if (f.open() != null) {
            w.add(f.open() ? "x.resolved_at IS NULL" : "x.resolved_at IS NOT NULL");
        }
        return w.page(jdbc, EXCEPTION_COLUMNS, "recon_exception x", "x.opened_at DESC, x.exception_id DESC", (rs, n) -> {
            Timestamp resolved = rs.getTimestamp("resolved_at");
            return new ReconException(rs.getString("exception_id"), ExceptionKind.valueOf(rs.getString("kind")),
                    rs.getString("bank_code"), rs.getString("account_no"), rs.getString("statement_id"),
                    rs.getString("entry_key"), rs.getString("payment_id"), rs.getBigDecimal("amount"),
                    rs.getBigDecimal("expected_amount"), Rows.date(rs, "booking_date"), rs.getString("detail"),
                    rs.getString("run_id"), Rows.instant(rs, "opened_at"), resolved == null ? null : resolved.toInstant(),
                    rs.getString("resolved_by"), rs.getString("reason"));
        }, page);
    }

    /**
     * Whether exception {@code id} exists outside {@code scope} — as {@link #exceptions} lists them: one about a
     * payment is inside when the payment is, one about no payment only for a scope of everything.
     */
    public boolean exceptionOutside(DataScope scope, String id) {
        if (scope.all()) {
            return false;
        }
        Where w = new Where().eq("x.exception_id", "id", id).paymentIn(scope, "x.payment_id");
        Integer all = jdbc.queryForObject("SELECT COUNT(*) FROM recon_exception WHERE exception_id = :id",
                new MapSqlParameterSource("id", id), Integer.class);
        Integer inScope = jdbc.queryForObject("SELECT COUNT(*) FROM recon_exception x" + w.sql(), w.params(),
                Integer.class);
        return all != null && all > 0 && (inScope == null || inScope == 0);
    }
}
