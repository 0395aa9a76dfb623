package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.codes.CodeList;
import org.jincai.formats.fiscal.codes.CodeLists;
import org.jincai.formats.fiscal.internal.Locations;

/**
 * The rules a voucher of any type must meet before the hub acts on it, after ITFE's receiving checks and
 * the reference's marks, driven entirely by the voucher's {@link VoucherType}: VoucherFlag known, envelope
 * attributes equal to the voucher's own fields, the VtCode of the envelope's family, required fields,
 * formats, amounts with exactly two decimals and the sign their field allows, a receipt's X-fields (and a
 * reason for a failed amount), detail ids present and unique, the detail limit (per voucher, or per agency
 * with an agency limit), detail fields pointing back at the header, batch lines with a payee bank number,
 * header totals equal to the detail sums, header counts equal to the details, the zero single-line
 * refusal, then the code lists of the voucher's region and year, then the configured extra rules.
 *
 * <p>It only reads: the voucher is never changed, and every problem carries a stable code from
 * {@link FiscalCodes} and a location ending with the tag concerned. Text-level checks (BAD_DATE, an amount
 * that is not a number) happen in {@link FiscalVoucherReader}, where the text still exists.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class FiscalVoucherValidator {

    private static final Set<String> DEFAULT_FLAGS = Set.of("0", "1", "2");
    private static final String BUSINESS_TYPE_CODE = "BusinessTypeCode";
    private static final String PAYEE_BANK_NO = "PayeeAcctBankNo";
    private static final String EXP_FUNC_CODE = "ExpFuncCode";

    private final FiscalReadOptions options;

    public FiscalVoucherValidator() {
        this(FiscalReadOptions.defaults());
    }

    public FiscalVoucherValidator(FiscalReadOptions options) {
        this.options = options;
    }

    /** All problems of {@code voucher} as carried in {@code body}, envelope consistency included. */
    public List<Problem> validate(VoucherBody body, FiscalVoucher voucher) {
        String where = Locations.voucher(body.location(), body.voucherNo(), voucher.voucherNo());
        CodeLists.Resolved lists = options.codeLists().forVoucher(voucher.admDivCode(), voucher.stYear());
        List<Problem> out = new ArrayList<>();
        flag(out, where, body.voucherFlag(), lists);
        envelope(out, where, FiscalVoucher.ADM_DIV_CODE, body.admDivCode(), voucher.admDivCode());
        envelope(out, where, FiscalVoucher.ST_YEAR, body.stYear(), voucher.stYear());
        envelope(out, where, FiscalVoucher.VT_CODE, body.vtCode(), voucher.vtCode());
        envelope(out, where, FiscalVoucher.VOUCHER_NO, body.voucherNo(), voucher.voucherNo());
        voucher(out, where, voucher, body.voucherFlag(), lists);
        extraRules(out, body, voucher, where);
        return out;
    }

    /** The problems of a voucher on its own (no envelope), e.g. one the hub built before writing it. */
    public List<Problem> validate(FiscalVoucher voucher, int voucherFlag) {
        String where = Locations.voucher(null, null, voucher.voucherNo());
        CodeLists.Resolved lists = options.codeLists().forVoucher(voucher.admDivCode(), voucher.stYear());
        List<Problem> out = new ArrayList<>();
        voucher(out, where, voucher, voucherFlag, lists);
        extraRules(out, null, voucher, where);
        return out;
    }

    private void extraRules(List<Problem> out, VoucherBody body, FiscalVoucher voucher, String where) {
        for (FiscalVoucherRule rule : options.voucherRules()) {
            out.addAll(rule.check(body, voucher, where));
        }
        if (!options.extraRules().isEmpty() && voucher.type().family() == VoucherFamily.PAYMENT) {
            PaymentVoucher payment = voucher.toPayment();
            for (VoucherRule rule : options.extraRules()) {
                out.addAll(rule.check(body, payment, where));
            }
        }
    }

    private static void flag(List<Problem> out, String where, int flag, CodeLists.Resolved lists) {
        Set<String> known = lists.list("VoucherFlag").map(l -> l.codes().keySet()).orElse(DEFAULT_FLAGS);
        if (flag == VoucherBody.FLAG_UNKNOWN || !known.contains(Integer.toString(flag))) {
            out.add(Problem.of(FiscalCodes.VOUCHER_FLAG_INVALID,
                    flag == VoucherBody.FLAG_UNKNOWN ? "VoucherFlag is absent or not a number" : "VoucherFlag " + flag + " is not one of " + known,
                    Locations.field(where, "VoucherFlag")));
        }
    }

    private void voucher(List<Problem> out, String where, FiscalVoucher v, int flag, CodeLists.Resolved lists) {
        VoucherType type = v.type();
        if (v.vtCode() != null && !accepts(type, v.vtCode())) {
            out.add(Problem.of(FiscalCodes.UNSUPPORTED_VT_CODE,
                    type.family() == VoucherFamily.PAYMENT
                            ? "VtCode " + v.vtCode() + " is not a payment voucher type " + options.paymentVtCodes()
                            : "VtCode " + v.vtCode() + " is not a " + type.family() + " type like " + type.vtCode(),
                    Locations.field(where, FiscalVoucher.VT_CODE)));
        }
        boolean receipt = flag == VoucherBody.FLAG_RECEIPT;
        required(out, where, type.header(), v);
        if (v.details().isEmpty()) {
            for (String tag : type.requiredWithoutDetails()) {
                // without details the header names the one payee; a bank cannot pay nobody
                required(out, where, tag, v.values().get(tag));
            }
            if (type.detailsRequired()) {
                out.add(Problem.of(FiscalCodes.DETAIL_LIST_EMPTY, "a " + type.vtCode() + " lists its lines; this one has none",
                        Locations.field(where, "DetailList")));
            }
        }
        formats(out, where, type.header(), v);
        amounts(out, where, type.header(), v);
        if (receipt) {
            receiptFields(out, where, type.header(), v);
            failureReasons(out, where, type, v, false);
        }
        details(out, where, v, receipt);
        totals(out, where, v, receipt);
        counts(out, where, v);
        if (type.refuseZeroSingleDetail() && v.details().size() == 1 && v.total() != null && v.total().signum() == 0) {
            String tag = type.totals().get(0).headerTag();
            out.add(Problem.of(FiscalCodes.ZERO_AMOUNT_SINGLE_DETAIL, tag + " is 0.00 with exactly one line",
                    Locations.field(where, tag)));
        }
        codes(out, where, v, lists);
    }

    /** The inner VtCode must be read with the same tables as the envelope's (same family, or the very type). */
    private boolean accepts(VoucherType type, String vtCode) {
        VoucherType inner = options.typeOf(vtCode);
        if (inner == null) {
            // an unlisted VtCode read as a payment voucher (VT_CODE_UNLISTED) is its own type
            return type.family() == VoucherFamily.PAYMENT && vtCode.equals(type.vtCode());
        }
        if (type.family() == VoucherFamily.OTHER) {
            return inner.vtCode().equals(type.vtCode());
        }
        return inner.family() == type.family();
    }

    private void details(List<Problem> out, String where, FiscalVoucher v, boolean receipt) {
        VoucherType type = v.type();
        List<FiscalDetail> details = v.details();
        limits(out, where, type, details);
        boolean batch = type.batchNeedsPayeeBankNo()
                && type.headerField(BUSINESS_TYPE_CODE).isPresent()
                && type.detailField(PAYEE_BANK_NO).isPresent()
                && v.text(BUSINESS_TYPE_CODE) != null
                && options.batchBusinessTypeCodes().contains(v.text(BUSINESS_TYPE_CODE));
        Set<String> ids = new HashSet<>();
        int position = 0;
        for (FiscalDetail d : details) {
            position++;
            String at = Locations.detail(where, d.id(), position);
            String id = d.id();
            if (id == null || id.isBlank()) {
                out.add(Problem.of(FiscalCodes.DETAIL_ID_MISSING, "detail " + position + " has no Id", Locations.field(at, "Id")));
            } else if (!ids.add(id)) {
                out.add(Problem.of(FiscalCodes.DETAIL_ID_DUPLICATE, "detail Id " + id + " occurs more than once", Locations.field(at, "Id")));
            }
            required(out, at, type.detail(), d);
            formats(out, at, type.detail(), d);
            amounts(out, at, type.detail(), d);
            if (receipt) {
                receiptFields(out, at, type.detail(), d);
                for (VoucherType.FailureReason r : type.failureReasons()) {
                    if (r.inDetails()) {
                        failureReason(out, at, r, d);
                    }
                }
            }
            for (VoucherType.Link link : type.links()) {
                String detailValue = d.text(link.detailTag());
                String headerValue = v.text(link.headerTag());
                if (detailValue != null && headerValue != null && !Objects.equals(detailValue, headerValue)) {
                    out.add(Problem.of(FiscalCodes.DETAIL_BILL_MISMATCH,
                            link.detailTag() + " '" + detailValue + "' differs from the voucher's '" + headerValue + "'",
                            Locations.field(at, link.detailTag())));
                }
            }
            if (batch && isBlank(d.text(PAYEE_BANK_NO))) {
                out.add(Problem.of(FiscalCodes.PAYEE_BANK_NO_MISSING,
                        "BusinessTypeCode " + v.text(BUSINESS_TYPE_CODE) + " is a batch: every line needs the payee's bank number",
                        Locations.field(at, PAYEE_BANK_NO)));
            }
        }
    }

    private void limits(List<Problem> out, String where, VoucherType type, List<FiscalDetail> details) {
        String at = Locations.field(where, "DetailList");
        if (type.agencyTags().isEmpty()) {
            if (details.size() >= options.maxDetails()) {
                out.add(Problem.of(FiscalCodes.TOO_MANY_DETAILS,
                        details.size() + " details; a voucher must have fewer than " + options.maxDetails(), at));
            }
            return;
        }
        Map<String, Integer> perAgency = new LinkedHashMap<>();
        for (FiscalDetail d : details) {
            perAgency.merge(agency(type, d), 1, Integer::sum);
        }
        perAgency.forEach((agency, n) -> {
            if (n >= options.maxDetails()) {
                out.add(Problem.of(FiscalCodes.TOO_MANY_DETAILS,
                        n + " details for agency " + agency + "; an agency must have fewer than " + options.maxDetails(), at));
            }
        });
        if (perAgency.size() >= options.maxAgencies()) {
            out.add(Problem.of(FiscalCodes.TOO_MANY_AGENCIES,
                    perAgency.size() + " agencies; a " + type.vtCode() + " must name fewer than " + options.maxAgencies(), at));
        }
    }

    private static String agency(VoucherType type, FiscalDetail d) {
        for (String tag : type.agencyTags()) {
            String value = d.text(tag);
            if (!isBlank(value)) {
                return value;
            }
        }
        return "(none)";
    }

    private static void totals(List<Problem> out, String where, FiscalVoucher v, boolean receipt) {
        if (v.details().isEmpty()) {
            return;
        }
        for (VoucherType.Total t : v.type().totals()) {
            if (t.receiptOnly() && !receipt) {
                continue;
            }
            BigDecimal header = v.amount(t.headerTag());
            BigDecimal sum = v.detailSum(t.detailTag());
            if (header != null && sum != null && header.compareTo(sum) != 0) {
                out.add(Problem.of(t.code(),
                        String.format("%s %s but the %d details' %s sum to %s (difference %s)", t.headerTag(), header.toPlainString(),
                                v.details().size(), t.detailTag(), sum.toPlainString(), header.subtract(sum).toPlainString()),
                        Locations.field(where, t.headerTag())));
            }
        }
    }

    private static void counts(List<Problem> out, String where, FiscalVoucher v) {
        for (VoucherType.Count c : v.type().counts()) {
            String text = v.text(c.headerTag());
            if (text == null || !text.matches("[0-9]{1,9}")) {
                continue;
            }
            int expected;
            if (c.distinctDetailTag() == null) {
                expected = v.details().size();
            } else {
                Set<String> distinct = new HashSet<>();
                v.details().forEach(d -> {
                    String value = d.text(c.distinctDetailTag());
                    if (!isBlank(value)) {
                        distinct.add(value);
                    }
                });
                expected = distinct.size();
            }
            if (Integer.parseInt(text) != expected) {
                out.add(Problem.of(c.code(),
                        c.headerTag() + " " + text + " but the details give " + expected
                                + (c.distinctDetailTag() == null ? " lines" : " distinct " + c.distinctDetailTag()),
                        Locations.field(where, c.headerTag())));
            }
        }
    }

    private void codes(List<Problem> out, String where, FiscalVoucher v, CodeLists.Resolved lists) {
        String scope = v.admDivCode() + "/" + v.stYear();
        codes(out, where, v.type().header(), v, lists, scope);
        int position = 0;
        for (FiscalDetail d : v.details()) {
            position++;
            codes(out, Locations.detail(where, d.id(), position), v.type().detail(), d, lists, scope);
        }
    }

    private static void codes(List<Problem> out, String at, List<FieldDef> table, FiscalFields fields, CodeLists.Resolved lists,
            String scope) {
        if (!lists.isEmpty()) {
            for (FieldDef f : table) {
                if (f.kind() != FieldKind.TEXT) {
                    continue;
                }
                String code = (String) fields.values().get(f.tag());
                if (isBlank(code)) {
                    continue;
                }
                CodeList list = lists.forTag(f.tag()).orElse(null);
                if (list == null) {
                    continue;
                }
                switch (list.verdict(code)) {
                    case MALFORMED -> out.add(Problem.of(FiscalCodes.CODE_FORMAT_INVALID,
                            f.tag() + " '" + code + "' does not have the structure of the code list " + list.name() + " (" + list.format() + ")",
                            Locations.field(at, f.tag())));
                    case UNKNOWN -> out.add(Problem.of(FiscalCodes.UNKNOWN_CODE,
                            f.tag() + " '" + code + "' is not in the code list " + list.name() + " for " + scope,
                            Locations.field(at, f.tag())));
                    case KNOWN -> {
                        // nothing to say
                    }
                }
            }
        }
        expFuncSplit(out, at, fields);
    }

    /** ExpFuncCode1 / 2 / 3 are the 类 / 款 / 项 of a 7-digit ExpFuncCode: 201 / 01 / 01, or cumulative 201 / 20101 / 2010101. */
    private static void expFuncSplit(List<Problem> out, String at, FiscalFields fields) {
        String code = fields.text(EXP_FUNC_CODE);
        if (code == null || !code.matches("[0-9]{7}")) {
            return;
        }
        String[][] accepted = {
            {code.substring(0, 3)},
            {code.substring(3, 5), code.substring(0, 5)},
            {code.substring(5, 7), code}};
        for (int level = 1; level <= 3; level++) {
            String tag = EXP_FUNC_CODE + level;
            String part = fields.text(tag);
            if (part != null && !part.isEmpty() && !List.of(accepted[level - 1]).contains(part)) {
                out.add(Problem.of(FiscalCodes.EXP_FUNC_SPLIT_MISMATCH,
                        tag + " '" + part + "' is not level " + level + " of ExpFuncCode " + code, Locations.field(at, tag)));
            }
        }
    }

    private static void required(List<Problem> out, String at, List<FieldDef> table, FiscalFields fields) {
        for (FieldDef f : table) {
            if (f.presence() == FieldDef.Presence.REQUIRED && !(fields instanceof FiscalDetail && f.tag().equals("Id"))) {
                required(out, at, f.tag(), fields.values().get(f.tag()));
            }
        }
    }

    private static void required(List<Problem> out, String at, String tag, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            out.add(Problem.of(FiscalCodes.MISSING_FIELD, tag + " is required", Locations.field(at, tag)));
        }
    }

    private static void formats(List<Problem> out, String at, List<FieldDef> table, FiscalFields fields) {
        for (FieldDef f : table) {
            if (f.format() != null && fields.values().get(f.tag()) instanceof String s && !s.isEmpty() && !f.matchesFormat(s)) {
                out.add(Problem.of(FiscalCodes.FIELD_FORMAT,
                        f.tag() + " '" + s + "' does not match " + f.format().pattern(), Locations.field(at, f.tag())));
            }
        }
    }

    private static void amounts(List<Problem> out, String at, List<FieldDef> table, FiscalFields fields) {
        for (FieldDef f : table) {
            if (f.kind() != FieldKind.AMOUNT || !(fields.values().get(f.tag()) instanceof BigDecimal value)) {
                continue;
            }
            String fieldAt = Locations.field(at, f.tag());
            if (value.scale() != 2) {
                out.add(Problem.of(FiscalCodes.BAD_AMOUNT, f.tag() + " " + value.toPlainString() + " must have exactly two decimals", fieldAt));
            }
            if (f.sign() == FieldDef.Sign.POSITIVE && value.signum() <= 0) {
                out.add(Problem.of(FiscalCodes.NON_POSITIVE_AMOUNT, f.tag() + " " + value.toPlainString() + " must be positive for a payment", fieldAt));
            } else if (f.sign() == FieldDef.Sign.NON_NEGATIVE && value.signum() < 0) {
                out.add(Problem.of(FiscalCodes.NEGATIVE_AMOUNT, f.tag() + " " + value.toPlainString() + " must not be negative", fieldAt));
            }
        }
    }

    private static void receiptFields(List<Problem> out, String at, List<FieldDef> table, FiscalFields fields) {
        for (FieldDef f : table) {
            Object value = fields.values().get(f.tag());
            if (f.presence() == FieldDef.Presence.RECEIPT && (value == null || value instanceof String s && s.isBlank())) {
                out.add(Problem.of(FiscalCodes.RECEIPT_FIELD_MISSING, "a receipt (回单) needs " + f.tag(), Locations.field(at, f.tag())));
            }
        }
    }

    private static void failureReasons(List<Problem> out, String where, VoucherType type, FiscalVoucher v, boolean inDetails) {
        for (VoucherType.FailureReason r : type.failureReasons()) {
            if (r.inDetails() == inDetails) {
                failureReason(out, where, r, v);
            }
        }
    }

    private static void failureReason(List<Problem> out, String at, VoucherType.FailureReason r, FiscalFields fields) {
        BigDecimal amount = fields.amount(r.amountTag());
        if (amount == null || amount.signum() != 0) {
            return;
        }
        for (String tag : r.reasonTags()) {
            if (!isBlank(fields.text(tag))) {
                return;
            }
        }
        out.add(Problem.of(FiscalCodes.RECEIPT_FIELD_MISSING,
                r.amountTag() + " 0.00 means the payment failed: a receipt then gives the reason in " + String.join(" or ", r.reasonTags()),
                Locations.field(at, r.reasonTags().get(0))));
    }

    private static void envelope(List<Problem> out, String where, String tag, String envelopeValue, String voucherValue) {
        if (voucherValue != null && !voucherValue.equals(envelopeValue)) {
            out.add(Problem.of(FiscalCodes.ENVELOPE_FIELD_MISMATCH,
                    tag + ": envelope says " + (envelopeValue == null ? "nothing" : "'" + envelopeValue + "'")
                            + ", voucher says '" + voucherValue + "'",
                    Locations.field(where, tag)));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
