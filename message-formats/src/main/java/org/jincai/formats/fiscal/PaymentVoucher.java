package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payment voucher (支付凭证) of type 5201 财政直接支付凭证, 8202 财政授权支付凭证 or 5214 (一体化), as the
 * finance system sends it and as the agent bank sends it back as a receipt (回单, VoucherFlag 1, with the
 * X-fields filled). Component names are the standard's tag names in lowerCamel; text is as received
 * (trimmed, absent = {@code null}); amounts keep the scale they were read with so that the validator can
 * refuse anything but two decimals.
 *
 * <p>Tags of the standard that this record does not model (ClearBankCode, CurrencyCode, TaxayerID, …) are
 * kept in {@link #otherFields()} in document order and written back, so a receipt built from a received
 * voucher loses nothing.
 *
 * @param id <code>Id</code> 凭证ID (主键), 32-hex GUID in 一体化 systems
 * @param admDivCode <code>AdmDivCode</code> 行政区划代码, 6 digits
 * @param stYear <code>StYear</code> 业务年度, yyyy
 * @param vtCode <code>VtCode</code> 凭证类型编号: 5201, 8202 or 5214
 * @param vouDate <code>VouDate</code> 凭证日期
 * @param voucherNo <code>VoucherNo</code> 凭证号
 * @param billNo <code>BillNo</code> 支付申请号
 * @param fundTypeCode <code>FundTypeCode</code> 资金性质 code
 * @param fundTypeName <code>FundTypeName</code> 资金性质 name
 * @param bgtTypeCode <code>BgtTypeCode</code> 预算类型 (指标类型) code
 * @param bgtTypeName <code>BgtTypeName</code> 预算类型 name
 * @param payTypeCode <code>PayTypeCode</code> 支付方式 code (11 直接, 12 授权, 1 国库集中支付)
 * @param payTypeName <code>PayTypeName</code> 支付方式 name
 * @param proCatCode <code>ProCatCode</code> 收支管理 code
 * @param proCatName <code>ProCatName</code> 收支管理 name
 * @param mofDepCode <code>MOFDepCode</code> 业务处室 code
 * @param mofDepName <code>MOFDepName</code> 业务处室 name
 * @param supDepCode <code>SupDepCode</code> 一级预算单位 code
 * @param supDepName <code>SupDepName</code> 一级预算单位 name
 * @param agencyCode <code>AgencyCode</code> 基层预算单位 code
 * @param agencyName <code>AgencyName</code> 基层预算单位 name
 * @param expFuncCode <code>ExpFuncCode</code> 支出功能分类科目 code, 7 digits 类+款+项
 * @param expFuncName <code>ExpFuncName</code> 支出功能分类科目 name
 * @param govExpEcoCode <code>GovExpEcoCode</code> 政府预算支出经济分类 code
 * @param govExpEcoName <code>GovExpEcoName</code> 政府预算支出经济分类 name
 * @param depExpEcoCode <code>DepExpEcoCode</code> 部门预算支出经济分类 code (legacy tag ExpEcoCode is read into it)
 * @param depExpEcoName <code>DepExpEcoName</code> 部门预算支出经济分类 name (legacy ExpEcoName)
 * @param depProCode <code>DepProCode</code> 预算项目 code
 * @param depProName <code>DepProName</code> 预算项目 name
 * @param setModeCode <code>SetModeCode</code> 结算方式 code
 * @param setModeName <code>SetModeName</code> 结算方式 name
 * @param payBankCode <code>PayBankCode</code> 代理银行 code (12-digit bank number); routes the payment to a bank
 * @param payBankName <code>PayBankName</code> 代理银行 name
 * @param payAcctNo <code>PayAcctNo</code> 付款人账号 = 零余额账户
 * @param payAcctName <code>PayAcctName</code> 付款人名称
 * @param payAcctBankName <code>PayAcctBankName</code> 付款人开户银行
 * @param payeeAcctNo <code>PayeeAcctNo</code> 收款人账号
 * @param payeeAcctName <code>PayeeAcctName</code> 收款人名称
 * @param payeeAcctBankName <code>PayeeAcctBankName</code> 收款人开户银行
 * @param payeeAcctBankNo <code>PayeeAcctBankNo</code> 收款人开户银行行号
 * @param paySummaryCode <code>PaySummaryCode</code> 用途 code
 * @param paySummaryName <code>PaySummaryName</code> 用途 name
 * @param payAmt <code>PayAmt</code> 支付金额, scale 2; equals the sum of the detail PayAmt
 * @param businessTypeCode <code>BusinessTypeCode</code> 业务类型 code
 * @param businessTypeName <code>BusinessTypeName</code> 业务类型 name
 * @param xPayDate <code>XPayDate</code> 实际支付日期 (回单)
 * @param xAgentBusinessNo <code>XAgentBusinessNo</code> 银行交易流水号 (回单)
 * @param xPayAmt <code>XPayAmt</code> 实际支付金额 (回单); 0.00 when the whole voucher failed
 * @param xPayeeAcctNo <code>XPayeeAcctNo</code> 实际收款人账号 (回单)
 * @param xPayeeAcctName <code>XPayeeAcctName</code> 实际收款人名称 (回单)
 * @param xPayeeAcctBankName <code>XPayeeAcctBankName</code> 实际收款人开户银行 (回单)
 * @param xAddWord <code>XAddWord</code> 附言 / 失败原因 (回单)
 * @param hold1 <code>Hold1</code> 预留字段 1 (regions overload it)
 * @param hold2 <code>Hold2</code> 预留字段 2
 * @param otherFields header tags not modelled above, tag to text, in document order
 * @param details 明细 (<code>DetailList/Detail</code>), in document order
 */
public record PaymentVoucher(
        String id,
        String admDivCode,
        String stYear,
        String vtCode,
        LocalDate vouDate,
        String voucherNo,
        String billNo,
        String fundTypeCode,
        String fundTypeName,
        String bgtTypeCode,
        String bgtTypeName,
        String payTypeCode,
        String payTypeName,
        String proCatCode,
        String proCatName,
        String mofDepCode,
        String mofDepName,
        String supDepCode,
        String supDepName,
        String agencyCode,
        String agencyName,
        String expFuncCode,
        String expFuncName,
        String govExpEcoCode,
        String govExpEcoName,
        String depExpEcoCode,
        String depExpEcoName,
        String depProCode,
        String depProName,
        String setModeCode,
        String setModeName,
        String payBankCode,
        String payBankName,
        String payAcctNo,
        String payAcctName,
        String payAcctBankName,
        String payeeAcctNo,
        String payeeAcctName,
        String payeeAcctBankName,
        String payeeAcctBankNo,
        String paySummaryCode,
        String paySummaryName,
        BigDecimal payAmt,
        String businessTypeCode,
        String businessTypeName,
        LocalDate xPayDate,
        String xAgentBusinessNo,
        BigDecimal xPayAmt,
        String xPayeeAcctNo,
        String xPayeeAcctName,
        String xPayeeAcctBankName,
        String xAddWord,
        String hold1,
        String hold2,
        Map<String, String> otherFields,
        List<VoucherDetail> details) {

    public PaymentVoucher {
        otherFields = otherFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** 5201 财政直接支付凭证. */
    public static final String VT_DIRECT_PAYMENT = "5201";
    /** 8202 财政授权支付凭证. */
    public static final String VT_AUTHORIZED_PAYMENT = "8202";
    /** 5214 一体化 payment voucher (PayTypeCode 1 国库集中支付). */
    public static final String VT_INTEGRATED_PAYMENT = "5214";
    /**
     * 5212, a payment voucher type of the integrated budget systems seen in use as an inner voucher (issue 15);
     * its name is not in public sources, its body is the payment voucher's.
     */
    public static final String VT_INTEGRATED_PAYMENT_5212 = "5212";

    /** The sum of the details' PayAmt, or {@code null} when a detail has no amount; zero without details. */
    public BigDecimal detailTotal() {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (VoucherDetail d : details) {
            if (d.payAmt() == null) {
                return null;
            }
            sum = sum.add(d.payAmt());
        }
        return sum;
    }

    /**
     * A copy carrying the bank's receipt (回单) block: what was actually paid, when, under which bank serial
     * number, to whom; {@code xAddWord} is the failure reason when {@code xPayAmt} is zero.
     */
    public PaymentVoucher withReceipt(LocalDate xPayDate, String xAgentBusinessNo, BigDecimal xPayAmt,
            String xPayeeAcctNo, String xPayeeAcctName, String xPayeeAcctBankName, String xAddWord) {
        return toBuilder()
                .xPayDate(xPayDate)
                .xAgentBusinessNo(xAgentBusinessNo)
                .xPayAmt(xPayAmt)
                .xPayeeAcctNo(xPayeeAcctNo)
                .xPayeeAcctName(xPayeeAcctName)
                .xPayeeAcctBankName(xPayeeAcctBankName)
                .xAddWord(xAddWord)
                .build();
    }

    /** A copy with these details instead of the current ones (for per-line receipt results). */
    public PaymentVoucher withDetails(List<VoucherDetail> newDetails) {
        return toBuilder().details(newDetails).build();
    }

    /** A builder with every field empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this PaymentVoucher's values, for a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.admDivCode = admDivCode;
        b.stYear = stYear;
        b.vtCode = vtCode;
        b.vouDate = vouDate;
        b.voucherNo = voucherNo;
        b.billNo = billNo;
        b.fundTypeCode = fundTypeCode;
        b.fundTypeName = fundTypeName;
        b.bgtTypeCode = bgtTypeCode;
        b.bgtTypeName = bgtTypeName;
        b.payTypeCode = payTypeCode;
        b.payTypeName = payTypeName;
        b.proCatCode = proCatCode;
        b.proCatName = proCatName;
        b.mofDepCode = mofDepCode;
        b.mofDepName = mofDepName;
        b.supDepCode = supDepCode;
        b.supDepName = supDepName;
        b.agencyCode = agencyCode;
        b.agencyName = agencyName;
        b.expFuncCode = expFuncCode;
        b.expFuncName = expFuncName;
        b.govExpEcoCode = govExpEcoCode;
        b.govExpEcoName = govExpEcoName;
        b.depExpEcoCode = depExpEcoCode;
        b.depExpEcoName = depExpEcoName;
        b.depProCode = depProCode;
        b.depProName = depProName;
        b.setModeCode = setModeCode;
        b.setModeName = setModeName;
        b.payBankCode = payBankCode;
        b.payBankName = payBankName;
        b.payAcctNo = payAcctNo;
        b.payAcctName = payAcctName;
        b.payAcctBankName = payAcctBankName;
        b.payeeAcctNo = payeeAcctNo;
        b.payeeAcctName = payeeAcctName;
        b.payeeAcctBankName = payeeAcctBankName;
        b.payeeAcctBankNo = payeeAcctBankNo;
        b.paySummaryCode = paySummaryCode;
        b.paySummaryName = paySummaryName;
        b.payAmt = payAmt;
        b.businessTypeCode = businessTypeCode;
        b.businessTypeName = businessTypeName;
        b.xPayDate = xPayDate;
        b.xAgentBusinessNo = xAgentBusinessNo;
        b.xPayAmt = xPayAmt;
        b.xPayeeAcctNo = xPayeeAcctNo;
        b.xPayeeAcctName = xPayeeAcctName;
        b.xPayeeAcctBankName = xPayeeAcctBankName;
        b.xAddWord = xAddWord;
        b.hold1 = hold1;
        b.hold2 = hold2;
        b.otherFields = new LinkedHashMap<>(otherFields);
        b.details = new ArrayList<>(details);
        return b;
    }

    /** Fluent, mutable builder of {@link PaymentVoucher}; {@link #build()} copies, so a builder can be reused. */
    public static final class Builder {
        private String id;
        private String admDivCode;
        private String stYear;
        private String vtCode;
        private LocalDate vouDate;
        private String voucherNo;
        private String billNo;
        private String fundTypeCode;
        private String fundTypeName;
        private String bgtTypeCode;
        private String bgtTypeName;
        private String payTypeCode;
        private String payTypeName;
        private String proCatCode;
        private String proCatName;
        private String mofDepCode;
        private String mofDepName;
        private String supDepCode;
        private String supDepName;
        private String agencyCode;
        private String agencyName;
        private String expFuncCode;
        private String expFuncName;
        private String govExpEcoCode;
        private String govExpEcoName;
        private String depExpEcoCode;
        private String depExpEcoName;
        private String depProCode;
        private String depProName;
        private String setModeCode;
        private String setModeName;
        private String payBankCode;
        private String payBankName;
        private String payAcctNo;
        private String payAcctName;
        private String payAcctBankName;
        private String payeeAcctNo;
        private String payeeAcctName;
        private String payeeAcctBankName;
        private String payeeAcctBankNo;
        private String paySummaryCode;
        private String paySummaryName;
        private BigDecimal payAmt;
        private String businessTypeCode;
        private String businessTypeName;
        private LocalDate xPayDate;
        private String xAgentBusinessNo;
        private BigDecimal xPayAmt;
        private String xPayeeAcctNo;
        private String xPayeeAcctName;
        private String xPayeeAcctBankName;
        private String xAddWord;
        private String hold1;
        private String hold2;
        private Map<String, String> otherFields = new LinkedHashMap<>();
        private List<VoucherDetail> details = new ArrayList<>();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder admDivCode(String admDivCode) {
            this.admDivCode = admDivCode;
            return this;
        }

        public Builder stYear(String stYear) {
            this.stYear = stYear;
            return this;
        }

        public Builder vtCode(String vtCode) {
            this.vtCode = vtCode;
            return this;
        }

        public Builder vouDate(LocalDate vouDate) {
            this.vouDate = vouDate;
            return this;
        }

        public Builder voucherNo(String voucherNo) {
            this.voucherNo = voucherNo;
            return this;
        }

        public Builder billNo(String billNo) {
            this.billNo = billNo;
            return this;
        }

        public Builder fundTypeCode(String fundTypeCode) {
            this.fundTypeCode = fundTypeCode;
            return this;
        }

        public Builder fundTypeName(String fundTypeName) {
            this.fundTypeName = fundTypeName;
            return this;
        }

        public Builder bgtTypeCode(String bgtTypeCode) {
            this.bgtTypeCode = bgtTypeCode;
            return this;
        }

        public Builder bgtTypeName(String bgtTypeName) {
            this.bgtTypeName = bgtTypeName;
            return this;
        }

        public Builder payTypeCode(String payTypeCode) {
            this.payTypeCode = payTypeCode;
            return this;
        }

        public Builder payTypeName(String payTypeName) {
            this.payTypeName = payTypeName;
            return this;
        }

        public Builder proCatCode(String proCatCode) {
            this.proCatCode = proCatCode;
            return this;
        }

        public Builder proCatName(String proCatName) {
            this.proCatName = proCatName;
            return this;
        }

        public Builder mofDepCode(String mofDepCode) {
            this.mofDepCode = mofDepCode;
            return this;
        }

        public Builder mofDepName(String mofDepName) {
            this.mofDepName = mofDepName;
            return this;
        }

        public Builder supDepCode(String supDepCode) {
            this.supDepCode = supDepCode;
            return this;
        }

        public Builder supDepName(String supDepName) {
            this.supDepName = supDepName;
            return this;
        }

        public Builder agencyCode(String agencyCode) {
            this.agencyCode = agencyCode;
            return this;
        }

        public Builder agencyName(String agencyName) {
            this.agencyName = agencyName;
            return this;
        }

        public Builder expFuncCode(String expFuncCode) {
            this.expFuncCode = expFuncCode;
            return this;
        }

        public Builder expFuncName(String expFuncName) {
            this.expFuncName = expFuncName;
            return this;
        }

        public Builder govExpEcoCode(String govExpEcoCode) {
            this.govExpEcoCode = govExpEcoCode;
            return this;
        }

        public Builder govExpEcoName(String govExpEcoName) {
            this.govExpEcoName = govExpEcoName;
            return this;
        }

        public Builder depExpEcoCode(String depExpEcoCode) {
            this.depExpEcoCode = depExpEcoCode;
            return this;
        }

        public Builder depExpEcoName(String depExpEcoName) {
            this.depExpEcoName = depExpEcoName;
            return this;
        }

        public Builder depProCode(String depProCode) {
            this.depProCode = depProCode;
            return this;
        }

        public Builder depProName(String depProName) {
            this.depProName = depProName;
            return this;
        }

        public Builder setModeCode(String setModeCode) {
            this.setModeCode = setModeCode;
            return this;
        }

        public Builder setModeName(String setModeName) {
            this.setModeName = setModeName;
            return this;
        }

        public Builder payBankCode(String payBankCode) {
            this.payBankCode = payBankCode;
            return this;
        }

        public Builder payBankName(String payBankName) {
            this.payBankName = payBankName;
            return this;
        }

        public Builder payAcctNo(String payAcctNo) {
            this.payAcctNo = payAcctNo;
            return this;
        }

        public Builder payAcctName(String payAcctName) {
            this.payAcctName = payAcctName;
            return this;
        }

        public Builder payAcctBankName(String payAcctBankName) {
            this.payAcctBankName = payAcctBankName;
            return this;
        }

        public Builder payeeAcctNo(String payeeAcctNo) {
            this.payeeAcctNo = payeeAcctNo;
            return this;
        }

        public Builder payeeAcctName(String payeeAcctName) {
            this.payeeAcctName = payeeAcctName;
            return this;
        }

        public Builder payeeAcctBankName(String payeeAcctBankName) {
            this.payeeAcctBankName = payeeAcctBankName;
            return this;
        }

        public Builder payeeAcctBankNo(String payeeAcctBankNo) {
            this.payeeAcctBankNo = payeeAcctBankNo;
            return this;
        }

        public Builder paySummaryCode(String paySummaryCode) {
            this.paySummaryCode = paySummaryCode;
            return this;
        }

        public Builder paySummaryName(String paySummaryName) {
            this.paySummaryName = paySummaryName;
            return this;
        }

        public Builder payAmt(BigDecimal payAmt) {
            this.payAmt = payAmt;
            return this;
        }

        public Builder businessTypeCode(String businessTypeCode) {
            this.businessTypeCode = businessTypeCode;
            return this;
        }

        public Builder businessTypeName(String businessTypeName) {
            this.businessTypeName = businessTypeName;
            return this;
        }

        public Builder xPayDate(LocalDate xPayDate) {
            this.xPayDate = xPayDate;
            return this;
        }

        public Builder xAgentBusinessNo(String xAgentBusinessNo) {
            this.xAgentBusinessNo = xAgentBusinessNo;
            return this;
        }

        public Builder xPayAmt(BigDecimal xPayAmt) {
            this.xPayAmt = xPayAmt;
            return this;
        }

        public Builder xPayeeAcctNo(String xPayeeAcctNo) {
            this.xPayeeAcctNo = xPayeeAcctNo;
            return this;
        }

        public Builder xPayeeAcctName(String xPayeeAcctName) {
            this.xPayeeAcctName = xPayeeAcctName;
            return this;
        }

        public Builder xPayeeAcctBankName(String xPayeeAcctBankName) {
            this.xPayeeAcctBankName = xPayeeAcctBankName;
            return this;
        }

        public Builder xAddWord(String xAddWord) {
            this.xAddWord = xAddWord;
            return this;
        }

        public Builder hold1(String hold1) {
            this.hold1 = hold1;
            return this;
        }

        public Builder hold2(String hold2) {
            this.hold2 = hold2;
            return this;
        }

        /** Replaces the unmodelled header tags. */
        public Builder otherFields(Map<String, String> otherFields) {
            this.otherFields = otherFields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(otherFields);
            return this;
        }

        /** Adds (or replaces) one unmodelled header tag. */
        public Builder otherField(String tag, String value) {
            this.otherFields.put(tag, value);
            return this;
        }

        public Builder details(List<VoucherDetail> details) {
            this.details = details == null ? new ArrayList<>() : new ArrayList<>(details);
            return this;
        }

        public Builder addDetail(VoucherDetail detail) {
            this.details.add(detail);
            return this;
        }

        public PaymentVoucher build() {
            return new PaymentVoucher(
                    id,
                    admDivCode,
                    stYear,
                    vtCode,
                    vouDate,
                    voucherNo,
                    billNo,
                    fundTypeCode,
                    fundTypeName,
                    bgtTypeCode,
                    bgtTypeName,
                    payTypeCode,
                    payTypeName,
                    proCatCode,
                    proCatName,
                    mofDepCode,
                    mofDepName,
                    supDepCode,
                    supDepName,
                    agencyCode,
                    agencyName,
                    expFuncCode,
                    expFuncName,
                    govExpEcoCode,
                    govExpEcoName,
                    depExpEcoCode,
                    depExpEcoName,
                    depProCode,
                    depProName,
                    setModeCode,
                    setModeName,
                    payBankCode,
                    payBankName,
                    payAcctNo,
                    payAcctName,
                    payAcctBankName,
                    payeeAcctNo,
                    payeeAcctName,
                    payeeAcctBankName,
                    payeeAcctBankNo,
                    paySummaryCode,
                    paySummaryName,
                    payAmt,
                    businessTypeCode,
                    businessTypeName,
                    xPayDate,
                    xAgentBusinessNo,
                    xPayAmt,
                    xPayeeAcctNo,
                    xPayeeAcctName,
                    xPayeeAcctBankName,
                    xAddWord,
                    hold1,
                    hold2,
                    otherFields,
                    details);
        }
    }
}
