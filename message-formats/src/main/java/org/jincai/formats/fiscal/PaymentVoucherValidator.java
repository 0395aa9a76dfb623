package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.internal.Locations;

/**
 * The rules a payment voucher (5201 / 8202 / 5214) must meet before the hub acts on it, after ITFE's
 * receiving checks and the M marks of the standard's §4: a supported VtCode, envelope attributes equal to
 * the voucher's own fields (a mismatch once broke 签收 in Ningxia), required fields, PayAmt equal to the sum
 * of the details (主单金额与明细累计金额不相等 otherwise), detail Ids present and unique, fewer than 500
 * details, amounts positive with exactly two decimals, and on a receipt (回单) the bank's X-fields.
 *
 * <p>It only reads: the voucher is never changed, and every problem carries a stable code from
 * {@link FiscalCodes} and a location ending with the tag concerned. Text-level checks (BAD_DATE, an amount
 * that is not a number) happen in {@link PaymentVoucherReader}, where the text still exists. Further rules
 * (code lists) come in through {@link FiscalReadOptions#extraRules()}.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class PaymentVoucherValidator {

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final FiscalReadOptions options;

    public PaymentVoucherValidator() {
        this(FiscalReadOptions.defaults());
    }

    public PaymentVoucherValidator(FiscalReadOptions options) {
        this.options = options;
    }

    /** All problems of {@code voucher} as carried in {@code body}, envelope consistency included. */
    public List<Problem> validate(VoucherBody body, PaymentVoucher voucher) {
        String where = Locations.voucher(body.location(), body.voucherNo(), voucher.voucherNo());
        List<Problem> out = new ArrayList<>();
        int flag = body.voucherFlag();
        if (flag != VoucherBody.FLAG_ORIGINAL && flag != VoucherBody.FLAG_RECEIPT && flag != VoucherBody.FLAG_RETURN) {
            out.add(Problem.of(FiscalCodes.VOUCHER_FLAG_INVALID,
                    flag == VoucherBody.FLAG_UNKNOWN ? "VoucherFlag is absent or not a number" : "VoucherFlag " + flag + " is not 0, 1 or 2",
                    Locations.field(where, "VoucherFlag")));
        }
        envelope(out, where, "AdmDivCode", body.admDivCode(), voucher.admDivCode());
        envelope(out, where, "StYear", body.stYear(), voucher.stYear());
        envelope(out, where, "VtCode", body.vtCode(), voucher.vtCode());
        envelope(out, where, "VoucherNo", body.voucherNo(), voucher.voucherNo());
        voucher(out, where, voucher, flag);
        for (VoucherRule rule : options.extraRules()) {
            out.addAll(rule.check(body, voucher, where));
        }
        return out;
    }

    /** The problems of a voucher on its own (no envelope), e.g. one the hub built before writing it. */
    public List<Problem> validate(PaymentVoucher voucher, int voucherFlag) {
        String where = Locations.voucher(null, null, voucher.voucherNo());
        List<Problem> out = new ArrayList<>();
        voucher(out, where, voucher, voucherFlag);
        for (VoucherRule rule : options.extraRules()) {
            out.addAll(rule.check(null, voucher, where));
        }
        return out;
    }

    private void voucher(List<Problem> out, String where, PaymentVoucher v, int flag) {
        if (v.vtCode() != null && !options.paymentVtCodes().contains(v.vtCode())) {
            out.add(Problem.of(FiscalCodes.UNSUPPORTED_VT_CODE,
                    "VtCode " + v.vtCode() + " is not a payment voucher type " + options.paymentVtCodes(), Locations.field(where, "VtCode")));
        }
        required(out, where, "Id", v.id());
        required(out, where, "AdmDivCode", v.admDivCode());
        required(out, where, "StYear", v.stYear());
        required(out, where, "VtCode", v.vtCode());
        required(out, where, "VouDate", v.vouDate());
        required(out, where, "VoucherNo", v.voucherNo());
        required(out, where, "AgencyCode", v.agencyCode());
        required(out, where, "PayAcctNo", v.payAcctNo());
        required(out, where, "PayAmt", v.payAmt());
        if (v.details().isEmpty()) {
            // without details the header names the one payee; a bank cannot pay nobody
            required(out, where, "PayeeAcctNo", v.payeeAcctNo());
            required(out, where, "PayeeAcctName", v.payeeAcctName());
        }
        amount(out, where, "PayAmt", v.payAmt(), true);
        amount(out, where, "XPayAmt", v.xPayAmt(), false);
        if (flag == VoucherBody.FLAG_RECEIPT) {
            receipt(out, where, "XPayDate", v.xPayDate());
            receipt(out, where, "XAgentBusinessNo", v.xAgentBusinessNo());
            receipt(out, where, "XPayAmt", v.xPayAmt());
        }
        details(out, where, v);
    }

    private void details(List<Problem> out, String where, PaymentVoucher v) {
        List<VoucherDetail> details = v.details();
        if (details.size() >= options.maxDetails()) {
            out.add(Problem.of(FiscalCodes.TOO_MANY_DETAILS,
                    details.size() + " details; a voucher must have fewer than " + options.maxDetails(), Locations.field(where, "DetailList")));
        }
        Set<String> ids = new HashSet<>();
        int position = 0;
        for (VoucherDetail d : details) {
            position++;
            String at = Locations.detail(where, d.id(), position);
            if (d.id() == null || d.id().isBlank()) {
                out.add(Problem.of(FiscalCodes.DETAIL_ID_MISSING, "detail " + position + " has no Id", Locations.field(at, "Id")));
            } else if (!ids.add(d.id())) {
                out.add(Problem.of(FiscalCodes.DETAIL_ID_DUPLICATE, "detail Id " + d.id() + " occurs more than once", Locations.field(at, "Id")));
            }
            required(out, at, "PayAmt", d.payAmt());
            required(out, at, "PayeeAcctNo", d.payeeAcctNo());
            required(out, at, "PayeeAcctName", d.payeeAcctName());
            amount(out, at, "PayAmt", d.payAmt(), true);
            amount(out, at, "XPayAmt", d.xPayAmt(), false);
            bill(out, at, "VoucherBillNo", d.voucherBillNo(), v.voucherNo());
            bill(out, at, "VoucherBillId", d.voucherBillId(), v.id());
        }
        BigDecimal total = v.detailTotal();
        if (!details.isEmpty() && v.payAmt() != null && total != null && v.payAmt().compareTo(total) != 0) {
            out.add(Problem.of(FiscalCodes.PAY_AMT_MISMATCH,
                    String.format("PayAmt %s but the %d details sum to %s (difference %s)", v.payAmt().toPlainString(), details.size(),
                            total.toPlainString(), v.payAmt().subtract(total).toPlainString()),
                    Locations.field(where, "PayAmt")));
        }
    }

    private static void envelope(List<Problem> out, String where, String tag, String envelopeValue, String voucherValue) {
        if (voucherValue != null && !voucherValue.equals(envelopeValue)) {
            out.add(Problem.of(FiscalCodes.ENVELOPE_FIELD_MISMATCH,
                    tag + ": envelope says " + (envelopeValue == null ? "nothing" : "'" + envelopeValue + "'")
                            + ", voucher says '" + voucherValue + "'",
                    Locations.field(where, tag)));
        }
    }

    private static void required(List<Problem> out, String at, String tag, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            out.add(Problem.of(FiscalCodes.MISSING_FIELD, tag + " is required", Locations.field(at, tag)));
        }
    }

    private static void receipt(List<Problem> out, String at, String tag, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            out.add(Problem.of(FiscalCodes.RECEIPT_FIELD_MISSING, "a receipt (回单) needs " + tag, Locations.field(at, tag)));
        }
    }

    private static void amount(List<Problem> out, String at, String tag, BigDecimal value, boolean payment) {
        if (value == null) {
            return;
        }
        if (value.scale() != 2) {
            out.add(Problem.of(FiscalCodes.BAD_AMOUNT, tag + " " + value.toPlainString() + " must have exactly two decimals",
                    Locations.field(at, tag)));
        }
        if (payment && value.compareTo(ZERO) <= 0) {
            out.add(Problem.of(FiscalCodes.NON_POSITIVE_AMOUNT, tag + " " + value.toPlainString() + " must be positive for a payment",
                    Locations.field(at, tag)));
        }
    }

    private static void bill(List<Problem> out, String at, String tag, String detailValue, String headerValue) {
        if (detailValue != null && headerValue != null && !Objects.equals(detailValue, headerValue)) {
            out.add(Problem.of(FiscalCodes.DETAIL_BILL_MISMATCH,
                    tag + " '" + detailValue + "' differs from the voucher's '" + headerValue + "'", Locations.field(at, tag)));
        }
    }
}
