package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Valid vouchers of every type beyond the payments, with realistic Chinese names, to break one rule at a
 * time; the golden files under {@code fiscal/golden/} are these vouchers written.
 */
final class TypeFixtures {

    static final LocalDate VOU_DATE = LocalDate.of(2026, 11, 27);
    static final LocalDate PAY_DATE = LocalDate.of(2026, 11, 28);

    private TypeFixtures() {
    }

    static BigDecimal amt(String s) {
        return new BigDecimal(s);
    }

    /** A valid original of {@code type}. */
    static FiscalVoucher.Builder valid(VoucherType type) {
        return switch (type.vtCode()) {
            case "8207" -> batchDetail();
            case "5106" -> quotaNotice();
            case "5108" -> directQuotaNotice();
            case "2301" -> clearingRequest();
            case "2302" -> refundClearingRequest();
            case "2203" -> refundNotice();
            case "2252" -> payeeBankRefundNotice();
            default -> throw new IllegalArgumentException("no fixture for " + type);
        };
    }

    /** A valid receipt (回单) of {@code type}, for the types that have one. */
    static FiscalVoucher.Builder receipt(VoucherType type) {
        return switch (type.vtCode()) {
            case "8207" -> batchDetailReceipt();
            case "2301", "2302" -> clearingReceipt(valid(type));
            case "2203", "2252" -> refundNoticeReceipt(valid(type));
            // ITFE sends a quota notice back as a 回单 with no field of its own to fill
            case "5106", "5108" -> valid(type);
            default -> throw new IllegalArgumentException("no receipt fixture for " + type);
        };
    }

    private static FiscalVoucher.Builder core(VoucherType type, String id, String voucherNo) {
        return type.newVoucher()
                .text("Id", id)
                .text("AdmDivCode", "420000")
                .text("StYear", "2026")
                .date("VouDate", VOU_DATE)
                .text("VoucherNo", voucherNo);
    }

    // ------------------------------------------------------------------ 8207

    static FiscalDetail.Builder payrollLine(int n, String payee, String account, String amount) {
        return VoucherTypes.BATCH_PAYMENT_DETAIL.newDetail()
                .text("Id", "PL2026112700001-" + n)
                .text("OriVoucherNo", "T202600000001")
                .text("PayeeAcctNo", account)
                .text("PayeeAcctName", payee)
                .text("PayeeAcctBankName", "中国工商银行武汉分行")
                .text("PayeeAcctBankNo", "102521000335")
                .amount("PayAmt", amt(amount))
                .text("Remark", "2026年11月工资");
    }

    static FiscalVoucher.Builder batchDetail() {
        return core(VoucherTypes.BATCH_PAYMENT_DETAIL, "5a0c3e1f82074b6d9e2a11c0f0a8207a", "PL2026112700001")
                .text("OriginalVtCode", "8202")
                .text("OriginalVoucherNo", "T202600000001")
                .text("FundTypeCode", "11")
                .text("FundTypeName", "一般公共预算")
                .amount("SumAmt", amt("60531.20"))
                .text("AgencyCode", "219011")
                .text("AgencyName", "某市教育局机关")
                .text("PayAcctNo", "9558800000000001")
                .text("PayAcctName", "某市教育局零余额账户")
                .text("PayAcctBankName", "中国工商银行武汉分行")
                .text("PayBankCode", "102521000335")
                .text("PayBankName", "中国工商银行武汉分行")
                .text("BusinessTypeCode", "3")
                .text("BusinessTypeName", "工资")
                .text("PayTypeCode", "12")
                .text("PayTypeName", "财政授权支付")
                .text("ExpFuncCode", "2050201")
                .text("ExpFuncName", "学前教育")
                .text("Remark", "2026年11月统发工资")
                .details(List.of(
                        payrollLine(1, "郑爽", "6222021001000000001", "12000.00").build(),
                        payrollLine(2, "黄勇", "6222021001000000002", "8531.20").build(),
                        payrollLine(3, "李堃", "6222021001000000003", "40000.00").build()));
    }

    /** The bank's receipt of the payroll: line 2 failed (XPayAmt 0.00 with the reason). */
    static FiscalVoucher.Builder batchDetailReceipt() {
        FiscalVoucher original = batchDetail().build();
        List<FiscalDetail> lines = List.of(
                original.details().get(0).toBuilder().date("XPayDate", PAY_DATE).text("XAgentBusinessNo", "BK2026112800001")
                        .amount("XPayAmt", amt("12000.00")).build(),
                original.details().get(1).toBuilder().date("XPayDate", PAY_DATE).text("XAgentBusinessNo", "BK2026112800002")
                        .amount("XPayAmt", amt("0.00")).text("XAddWordCode", "E101").text("XAddWord", "收款账户已销户").build(),
                original.details().get(2).toBuilder().date("XPayDate", PAY_DATE).text("XAgentBusinessNo", "BK2026112800003")
                        .amount("XPayAmt", amt("40000.00")).build());
        return original.toBuilder().details(lines).date("XPayDate", PAY_DATE).amount("XSumAmt", amt("52000.00"));
    }

    // ------------------------------------------------------------------ 5106 / 5108

    static FiscalDetail.Builder quotaLine(VoucherType type, String id, String supDep, String supDepName, String agency,
            String expFunc, String expFuncName, String amount) {
        return type.newDetail()
                .text("Id", id)
                .text("SupDepCode", supDep)
                .text("SupDepName", supDepName)
                .text("AgencyCode", agency)
                .text("ExpFuncCode", expFunc)
                .text("ExpFuncName", expFuncName)
                .text("ExpFuncCode1", expFunc.substring(0, 3))
                .text("ExpFuncCode2", expFunc.substring(3, 5))
                .text("ExpFuncCode3", expFunc.substring(5, 7))
                .text("ProCatCode", "1")
                .text("ProCatName", "人员类")
                .amount("PlanAmt", amt(amount));
    }

    static FiscalVoucher.Builder quotaNotice() {
        return quota(VoucherTypes.AUTHORIZED_CLEARING_QUOTA, "ED2026112700001", "e0d1c2b3a4955106a1b2c3d4e5f60718");
    }

    static FiscalVoucher.Builder directQuotaNotice() {
        return quota(VoucherTypes.DIRECT_CLEARING_QUOTA, "ZJ2026112700001", "e0d1c2b3a4955108a1b2c3d4e5f60718");
    }

    private static FiscalVoucher.Builder quota(VoucherType type, String voucherNo, String id) {
        return core(type, id, voucherNo)
                .text("TreCode", "4200000000")
                .text("FinOrgCode", "420000000")
                .amount("PlanAmt", amt("780000.00"))
                .text("SetMonth", "11")
                .text("DeptNum", "2")
                .text("FundTypeCode", "11")
                .text("FundTypeName", "一般公共预算")
                .text("ClearBankCode", "001")
                .text("ClearBankName", "中国人民银行武汉分行营业管理部")
                .text("PayBankCode", "102")
                .text("PayBankName", "中国工商银行武汉分行")
                .text("PayBankNo", "102521000335")
                .details(List.of(
                        quotaLine(type, voucherNo + "-1", "219", "湖北省教育厅", "219011", "2050201", "学前教育", "500000.00").build(),
                        quotaLine(type, voucherNo + "-2", "219", "湖北省教育厅", "219012", "2050202", "小学教育", "300000.00").build(),
                        // a reduction of an earlier quota (负额度) is a negative line
                        quotaLine(type, voucherNo + "-3", "220", "湖北省卫生健康委员会", "220001", "2100101", "行政运行", "-20000.00").build()));
    }

    // ------------------------------------------------------------------ 2301 / 2302

    static FiscalDetail.Builder clearingLine(VoucherType type, String id, String paidVoucherNo, String amount) {
        return type.newDetail()
                .text("Id", id)
                .text("VoucherNo", paidVoucherNo)
                .text("SupDepCode", "219")
                .text("SupDepName", "湖北省教育厅")
                .text("ExpFuncCode", "2050201")
                .text("ExpFuncName", "学前教育")
                .amount("PayAmt", amt(amount))
                .text("PaySummaryName", "办公费");
    }

    private static FiscalVoucher.Builder clearingHeader(VoucherType type, String id, String voucherNo) {
        return core(type, id, voucherNo)
                .text("TreCode", "4200000000")
                .text("FinOrgCode", "420000000")
                .text("FundTypeCode", "11")
                .text("FundTypeName", "一般公共预算")
                .text("PayTypeCode", "11")
                .text("PayTypeName", "财政直接支付")
                .text("AgentAcctNo", "4200000000000000001")
                .text("AgentAcctName", "中国工商银行武汉分行财政清算户")
                .text("AgentAcctBankName", "中国工商银行武汉分行")
                .text("ClearAcctNo", "270000000000000001")
                .text("ClearAcctName", "湖北省财政厅国库单一账户")
                .text("ClearAcctBankName", "中国人民银行武汉分行营业管理部")
                .text("PayBankName", "中国工商银行武汉分行")
                .text("PayBankNo", "102521000335");
    }

    static FiscalVoucher.Builder clearingRequest() {
        VoucherType t = VoucherTypes.CLEARING_REQUEST;
        return clearingHeader(t, "c1ea2301000000000000000000000001", "HK2026112800001")
                .amount("PayAmt", amt("183980.42"))
                .text("AllNum", "2")
                .text("Remark", "直接支付申请划款")
                .details(List.of(
                        clearingLine(t, "HK2026112800001-1", "T202600000002", "87169.74").build(),
                        clearingLine(t, "HK2026112800001-2", "T202600000003", "96810.68").build()));
    }

    static FiscalVoucher.Builder refundClearingRequest() {
        VoucherType t = VoucherTypes.REFUND_CLEARING_REQUEST;
        return clearingHeader(t, "c1ea2302000000000000000000000001", "TK2026112900001")
                .amount("PayAmt", amt("2000.00"))
                .text("AllNum", "1")
                .text("Remark", "收款人账号不存在，退回国库")
                .text("PayDictateNo", "20261129000123")
                .text("PayMsgNo", "111")
                .date("PayEntrustDate", LocalDate.of(2026, 11, 29))
                .text("TKLX", "1")
                .details(List.of(clearingLine(t, "TK2026112900001-1", "T202600000002", "2000.00").build()));
    }

    /** The treasury's receipt of a clearing request: what was cleared, when, from which bank. */
    static FiscalVoucher.Builder clearingReceipt(FiscalVoucher.Builder request) {
        FiscalVoucher r = request.build();
        return r.toBuilder()
                .text("XPaySndBnkNo", "011521000016")
                .text("XAddWord", "清算成功")
                .date("XClearDate", PAY_DATE)
                .amount("XPayAmt", r.amount("PayAmt"));
    }

    // ------------------------------------------------------------------ 2203 / 2252

    static FiscalVoucher.Builder refundNotice() {
        return refund(VoucherTypes.DIRECT_REFUND_NOTICE, "f0e1d2c3b4a52203968778695a4b3c2d", "TZ2026112900001");
    }

    static FiscalVoucher.Builder payeeBankRefundNotice() {
        return refund(VoucherTypes.PAYEE_BANK_REFUND_NOTICE, "f0e1d2c3b4a52252968778695a4b3c2d", "TZ2026112900002");
    }

    private static FiscalVoucher.Builder refund(VoucherType type, String id, String voucherNo) {
        return core(type, id, voucherNo)
                .text("OriginalVtCode", "5201")
                .text("OriginalVoucherNo", "T202600000002")
                .date("OriVouDate", LocalDate.of(2026, 11, 20))
                .date("OriPayDate", PAY_DATE)
                .text("AgentBusinessNo", "BK2026112800007")
                .text("FundTypeCode", "11")
                .text("FundTypeName", "一般公共预算")
                .text("PayTypeCode", "11")
                .text("PayTypeName", "财政直接支付")
                .text("AgencyCode", "219011")
                .text("AgencyName", "某市教育局机关")
                .text("PayAcctNo", "9558800000000001")
                .text("PayAcctName", "某市财政局零余额账户")
                .text("PayeeAcctNo", "6222171214217469")
                .text("PayeeAcctName", "郑爽")
                .text("PayeeAcctBankName", "中国建设银行武汉分行")
                .text("PayeeAcctBankNo", "105521000012")
                .text("PayBankCode", "102521000335")
                .text("PayBankName", "中国工商银行武汉分行")
                .text("CurrencyCode", "CNY")
                .text("PaySummaryName", "办公费")
                .text("ReturnReasonName", "收款人账号不存在")
                .amount("PayAmt", amt("2000.00"))
                .details(List.of(type.newDetail()
                        .text("Id", voucherNo + "-1")
                        .text("VoucherBillId", id)
                        .text("VoucherBillNo", voucherNo)
                        .text("AgencyCode", "219011")
                        .text("AgencyName", "某市教育局机关")
                        .text("PayeeAcctNo", "6222171214217469")
                        .text("PayeeAcctName", "郑爽")
                        .text("ExpFuncCode", "2050201")
                        .text("ExpFuncName", "学前教育")
                        .text("DepExpEcoCode", "30201")
                        .text("DepExpEcoName", "办公费")
                        .amount("PayAmt", amt("2000.00"))
                        .build()));
    }

    static FiscalVoucher.Builder refundNoticeReceipt(FiscalVoucher.Builder notice) {
        return notice.date("XPayDate", LocalDate.of(2026, 11, 29)).text("XAgentBusinessNo", "TK2026112900088").amount("XPayAmt", amt("2000.00"));
    }

    // ------------------------------------------------------------------ bodies

    /** The body the envelope would carry for {@code v}, placed as body 1. */
    static VoucherBody body(FiscalVoucher v, int flag) {
        return VoucherBody.of(v, flag, null).withIndex(1);
    }

    /** A body of {@code type} carrying hand-made inner bytes, with the fixture's routing attributes. */
    static VoucherBody body(VoucherType type, byte[] innerXml) {
        FiscalVoucher v = valid(type).build();
        return new VoucherBody(1, v.admDivCode(), v.stYear(), v.vtCode(), v.voucherNo(), 0, null, "", innerXml, List.of(), List.of());
    }

    /** The golden file of {@code type} under {@code fiscal/golden/}. */
    static String goldenName(VoucherType type) {
        return switch (type.vtCode()) {
            case "8207" -> "8207-batch-payment-detail";
            case "5106" -> "5106-authorized-clearing-quota";
            case "5108" -> "5108-direct-clearing-quota";
            case "2301" -> "2301-clearing-request";
            case "2302" -> "2302-refund-clearing-request";
            case "2203" -> "2203-direct-refund-notice";
            case "2252" -> "2252-payee-bank-refund-notice";
            default -> throw new IllegalArgumentException("no golden file for " + type);
        };
    }

    /** The standard's types beyond the payments. */
    static List<VoucherType> newTypes() {
        return List.of(VoucherTypes.BATCH_PAYMENT_DETAIL, VoucherTypes.AUTHORIZED_CLEARING_QUOTA, VoucherTypes.DIRECT_CLEARING_QUOTA,
                VoucherTypes.CLEARING_REQUEST, VoucherTypes.REFUND_CLEARING_REQUEST, VoucherTypes.DIRECT_REFUND_NOTICE,
                VoucherTypes.PAYEE_BANK_REFUND_NOTICE);
    }
}
