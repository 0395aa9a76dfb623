package org.jincai.formats.fiscal.internal;

import static org.jincai.formats.fiscal.FieldDef.amount;
import static org.jincai.formats.fiscal.FieldDef.date;
import static org.jincai.formats.fiscal.FieldDef.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jincai.formats.fiscal.FieldDef;
import org.jincai.formats.fiscal.FieldLimit;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.fiscal.VoucherFamily;
import org.jincai.formats.fiscal.VoucherType;

/**
 * The field tables and rule parameters of the standard's voucher types (reference §4, §5), built from
 * shared groups so that the header core, the classification pairs, the accounts and the receipt X-fields
 * are written once. Where the reference gives M marks (DAT95, payment vouchers) they are followed; for the
 * other types the reference gives none and the required fields are the hub's choice, documented in
 * docs/formats.md. Field order is the order of the reference's field lists.
 */
public final class VoucherTables {

    /** Six digits (GB/T 2260), or the nine digits of the 一体化 internal code (420000000). */
    static final String ADM_DIV_FORMAT = "[0-9]{6}([0-9]{3})?";
    static final String YEAR_FORMAT = "[0-9]{4}";
    static final String VT_CODE_FORMAT = "[0-9]{4}";
    static final String MONTH_FORMAT = "0?[1-9]|1[0-2]";
    static final String COUNT_FORMAT = "[0-9]{1,9}";

    /** An exchange rate (EstRat): digits with up to 8 decimals. */
    static final String RATE_FORMAT = "[0-9]{1,9}(\\.[0-9]{1,8})?";
    /** An ISO 4217 currency code (CurrencyCode CNY). */
    static final String CURRENCY_FORMAT = "[A-Z]{3}";

    /**
     * Header fields real vouchers carry beyond the tables (reference §4.1 [C] HB24, DAT95 B.1, ITFE; issue 15),
     * which the hub keeps and writes back without interpreting: 类/款/项 of the functional classification, the
     * clearing bank and account, tax and non-tax links, the cheque number, the foreign-currency block, the
     * payment and handling kinds, the file number, the treasury and finance organ codes, the period type.
     */
    static final List<FieldDef> CARRIED_HEADER = List.of(
            text("ExpFuncCode1").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("ExpFuncName1"),
            text("ExpFuncCode2").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("ExpFuncName2"),
            text("ExpFuncCode3").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("ExpFuncName3"),
            text("ClearBankCode"), text("ClearBankName"), text("ClearAcctNo"), text("ClearAcctName"), text("ClearAcctBankName"),
            text("TaxBillNo"), text("TaxayerID"), text("TaxOrgCode"), text("PayCode"), text("GovProcurementID"),
            text("CheckNo"), text("XCheckNo"),
            amount("ForeignAmt"), text("CurrencyCode").format(CURRENCY_FORMAT), text("EstRat").format(RATE_FORMAT),
            text("AmtUnit").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)),
            text("PayMgrCode"), text("PayMgrName"), text("FundDealModeCode"), text("FundDealModeName"),
            text("XFundDealModeCode"), text("XFundDealModeName"), text("FileNoCode"), text("FileNoName"),
            text("MOFDepCode"), text("MOFDepName"), text("TreCode"), text("FinOrgCode"),
            text("PeriodType").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("PeriodTypeCode"), text("PeriodTypeName"),
            text("XAddWordCode"));

    /**
     * Detail fields carried the same way (§4.2 [C] DAT95, HB24, ITFE): the payment kind, the finance department,
     * the file number, the receiver, the foreign-currency block, the cheque number, 类/款/项, the treasury code.
     */
    static final List<FieldDef> CARRIED_DETAIL = List.of(
            text("PayKindCode"), text("PayKindName"), text("MOFDepCode"), text("MOFDepName"),
            text("FileNoCode"), text("FileNoName"), text("ReceiverCode"),
            amount("ForeignAmt"), text("CurrencyCode").format(CURRENCY_FORMAT), text("EstRat").format(RATE_FORMAT),
            text("AmtUnit").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("XCheckNo"),
            text("ExpFuncCode1").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("ExpFuncName1"),
            text("ExpFuncCode2").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("ExpFuncName2"),
            text("ExpFuncCode3").limit(FieldLimit.identifier(FieldLimit.CODE_LENGTH)), text("ExpFuncName3"),
            text("TaxBillNo"), text("TreCode"), text("XAddWordCode"), text("TrackingID"));

    private VoucherTables() {
    }

    /** The header core every type shares (§11.2), all required. */
    static List<FieldDef> core() {
        return List.of(
                text("Id").required(),
                text("AdmDivCode").required().format(ADM_DIV_FORMAT),
                text("StYear").required().format(YEAR_FORMAT),
                text("VtCode").required().format(VT_CODE_FORMAT),
                date("VouDate").required(),
                text("VoucherNo").required());
    }

    /** A {@code …Code} / {@code …Name} pair, the way every coded item travels. */
    static List<FieldDef> pair(String stem) {
        return List.of(text(stem + "Code"), text(stem + "Name"));
    }

    static List<FieldDef> holds(int n) {
        List<FieldDef> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(text("Hold" + i));
        }
        return out;
    }

    @SafeVarargs
    static List<FieldDef> concat(List<FieldDef>... parts) {
        List<FieldDef> out = new ArrayList<>();
        for (List<FieldDef> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    // ---------------------------------------------------------------- payments 5201 / 8202 / 5214

    /**
     * Header tags required on a payment voucher: the M marks of DAT95 B.1 (§4.1), and PayBankCode, the agent
     * bank that pays it (the hub routes on it and stores it NOT NULL; DAT95's 授权支付回单 profile leaves it O).
     */
    private static final Set<String> PAYMENT_REQUIRED = Set.of("Id", "AdmDivCode", "StYear", "VtCode", "VouDate", "VoucherNo",
            "AgencyCode", "PayBankCode", "PayAcctNo", "PayAmt");
    /** Header X-fields a payment receipt (回单) must carry (§4.1 M (回单)). */
    private static final Set<String> PAYMENT_RECEIPT = Set.of("XPayDate", "XAgentBusinessNo", "XPayAmt");
    /** Detail tags required on a payment line (§4.2); Id has its own rule (DETAIL_ID_MISSING). */
    private static final Set<String> PAYMENT_DETAIL_REQUIRED = Set.of("PayAmt", "PayeeAcctNo", "PayeeAcctName");

    /**
     * The payment voucher's tables are those of {@link VoucherFields} (the typed record's own table), with
     * the M marks of §4 added, so the generic and the typed views can never disagree on a tag.
     */
    public static VoucherType payment(String vtCode, String name) {
        List<FieldDef> header = new ArrayList<>();
        for (FieldSpec<?, ?> f : VoucherFields.HEADER) {
            FieldDef d = FieldDef.of(f.tag(), f.kind());
            if (PAYMENT_REQUIRED.contains(f.tag())) {
                d = d.required();
            } else if (PAYMENT_RECEIPT.contains(f.tag())) {
                d = d.receipt();
            }
            d = switch (f.tag()) {
                case "AdmDivCode" -> d.format(ADM_DIV_FORMAT);
                case "StYear" -> d.format(YEAR_FORMAT);
                case "VtCode" -> d.format(VT_CODE_FORMAT);
                case "PayAmt" -> d.positive();
                default -> d;
            };
            header.add(d);
        }
        List<FieldDef> detail = new ArrayList<>();
        for (FieldSpec<?, ?> f : VoucherFields.DETAIL_FIELDS) {
            FieldDef d = FieldDef.of(f.tag(), f.kind());
            if (PAYMENT_DETAIL_REQUIRED.contains(f.tag())) {
                d = d.required();
            }
            if (f.tag().equals("PayAmt")) {
                d = d.positive();
            }
            detail.add(d);
        }
        return VoucherType.builder(vtCode, name, VoucherFamily.PAYMENT)
                .header(header)
                .detail(detail)
                .alias(VoucherFields.LEGACY_EXP_ECO_CODE, "DepExpEcoCode")
                .alias(VoucherFields.LEGACY_EXP_ECO_NAME, "DepExpEcoName")
                .total("PayAmt", "PayAmt", FiscalCodes.PAY_AMT_MISMATCH)
                .link("VoucherBillNo", "VoucherNo")
                .link("VoucherBillId", "Id")
                .requiredWithoutDetails("PayeeAcctNo", "PayeeAcctName")
                .batchNeedsPayeeBankNo(true)
                .carriedHeader(CARRIED_HEADER)
                .carriedDetail(CARRIED_DETAIL)
                .build();
    }

    // ---------------------------------------------------------------- 8207 batch / payroll detail

    /** 8207 财政批量业务支付明细 (§5, ITFE Voucher8207MsgServer): the lines of a main 5201/8202 voucher. */
    public static VoucherType batchPaymentDetail() {
        List<FieldDef> header = concat(core(),
                List.of(text("OriginalVtCode").required().format(VT_CODE_FORMAT), text("OriginalVoucherNo").required()),
                pair("FundType"),
                List.of(text("PayDictateNo"), text("PayMsgNo"), date("PayEntrustDate"), text("PaySndBnkNo"),
                        amount("SumAmt").required().positive(),
                        text("AgencyCode").required(), text("AgencyName"),
                        text("PayAcctNo").required(), text("PayAcctName"), text("PayAcctBankName")),
                pair("PayBank"), pair("BusinessType"), pair("PayType"), pair("ExpFunc"),
                List.of(text("Remark"), date("XPayDate").receipt(), amount("XSumAmt").receipt().nonNegative()),
                holds(2));
        List<FieldDef> detail = concat(
                List.of(text("Id"), text("OriVoucherNo"),
                        text("PayeeAcctNo").required(), text("PayeeAcctName").required(), text("PayeeAcctBankName"),
                        text("PayeeAcctBankNo"), amount("PayAmt").required().positive(), text("Remark")),
                pair("ExpFunc"),
                List.of(date("XPayDate"), text("XAgentBusinessNo"), amount("XPayAmt").receipt().nonNegative(),
                        text("XPayeeAcctBankName"), text("XPayeeAcctNo"), text("XPayeeAcctName"),
                        text("XAddWordCode"), text("XAddWord")),
                holds(4));
        return VoucherType.builder("8207", "财政批量业务支付明细", VoucherFamily.BATCH_PAYMENT_DETAIL)
                .header(header)
                .detail(detail)
                .total("SumAmt", "PayAmt", FiscalCodes.SUM_AMT_MISMATCH)
                .receiptTotal("XSumAmt", "XPayAmt", FiscalCodes.X_SUM_AMT_MISMATCH)
                .link("OriVoucherNo", "OriginalVoucherNo")
                .detailsRequired(true)
                .batchNeedsPayeeBankNo(true)
                .failureReason(true, "XPayAmt", "XAddWord", "XAddWordCode")
                .carriedHeader(CARRIED_HEADER)
                .carriedDetail(CARRIED_DETAIL)
                .build();
    }

    // ---------------------------------------------------------------- 5106 / 5108 clearing quota notices

    /** 5106 授权支付清算额度通知单 (§5, ITFE 5106 parser): per-agency limits and the zero single-line refusal. */
    public static VoucherType authorizedClearingQuota() {
        List<FieldDef> header = concat(core(),
                List.of(text("TreCode").required(), text("FinOrgCode"), amount("PlanAmt").required(),
                        text("SetMonth").required().format(MONTH_FORMAT), text("DeptNum").format(COUNT_FORMAT)),
                pair("FundType"), pair("ClearBank"), pair("PayBank"),
                List.of(text("PayBankNo"), text("ClearVoucherNo")),
                holds(2));
        List<FieldDef> detail = concat(
                List.of(text("Id"), text("SupDepCode").required(), text("SupDepName")),
                pair("Agency"), pair("FundType"),
                List.of(text("ExpFuncCode").required(), text("ExpFuncName"),
                        text("ExpFuncCode1"), text("ExpFuncName1"), text("ExpFuncCode2"), text("ExpFuncName2"),
                        text("ExpFuncCode3"), text("ExpFuncName3")),
                pair("ProCat"), pair("DepExpEco"), pair("DepPro"),
                List.of(text("AgencyAccoCode"), text("AgencyBankName"), amount("PlanAmt").required()),
                holds(4));
        return VoucherType.builder("5106", "授权支付清算额度通知单", VoucherFamily.CLEARING_QUOTA_NOTICE)
                .header(header)
                .detail(detail)
                .alias(VoucherFields.LEGACY_EXP_ECO_CODE, "DepExpEcoCode")
                .alias(VoucherFields.LEGACY_EXP_ECO_NAME, "DepExpEcoName")
                .total("PlanAmt", "PlanAmt", FiscalCodes.PLAN_AMT_MISMATCH)
                .count("DeptNum", "SupDepCode", FiscalCodes.DEPT_NUM_MISMATCH)
                .detailsRequired(true)
                .limitPerAgency("AgencyCode", "SupDepCode")
                .refuseZeroSingleDetail(true)
                .carriedHeader(CARRIED_HEADER)
                .carriedDetail(CARRIED_DETAIL)
                .build();
    }

    /** 5108 直接支付清算额度通知单: 5106's layout; its detail limit counts per voucher (§5). */
    public static VoucherType directClearingQuota() {
        return authorizedClearingQuota().toBuilder()
                .vtCode("5108", "直接支付清算额度通知单")
                .limitPerVoucher()
                .refuseZeroSingleDetail(false)
                .build();
    }

    // ---------------------------------------------------------------- 2301 / 2302 clearing requests

    /** 2301 申请划款凭证 (§5, ITFE voucher_2301 template): agent bank → PBOC, receipt with the X-fields. */
    public static VoucherType clearingRequest() {
        List<FieldDef> header = concat(core(),
                List.of(text("TreCode").required(), text("FinOrgCode")),
                pair("BgtType"), pair("FundType"), pair("PayType"),
                List.of(text("AgentAcctNo").required(), text("AgentAcctName"), text("AgentAcctBankName"),
                        text("ClearAcctNo").required(), text("ClearAcctName"), text("ClearAcctBankName"),
                        amount("PayAmt").required().positive(), text("AllNum").format(COUNT_FORMAT),
                        text("PayBankName"), text("PayBankNo").required(), text("Remark"), text("MoneyCorpCode"),
                        text("XPaySndBnkNo").receipt(), text("XAddWord"), date("XClearDate").receipt(),
                        amount("XPayAmt").receipt().nonNegative()),
                holds(2));
        List<FieldDef> detail = concat(
                List.of(text("Id"), text("VoucherNo").required()),
                pair("SupDep"), pair("ExpFunc"),
                List.of(amount("PayAmt").required().positive(), text("PaySummaryName")),
                holds(4));
        return VoucherType.builder("2301", "申请划款凭证", VoucherFamily.CLEARING_REQUEST)
                .header(header)
                .detail(detail)
                .total("PayAmt", "PayAmt", FiscalCodes.PAY_AMT_MISMATCH)
                .count("AllNum", null, FiscalCodes.ALL_NUM_MISMATCH)
                .detailsRequired(true)
                .failureReason(false, "XPayAmt", "XAddWord")
                .carriedHeader(CARRIED_HEADER)
                .carriedDetail(CARRIED_DETAIL)
                .build();
    }

    /**
     * 2302 申请退款凭证: 2301 plus PayDictateNo, PayMsgNo, PayEntrustDate and TKLX (退款类型, required);
     * amounts of any sign, since a 负凭证 refund (TKLX 2) carries negative amounts.
     */
    public static VoucherType refundClearingRequest() {
        return clearingRequest().toBuilder()
                .vtCode("2302", "申请退款凭证")
                .insertHeaderAfter("MoneyCorpCode", text("PayDictateNo"), text("PayMsgNo"), date("PayEntrustDate"), text("TKLX").required())
                .replaceHeader(amount("PayAmt").required())
                .replaceHeader(amount("XPayAmt").receipt())
                .replaceDetail(amount("PayAmt").required())
                .build();
    }

    // ---------------------------------------------------------------- 2203 / 2252 refund notices

    /**
     * 2203 财政直接支付退款通知书 (§5: the refund extras of ITFE's refund DTO on the 3208 layout): the original
     * voucher it refunds, the reason, the refunded amount, and the receiver's X-fields on a receipt.
     */
    public static VoucherType directRefundNotice() {
        List<FieldDef> header = concat(core(),
                List.of(text("OriginalVtCode").format(VT_CODE_FORMAT), text("OriginalVoucherNo").required(),
                        text("OriBillNo"), date("OriVouDate"), date("OriPayDate"), text("AgentBusinessNo")),
                pair("FundType"), pair("PayType"), pair("ProCat"), pair("Agency"),
                List.of(text("PayAcctNo"), text("PayAcctName"), text("PayAcctBankName"),
                        text("PayeeAcctNo"), text("PayeeAcctName"), text("PayeeAcctBankName"), text("PayeeAcctBankNo")),
                pair("PayBank"),
                List.of(text("CurrencyCode")),
                pair("PaySummary"),
                List.of(text("ReturnReasonName").required(), text("Remark"), amount("PayAmt").required().positive(),
                        date("XPayDate").receipt(), text("XAgentBusinessNo").receipt(), amount("XPayAmt").receipt().nonNegative()),
                holds(2));
        List<FieldDef> detail = concat(
                List.of(text("Id"), text("VoucherBillId"), text("VoucherBillNo"), text("VoucherDetailNo")),
                pair("BgtType"), pair("ProCat"), pair("Agency"),
                List.of(text("PayeeAcctNo"), text("PayeeAcctName"), text("PayeeAcctBankName"), text("PayeeAcctBankNo")),
                pair("ExpFunc"), pair("GovExpEco"), pair("DepExpEco"),
                List.of(amount("PayAmt").required().positive(), text("Remark")),
                holds(4));
        return VoucherType.builder("2203", "财政直接支付退款通知书", VoucherFamily.REFUND_NOTICE)
                .header(header)
                .detail(detail)
                .alias("XpayAmt", "XPayAmt")
                .alias(VoucherFields.LEGACY_EXP_ECO_CODE, "DepExpEcoCode")
                .alias(VoucherFields.LEGACY_EXP_ECO_NAME, "DepExpEcoName")
                .alias("Amt", "PayAmt")
                .total("PayAmt", "PayAmt", FiscalCodes.PAY_AMT_MISMATCH)
                .link("VoucherBillId", "Id")
                .link("VoucherBillNo", "VoucherNo")
                .requiredWithoutDetails("PayeeAcctNo", "PayeeAcctName")
                .carriedHeader(CARRIED_HEADER)
                .carriedDetail(CARRIED_DETAIL)
                .build();
    }

    /** 2252 收款银行退款通知: 2203's layout under its own VtCode. */
    public static VoucherType payeeBankRefundNotice() {
        return directRefundNotice().toBuilder().vtCode("2252", "收款银行退款通知").build();
    }
}
