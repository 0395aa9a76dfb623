package org.jincai.formats.fiscal.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jincai.formats.fiscal.FieldKind;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherDetail;

/**
 * The one table that ties each tag of the payment voucher to its model field and value kind. Reader and
 * writer both walk it, so a tag cannot be read under one name and written under another, and the written
 * order is the order below (the order of the reference example, the standard's §4.1/§4.2 otherwise).
 */
public final class VoucherFields {

    /** Legacy (pre-2018) economic classification tags, read into DepExpEco* (standard §11.3). */
    public static final String LEGACY_EXP_ECO_CODE = "ExpEcoCode";
    public static final String LEGACY_EXP_ECO_NAME = "ExpEcoName";
    public static final String DETAIL_LIST = "DetailList";
    public static final String DETAIL = "Detail";

    public static final List<FieldSpec<PaymentVoucher, PaymentVoucher.Builder>> HEADER = List.of(
            new FieldSpec<>("Id", FieldKind.TEXT, PaymentVoucher::id, (b, v) -> b.id((String) v)),
            new FieldSpec<>("AdmDivCode", FieldKind.TEXT, PaymentVoucher::admDivCode, (b, v) -> b.admDivCode((String) v)),
            new FieldSpec<>("StYear", FieldKind.TEXT, PaymentVoucher::stYear, (b, v) -> b.stYear((String) v)),
            new FieldSpec<>("VtCode", FieldKind.TEXT, PaymentVoucher::vtCode, (b, v) -> b.vtCode((String) v)),
            new FieldSpec<>("VouDate", FieldKind.DATE, PaymentVoucher::vouDate, (b, v) -> b.vouDate((LocalDate) v)),
            new FieldSpec<>("VoucherNo", FieldKind.TEXT, PaymentVoucher::voucherNo, (b, v) -> b.voucherNo((String) v)),
            new FieldSpec<>("BillNo", FieldKind.TEXT, PaymentVoucher::billNo, (b, v) -> b.billNo((String) v)),
            new FieldSpec<>("FundTypeCode", FieldKind.TEXT, PaymentVoucher::fundTypeCode, (b, v) -> b.fundTypeCode((String) v)),
            new FieldSpec<>("FundTypeName", FieldKind.TEXT, PaymentVoucher::fundTypeName, (b, v) -> b.fundTypeName((String) v)),
            new FieldSpec<>("BgtTypeCode", FieldKind.TEXT, PaymentVoucher::bgtTypeCode, (b, v) -> b.bgtTypeCode((String) v)),
            new FieldSpec<>("BgtTypeName", FieldKind.TEXT, PaymentVoucher::bgtTypeName, (b, v) -> b.bgtTypeName((String) v)),
            new FieldSpec<>("PayTypeCode", FieldKind.TEXT, PaymentVoucher::payTypeCode, (b, v) -> b.payTypeCode((String) v)),
            new FieldSpec<>("PayTypeName", FieldKind.TEXT, PaymentVoucher::payTypeName, (b, v) -> b.payTypeName((String) v)),
            new FieldSpec<>("ProCatCode", FieldKind.TEXT, PaymentVoucher::proCatCode, (b, v) -> b.proCatCode((String) v)),
            new FieldSpec<>("ProCatName", FieldKind.TEXT, PaymentVoucher::proCatName, (b, v) -> b.proCatName((String) v)),
            new FieldSpec<>("MOFDepCode", FieldKind.TEXT, PaymentVoucher::mofDepCode, (b, v) -> b.mofDepCode((String) v)),
            new FieldSpec<>("MOFDepName", FieldKind.TEXT, PaymentVoucher::mofDepName, (b, v) -> b.mofDepName((String) v)),
            new FieldSpec<>("SupDepCode", FieldKind.TEXT, PaymentVoucher::supDepCode, (b, v) -> b.supDepCode((String) v)),
            new FieldSpec<>("SupDepName", FieldKind.TEXT, PaymentVoucher::supDepName, (b, v) -> b.supDepName((String) v)),
            new FieldSpec<>("AgencyCode", FieldKind.TEXT, PaymentVoucher::agencyCode, (b, v) -> b.agencyCode((String) v)),
            new FieldSpec<>("AgencyName", FieldKind.TEXT, PaymentVoucher::agencyName, (b, v) -> b.agencyName((String) v)),
            new FieldSpec<>("ExpFuncCode", FieldKind.TEXT, PaymentVoucher::expFuncCode, (b, v) -> b.expFuncCode((String) v)),
            new FieldSpec<>("ExpFuncName", FieldKind.TEXT, PaymentVoucher::expFuncName, (b, v) -> b.expFuncName((String) v)),
            new FieldSpec<>("GovExpEcoCode", FieldKind.TEXT, PaymentVoucher::govExpEcoCode, (b, v) -> b.govExpEcoCode((String) v)),
            new FieldSpec<>("GovExpEcoName", FieldKind.TEXT, PaymentVoucher::govExpEcoName, (b, v) -> b.govExpEcoName((String) v)),
            new FieldSpec<>("DepExpEcoCode", FieldKind.TEXT, PaymentVoucher::depExpEcoCode, (b, v) -> b.depExpEcoCode((String) v)),
            new FieldSpec<>("DepExpEcoName", FieldKind.TEXT, PaymentVoucher::depExpEcoName, (b, v) -> b.depExpEcoName((String) v)),
            new FieldSpec<>("DepProCode", FieldKind.TEXT, PaymentVoucher::depProCode, (b, v) -> b.depProCode((String) v)),
            new FieldSpec<>("DepProName", FieldKind.TEXT, PaymentVoucher::depProName, (b, v) -> b.depProName((String) v)),
            new FieldSpec<>("SetModeCode", FieldKind.TEXT, PaymentVoucher::setModeCode, (b, v) -> b.setModeCode((String) v)),
            new FieldSpec<>("SetModeName", FieldKind.TEXT, PaymentVoucher::setModeName, (b, v) -> b.setModeName((String) v)),
            new FieldSpec<>("PayBankCode", FieldKind.TEXT, PaymentVoucher::payBankCode, (b, v) -> b.payBankCode((String) v)),
            new FieldSpec<>("PayBankName", FieldKind.TEXT, PaymentVoucher::payBankName, (b, v) -> b.payBankName((String) v)),
            new FieldSpec<>("PayAcctNo", FieldKind.TEXT, PaymentVoucher::payAcctNo, (b, v) -> b.payAcctNo((String) v)),
            new FieldSpec<>("PayAcctName", FieldKind.TEXT, PaymentVoucher::payAcctName, (b, v) -> b.payAcctName((String) v)),
            new FieldSpec<>("PayAcctBankName", FieldKind.TEXT, PaymentVoucher::payAcctBankName, (b, v) -> b.payAcctBankName((String) v)),
            new FieldSpec<>("PayeeAcctNo", FieldKind.TEXT, PaymentVoucher::payeeAcctNo, (b, v) -> b.payeeAcctNo((String) v)),
            new FieldSpec<>("PayeeAcctName", FieldKind.TEXT, PaymentVoucher::payeeAcctName, (b, v) -> b.payeeAcctName((String) v)),
            new FieldSpec<>("PayeeAcctBankName", FieldKind.TEXT, PaymentVoucher::payeeAcctBankName, (b, v) -> b.payeeAcctBankName((String) v)),
            new FieldSpec<>("PayeeAcctBankNo", FieldKind.TEXT, PaymentVoucher::payeeAcctBankNo, (b, v) -> b.payeeAcctBankNo((String) v)),
            new FieldSpec<>("PaySummaryCode", FieldKind.TEXT, PaymentVoucher::paySummaryCode, (b, v) -> b.paySummaryCode((String) v)),
            new FieldSpec<>("PaySummaryName", FieldKind.TEXT, PaymentVoucher::paySummaryName, (b, v) -> b.paySummaryName((String) v)),
            new FieldSpec<>("PayAmt", FieldKind.AMOUNT, PaymentVoucher::payAmt, (b, v) -> b.payAmt((BigDecimal) v)),
            new FieldSpec<>("BusinessTypeCode", FieldKind.TEXT, PaymentVoucher::businessTypeCode, (b, v) -> b.businessTypeCode((String) v)),
            new FieldSpec<>("BusinessTypeName", FieldKind.TEXT, PaymentVoucher::businessTypeName, (b, v) -> b.businessTypeName((String) v)),
            new FieldSpec<>("XPayDate", FieldKind.DATE, PaymentVoucher::xPayDate, (b, v) -> b.xPayDate((LocalDate) v)),
            new FieldSpec<>("XAgentBusinessNo", FieldKind.TEXT, PaymentVoucher::xAgentBusinessNo, (b, v) -> b.xAgentBusinessNo((String) v)),
            new FieldSpec<>("XPayAmt", FieldKind.AMOUNT, PaymentVoucher::xPayAmt, (b, v) -> b.xPayAmt((BigDecimal) v)),
            new FieldSpec<>("XPayeeAcctNo", FieldKind.TEXT, PaymentVoucher::xPayeeAcctNo, (b, v) -> b.xPayeeAcctNo((String) v)),
            new FieldSpec<>("XPayeeAcctName", FieldKind.TEXT, PaymentVoucher::xPayeeAcctName, (b, v) -> b.xPayeeAcctName((String) v)),
            new FieldSpec<>("XPayeeAcctBankName", FieldKind.TEXT, PaymentVoucher::xPayeeAcctBankName, (b, v) -> b.xPayeeAcctBankName((String) v)),
            new FieldSpec<>("XAddWord", FieldKind.TEXT, PaymentVoucher::xAddWord, (b, v) -> b.xAddWord((String) v)),
            new FieldSpec<>("Hold1", FieldKind.TEXT, PaymentVoucher::hold1, (b, v) -> b.hold1((String) v)),
            new FieldSpec<>("Hold2", FieldKind.TEXT, PaymentVoucher::hold2, (b, v) -> b.hold2((String) v)));

    public static final List<FieldSpec<VoucherDetail, VoucherDetail.Builder>> DETAIL_FIELDS = List.of(
            new FieldSpec<>("Id", FieldKind.TEXT, VoucherDetail::id, (b, v) -> b.id((String) v)),
            new FieldSpec<>("VoucherBillId", FieldKind.TEXT, VoucherDetail::voucherBillId, (b, v) -> b.voucherBillId((String) v)),
            new FieldSpec<>("VoucherBillNo", FieldKind.TEXT, VoucherDetail::voucherBillNo, (b, v) -> b.voucherBillNo((String) v)),
            new FieldSpec<>("VoucherDetailNo", FieldKind.TEXT, VoucherDetail::voucherDetailNo, (b, v) -> b.voucherDetailNo((String) v)),
            new FieldSpec<>("FundTypeCode", FieldKind.TEXT, VoucherDetail::fundTypeCode, (b, v) -> b.fundTypeCode((String) v)),
            new FieldSpec<>("FundTypeName", FieldKind.TEXT, VoucherDetail::fundTypeName, (b, v) -> b.fundTypeName((String) v)),
            new FieldSpec<>("BgtTypeCode", FieldKind.TEXT, VoucherDetail::bgtTypeCode, (b, v) -> b.bgtTypeCode((String) v)),
            new FieldSpec<>("BgtTypeName", FieldKind.TEXT, VoucherDetail::bgtTypeName, (b, v) -> b.bgtTypeName((String) v)),
            new FieldSpec<>("ProCatCode", FieldKind.TEXT, VoucherDetail::proCatCode, (b, v) -> b.proCatCode((String) v)),
            new FieldSpec<>("ProCatName", FieldKind.TEXT, VoucherDetail::proCatName, (b, v) -> b.proCatName((String) v)),
            new FieldSpec<>("SupDepCode", FieldKind.TEXT, VoucherDetail::supDepCode, (b, v) -> b.supDepCode((String) v)),
            new FieldSpec<>("SupDepName", FieldKind.TEXT, VoucherDetail::supDepName, (b, v) -> b.supDepName((String) v)),
            new FieldSpec<>("AgencyCode", FieldKind.TEXT, VoucherDetail::agencyCode, (b, v) -> b.agencyCode((String) v)),
            new FieldSpec<>("AgencyName", FieldKind.TEXT, VoucherDetail::agencyName, (b, v) -> b.agencyName((String) v)),
            new FieldSpec<>("ExpFuncCode", FieldKind.TEXT, VoucherDetail::expFuncCode, (b, v) -> b.expFuncCode((String) v)),
            new FieldSpec<>("ExpFuncName", FieldKind.TEXT, VoucherDetail::expFuncName, (b, v) -> b.expFuncName((String) v)),
            new FieldSpec<>("GovExpEcoCode", FieldKind.TEXT, VoucherDetail::govExpEcoCode, (b, v) -> b.govExpEcoCode((String) v)),
            new FieldSpec<>("GovExpEcoName", FieldKind.TEXT, VoucherDetail::govExpEcoName, (b, v) -> b.govExpEcoName((String) v)),
            new FieldSpec<>("DepExpEcoCode", FieldKind.TEXT, VoucherDetail::depExpEcoCode, (b, v) -> b.depExpEcoCode((String) v)),
            new FieldSpec<>("DepExpEcoName", FieldKind.TEXT, VoucherDetail::depExpEcoName, (b, v) -> b.depExpEcoName((String) v)),
            new FieldSpec<>("DepProCode", FieldKind.TEXT, VoucherDetail::depProCode, (b, v) -> b.depProCode((String) v)),
            new FieldSpec<>("DepProName", FieldKind.TEXT, VoucherDetail::depProName, (b, v) -> b.depProName((String) v)),
            new FieldSpec<>("PayeeAcctNo", FieldKind.TEXT, VoucherDetail::payeeAcctNo, (b, v) -> b.payeeAcctNo((String) v)),
            new FieldSpec<>("PayeeAcctName", FieldKind.TEXT, VoucherDetail::payeeAcctName, (b, v) -> b.payeeAcctName((String) v)),
            new FieldSpec<>("PayeeAcctBankName", FieldKind.TEXT, VoucherDetail::payeeAcctBankName, (b, v) -> b.payeeAcctBankName((String) v)),
            new FieldSpec<>("PayeeAcctBankNo", FieldKind.TEXT, VoucherDetail::payeeAcctBankNo, (b, v) -> b.payeeAcctBankNo((String) v)),
            new FieldSpec<>("PayAmt", FieldKind.AMOUNT, VoucherDetail::payAmt, (b, v) -> b.payAmt((BigDecimal) v)),
            new FieldSpec<>("Remark", FieldKind.TEXT, VoucherDetail::remark, (b, v) -> b.remark((String) v)),
            new FieldSpec<>("TrackingID", FieldKind.TEXT, VoucherDetail::trackingId, (b, v) -> b.trackingId((String) v)),
            new FieldSpec<>("XPayDate", FieldKind.DATE, VoucherDetail::xPayDate, (b, v) -> b.xPayDate((LocalDate) v)),
            new FieldSpec<>("XAgentBusinessNo", FieldKind.TEXT, VoucherDetail::xAgentBusinessNo, (b, v) -> b.xAgentBusinessNo((String) v)),
            new FieldSpec<>("XPayAmt", FieldKind.AMOUNT, VoucherDetail::xPayAmt, (b, v) -> b.xPayAmt((BigDecimal) v)),
            new FieldSpec<>("XAddWord", FieldKind.TEXT, VoucherDetail::xAddWord, (b, v) -> b.xAddWord((String) v)),
            new FieldSpec<>("XPayeeAcctNo", FieldKind.TEXT, VoucherDetail::xPayeeAcctNo, (b, v) -> b.xPayeeAcctNo((String) v)),
            new FieldSpec<>("XPayeeAcctName", FieldKind.TEXT, VoucherDetail::xPayeeAcctName, (b, v) -> b.xPayeeAcctName((String) v)),
            new FieldSpec<>("XPayeeAcctBankName", FieldKind.TEXT, VoucherDetail::xPayeeAcctBankName, (b, v) -> b.xPayeeAcctBankName((String) v)),
            new FieldSpec<>("Hold1", FieldKind.TEXT, VoucherDetail::hold1, (b, v) -> b.hold1((String) v)),
            new FieldSpec<>("Hold2", FieldKind.TEXT, VoucherDetail::hold2, (b, v) -> b.hold2((String) v)),
            new FieldSpec<>("Hold3", FieldKind.TEXT, VoucherDetail::hold3, (b, v) -> b.hold3((String) v)),
            new FieldSpec<>("Hold4", FieldKind.TEXT, VoucherDetail::hold4, (b, v) -> b.hold4((String) v)));

    private VoucherFields() {
    }
}
