package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line (明细) of a payment voucher's {@code DetailList}: one payee and amount with its own budget
 * classification, plus the bank's per-line receipt fields (XPayAmt 0.00 and XAddWord for a failed line).
 * Names are the standard's tags in lowerCamel; absent tags are {@code null}.
 *
 * @param id <code>Id</code> 明细ID, unique within the voucher
 * @param voucherBillId <code>VoucherBillId</code> 所属凭证 Id (= header Id)
 * @param voucherBillNo <code>VoucherBillNo</code> 所属凭证号 (= header VoucherNo)
 * @param voucherDetailNo <code>VoucherDetailNo</code> 支付申请序号
 * @param fundTypeCode <code>FundTypeCode</code> 资金性质 code
 * @param fundTypeName <code>FundTypeName</code> 资金性质 name
 * @param bgtTypeCode <code>BgtTypeCode</code> 预算类型 code
 * @param bgtTypeName <code>BgtTypeName</code> 预算类型 name
 * @param proCatCode <code>ProCatCode</code> 收支管理 code
 * @param proCatName <code>ProCatName</code> 收支管理 name
 * @param supDepCode <code>SupDepCode</code> 一级预算单位 code
 * @param supDepName <code>SupDepName</code> 一级预算单位 name
 * @param agencyCode <code>AgencyCode</code> 基层预算单位 code
 * @param agencyName <code>AgencyName</code> 基层预算单位 name
 * @param expFuncCode <code>ExpFuncCode</code> 支出功能分类科目 code
 * @param expFuncName <code>ExpFuncName</code> 支出功能分类科目 name
 * @param govExpEcoCode <code>GovExpEcoCode</code> 政府预算支出经济分类 code
 * @param govExpEcoName <code>GovExpEcoName</code> 政府预算支出经济分类 name
 * @param depExpEcoCode <code>DepExpEcoCode</code> 部门预算支出经济分类 code (legacy ExpEcoCode)
 * @param depExpEcoName <code>DepExpEcoName</code> 部门预算支出经济分类 name (legacy ExpEcoName)
 * @param depProCode <code>DepProCode</code> 预算项目 code
 * @param depProName <code>DepProName</code> 预算项目 name
 * @param payeeAcctNo <code>PayeeAcctNo</code> 收款人账号
 * @param payeeAcctName <code>PayeeAcctName</code> 收款人名称
 * @param payeeAcctBankName <code>PayeeAcctBankName</code> 收款人开户银行
 * @param payeeAcctBankNo <code>PayeeAcctBankNo</code> 收款人开户银行行号
 * @param payAmt <code>PayAmt</code> 支付金额, scale 2
 * @param remark <code>Remark</code> 备注
 * @param trackingId <code>TrackingID</code> 业务追溯识别码
 * @param xPayDate <code>XPayDate</code> 实际支付日期 (回单)
 * @param xAgentBusinessNo <code>XAgentBusinessNo</code> 银行交易流水号 (回单)
 * @param xPayAmt <code>XPayAmt</code> 实际支付金额 (回单); 0.00 for a failed line
 * @param xAddWord <code>XAddWord</code> 附言 / 失败原因 (回单)
 * @param xPayeeAcctNo <code>XPayeeAcctNo</code> 实际收款人账号 (回单)
 * @param xPayeeAcctName <code>XPayeeAcctName</code> 实际收款人名称 (回单)
 * @param xPayeeAcctBankName <code>XPayeeAcctBankName</code> 实际收款人开户银行 (回单)
 * @param hold1 <code>Hold1</code> 预留字段 1
 * @param hold2 <code>Hold2</code> 预留字段 2
 * @param hold3 <code>Hold3</code> 预留字段 3
 * @param hold4 <code>Hold4</code> 预留字段 4
 * @param otherFields detail tags not modelled above, tag to text, in document order
 */
public record VoucherDetail(
        String id,
        String voucherBillId,
        String voucherBillNo,
        String voucherDetailNo,
        String fundTypeCode,
        String fundTypeName,
        String bgtTypeCode,
        String bgtTypeName,
        String proCatCode,
        String proCatName,
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
        String payeeAcctNo,
        String payeeAcctName,
        String payeeAcctBankName,
        String payeeAcctBankNo,
        BigDecimal payAmt,
        String remark,
        String trackingId,
        LocalDate xPayDate,
        String xAgentBusinessNo,
        BigDecimal xPayAmt,
        String xAddWord,
        String xPayeeAcctNo,
        String xPayeeAcctName,
        String xPayeeAcctBankName,
        String hold1,
        String hold2,
        String hold3,
        String hold4,
        Map<String, String> otherFields) {

    public VoucherDetail {
        otherFields = otherFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    /**
     * A copy carrying this line's receipt (回单) result; a failed line has {@code xPayAmt} 0.00 and the
     * reason in {@code xAddWord}.
     */
    public VoucherDetail withReceipt(LocalDate xPayDate, String xAgentBusinessNo, BigDecimal xPayAmt, String xAddWord) {
        return toBuilder()
                .xPayDate(xPayDate)
                .xAgentBusinessNo(xAgentBusinessNo)
                .xPayAmt(xPayAmt)
                .xAddWord(xAddWord)
                .build();
    }

    /** A builder with every field empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this VoucherDetail's values, for a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.voucherBillId = voucherBillId;
        b.voucherBillNo = voucherBillNo;
        b.voucherDetailNo = voucherDetailNo;
        b.fundTypeCode = fundTypeCode;
        b.fundTypeName = fundTypeName;
        b.bgtTypeCode = bgtTypeCode;
        b.bgtTypeName = bgtTypeName;
        b.proCatCode = proCatCode;
        b.proCatName = proCatName;
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
        b.payeeAcctNo = payeeAcctNo;
        b.payeeAcctName = payeeAcctName;
        b.payeeAcctBankName = payeeAcctBankName;
        b.payeeAcctBankNo = payeeAcctBankNo;
        b.payAmt = payAmt;
        b.remark = remark;
        b.trackingId = trackingId;
        b.xPayDate = xPayDate;
        b.xAgentBusinessNo = xAgentBusinessNo;
        b.xPayAmt = xPayAmt;
        b.xAddWord = xAddWord;
        b.xPayeeAcctNo = xPayeeAcctNo;
        b.xPayeeAcctName = xPayeeAcctName;
        b.xPayeeAcctBankName = xPayeeAcctBankName;
        b.hold1 = hold1;
        b.hold2 = hold2;
        b.hold3 = hold3;
        b.hold4 = hold4;
        b.otherFields = new LinkedHashMap<>(otherFields);
        return b;
    }

    /** Fluent, mutable builder of {@link VoucherDetail}; {@link #build()} copies, so a builder can be reused. */
    public static final class Builder {
        private String id;
        private String voucherBillId;
        private String voucherBillNo;
        private String voucherDetailNo;
        private String fundTypeCode;
        private String fundTypeName;
        private String bgtTypeCode;
        private String bgtTypeName;
        private String proCatCode;
        private String proCatName;
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
        private String payeeAcctNo;
        private String payeeAcctName;
        private String payeeAcctBankName;
        private String payeeAcctBankNo;
        private BigDecimal payAmt;
        private String remark;
        private String trackingId;
        private LocalDate xPayDate;
        private String xAgentBusinessNo;
        private BigDecimal xPayAmt;
        private String xAddWord;
        private String xPayeeAcctNo;
        private String xPayeeAcctName;
        private String xPayeeAcctBankName;
        private String hold1;
        private String hold2;
        private String hold3;
        private String hold4;
        private Map<String, String> otherFields = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder voucherBillId(String voucherBillId) {
            this.voucherBillId = voucherBillId;
            return this;
        }

        public Builder voucherBillNo(String voucherBillNo) {
            this.voucherBillNo = voucherBillNo;
            return this;
        }

        public Builder voucherDetailNo(String voucherDetailNo) {
            this.voucherDetailNo = voucherDetailNo;
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

        public Builder proCatCode(String proCatCode) {
            this.proCatCode = proCatCode;
            return this;
        }

        public Builder proCatName(String proCatName) {
            this.proCatName = proCatName;
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

        public Builder payAmt(BigDecimal payAmt) {
            this.payAmt = payAmt;
            return this;
        }

        public Builder remark(String remark) {
            this.remark = remark;
            return this;
        }

        public Builder trackingId(String trackingId) {
            this.trackingId = trackingId;
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

        public Builder xAddWord(String xAddWord) {
            this.xAddWord = xAddWord;
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

        public Builder hold1(String hold1) {
            this.hold1 = hold1;
            return this;
        }

        public Builder hold2(String hold2) {
            this.hold2 = hold2;
            return this;
        }

        public Builder hold3(String hold3) {
            this.hold3 = hold3;
            return this;
        }

        public Builder hold4(String hold4) {
            this.hold4 = hold4;
            return this;
        }

        /** Replaces the unmodelled detail tags. */
        public Builder otherFields(Map<String, String> otherFields) {
            this.otherFields = otherFields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(otherFields);
            return this;
        }

        /** Adds (or replaces) one unmodelled detail tag. */
        public Builder otherField(String tag, String value) {
            this.otherFields.put(tag, value);
            return this;
        }

        public VoucherDetail build() {
            return new VoucherDetail(
                    id,
                    voucherBillId,
                    voucherBillNo,
                    voucherDetailNo,
                    fundTypeCode,
                    fundTypeName,
                    bgtTypeCode,
                    bgtTypeName,
                    proCatCode,
                    proCatName,
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
                    payeeAcctNo,
                    payeeAcctName,
                    payeeAcctBankName,
                    payeeAcctBankNo,
                    payAmt,
                    remark,
                    trackingId,
                    xPayDate,
                    xAgentBusinessNo,
                    xPayAmt,
                    xAddWord,
                    xPayeeAcctNo,
                    xPayeeAcctName,
                    xPayeeAcctBankName,
                    hold1,
                    hold2,
                    hold3,
                    hold4,
                    otherFields);
        }
    }
}
