package org.jincai.core.voucher;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherBody;

/**
 * Every value intake writes from a voucher into the database, with the column it goes into and that column's
 * limit, in one table: a voucher is checked against it before any INSERT, so a value too long or missing is a
 * refusal with {@value #FIELD_TOO_LONG} or {@value #MISSING_FIELD} and its field's location — never a database
 * error. The table is tested against the migrated schema (H2 and PostgreSQL), so it cannot drift from it.
 * The fiscal reader checks the standard's own limits first; this is the storage's last word.
 */
public final class VoucherColumns {

    public static final String FIELD_TOO_LONG = "FIELD_TOO_LONG";
    public static final String MISSING_FIELD = "MISSING_FIELD";

    /** Where a value comes from: the envelope's routing attributes, the voucher header, or each credit. */
    public enum Level { KEY, HEADER, CREDIT }

    /**
     * A text column filled from a voucher field (tag of the standard).
     *
     * @param maxLength the column's length in characters (Java {@code String.length()}, never fewer than the
     *     database counts)
     */
    public record Text(String table, String column, Level level, String field, int maxLength, boolean required,
                       Function<Values, String> value) {
    }

    /** A {@code NUMERIC(precision, scale)} column filled from an amount field. */
    public record Amount(String table, String column, Level level, String field, int precision, int scale,
                         Function<Values, BigDecimal> value) {

        /** Digits before the decimal point the column holds. */
        public int integerDigits() {
            return precision - scale;
        }
    }

    /** A DATE column filled from a date field (the reader already refused dates that are not dates). */
    public record Date(String table, String column, Level level, String field, Function<Values, LocalDate> value) {
    }

    /** What one row's values are taken from. */
    public record Values(VoucherBody body, PaymentVoucher voucher, Credit credit) {
    }

    public static final int ADM_DIV_CODE = 9;
    public static final int ST_YEAR = 4;
    public static final int VT_CODE = 4;
    public static final int VOUCHER_NO = 40;

    public static final List<Text> TEXT = List.of(
            new Text("voucher", "adm_div_code", Level.KEY, "AdmDivCode", ADM_DIV_CODE, true, x -> x.body().admDivCode()),
            new Text("voucher", "st_year", Level.KEY, "StYear", ST_YEAR, true, x -> x.body().stYear()),
            new Text("voucher", "vt_code", Level.KEY, "VtCode", VT_CODE, true, x -> x.body().vtCode()),
            new Text("voucher", "voucher_no", Level.KEY, "VoucherNo", VOUCHER_NO, true, x -> x.body().voucherNo()),
            new Text("voucher", "agency_code", Level.HEADER, "AgencyCode", 30, true, x -> x.voucher().agencyCode()),
            new Text("voucher", "agency_name", Level.HEADER, "AgencyName", 200, false, x -> x.voucher().agencyName()),
            new Text("voucher", "pay_bank_code", Level.HEADER, "PayBankCode", 20, true, x -> x.voucher().payBankCode()),
            new Text("voucher", "pay_acct_no", Level.HEADER, "PayAcctNo", 40, true, x -> x.voucher().payAcctNo()),
            new Text("voucher", "pay_acct_name", Level.HEADER, "PayAcctName", 200, false, x -> x.voucher().payAcctName()),
            new Text("payment", "pay_acct_no", Level.HEADER, "PayAcctNo", 40, true, x -> x.voucher().payAcctNo()),
            new Text("payment", "pay_acct_name", Level.HEADER, "PayAcctName", 200, false, x -> x.voucher().payAcctName()),
            new Text("payment", "detail_id", Level.CREDIT, "Id", 64, false, x -> x.credit().detailId()),
            new Text("payment", "payee_acct_no", Level.CREDIT, "PayeeAcctNo", 40, true, x -> x.credit().payeeAccount()),
            new Text("payment", "payee_acct_name", Level.CREDIT, "PayeeAcctName", 200, true, x -> x.credit().payeeName()),
            new Text("payment", "payee_bank_name", Level.CREDIT, "PayeeAcctBankName", 200, false,
                    x -> x.credit().payeeBankName()),
            new Text("payment", "payee_bank_no", Level.CREDIT, "PayeeAcctBankNo", 20, false,
                    x -> x.credit().payeeBankNo()),
            // the budget subject each payment carries (the detail's code, else the header's)
            new Text("payment", "agency_code", Level.CREDIT, "AgencyCode", 30, false,
                    x -> x.credit().classification().agencyCode()),
            new Text("payment", "exp_func_code", Level.CREDIT, "ExpFuncCode", 30, false,
                    x -> x.credit().classification().expFuncCode()),
            new Text("payment", "gov_exp_eco_code", Level.CREDIT, "GovExpEcoCode", 30, false,
                    x -> x.credit().classification().govExpEcoCode()),
            new Text("payment", "dep_exp_eco_code", Level.CREDIT, "DepExpEcoCode", 30, false,
                    x -> x.credit().classification().depExpEcoCode()),
            new Text("payment", "fund_type_code", Level.CREDIT, "FundTypeCode", 30, false,
                    x -> x.credit().classification().fundTypeCode()),
            new Text("payment", "pro_cat_code", Level.CREDIT, "ProCatCode", 30, false,
                    x -> x.credit().classification().proCatCode()),
            new Text("payment", "dep_pro_code", Level.CREDIT, "DepProCode", 30, false,
                    x -> x.credit().classification().depProCode()));

    public static final List<Amount> AMOUNTS = List.of(
            new Amount("voucher", "pay_amt", Level.HEADER, "PayAmt", 18, 2, x -> x.voucher().payAmt()),
            new Amount("payment", "amount", Level.CREDIT, "PayAmt", 18, 2, x -> x.credit().amount()));

    public static final List<Date> DATES = List.of(
            new Date("voucher", "vou_date", Level.HEADER, "VouDate", x -> x.voucher().vouDate()));

    /**
     * Columns of the tables intake writes that the hub fills itself (ids, statuses, times, its own texts, values
     * it cuts to fit): with {@link #TEXT}, {@link #AMOUNTS} and {@link #DATES} they are every column of those
     * tables, which the schema test holds.
     */
    public static final Map<String, List<String>> HUB_FILLED = Map.of(
            "voucher", List.of("voucher_id", "voucher_flag", "bank_code", "detail_count", "source", "received_by",
                    "received_at", "payload_sha256", "voucher_xml", "finance_system", "intake_id"),
            "payment", List.of("payment_id", "voucher_id", "seq", "bank_code", "currency", "remittance", "status",
                    "batch_id", "delivery_id", "bank_reason_code", "bank_reason_text", "created_at", "updated_at",
                    "paid_date", "bank_reference", "received_on"));

    private VoucherColumns() {
    }

    /**
     * The problems that would keep {@code voucher} (read from {@code body}, paying {@code credits}) out of the
     * database: each value against its column, one problem per field and place.
     */
    static List<Problem> check(VoucherBody body, PaymentVoucher voucher, List<Credit> credits, String location) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        for (Level level : Level.values()) {
            List<Credit> rows = level == Level.CREDIT ? credits : Collections.singletonList(null);
            for (Credit credit : rows) {
                Values values = new Values(body, voucher, credit);
                String at = level == Level.KEY ? body.location() : credit == null ? location : credit.location(location);
                checkRow(level, values, at, problems);
            }
        }
        return new ArrayList<>(problems.values());
    }

    private static void checkRow(Level level, Values values, String at, Map<String, Problem> problems) {
        for (Text t : TEXT) {
            if (t.level() != level) {
                continue;
            }
            String v = t.value().apply(values);
            String where = at + " / " + t.field();
            if (v == null || v.isBlank()) {
                if (t.required()) {
                    problems.putIfAbsent(where, Problem.of(MISSING_FIELD, t.field() + " is required", where));
                }
            } else if (v.length() > t.maxLength()) {
                problems.putIfAbsent(where, Problem.of(FIELD_TOO_LONG, t.field() + " has " + v.length()
                        + " characters, at most " + t.maxLength() + " are kept", where));
            }
        }
        for (Amount a : AMOUNTS) {
            if (a.level() != level) {
                continue;
            }
            BigDecimal v = a.value().apply(values);
            String where = at + " / " + a.field();
            if (v == null) {
                problems.putIfAbsent(where, Problem.of(MISSING_FIELD, a.field() + " is required", where));
            } else if (v.scale() > a.scale() || v.precision() - v.scale() > a.integerDigits()) {
                problems.putIfAbsent(where, Problem.of(FIELD_TOO_LONG, a.field() + " " + v.toPlainString()
                        + " has more than " + a.integerDigits() + " digits before or " + a.scale()
                        + " after the decimal point", where));
            }
        }
        for (Date d : DATES) {
            if (d.level() == level && d.value().apply(values) == null) {
                String where = at + " / " + d.field();
                problems.putIfAbsent(where, Problem.of(MISSING_FIELD, d.field() + " is required", where));
            }
        }
    }
}
