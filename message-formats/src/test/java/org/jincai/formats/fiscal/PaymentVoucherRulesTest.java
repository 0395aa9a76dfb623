package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.body;
import static org.jincai.formats.fiscal.TestVouchers.bodyWithXml;
import static org.jincai.formats.fiscal.TestVouchers.codes;
import static org.jincai.formats.fiscal.TestVouchers.detail;
import static org.jincai.formats.fiscal.TestVouchers.readBack;
import static org.jincai.formats.fiscal.TestVouchers.valid;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of the payment voucher; each asserts the code (and where useful the location), never the message. */
class PaymentVoucherRulesTest {

    private static final String VOUCHER = "envelope body 1 / voucher HB2026112700001";

    private static String validXml() {
        return new String(new PaymentVoucherWriter().write(valid().build()), GBK);
    }

    private static VoucherReadResult readXml(String innerXml) {
        return new PaymentVoucherReader().read(bodyWithXml(innerXml));
    }

    @Test
    void theValidFixtureIsValid() {
        VoucherReadResult r = readBack(valid().build());

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.voucher()).isEqualTo(valid().build());
    }

    @Test
    void unsupportedVtCodeInTheEnvelopeIsNotReadAsAPayment() {
        VoucherBody quotaNotice = new VoucherBody(1, "420000", "2026", "5106", "Q1", 0, null, "",
                validXml().replace("<VtCode>5201</VtCode>", "<VtCode>5106</VtCode>").getBytes(GBK), List.of(), List.of());

        VoucherReadResult r = new PaymentVoucherReader().read(quotaNotice);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.UNSUPPORTED_VT_CODE);
        assertThat(r.voucher()).isNull();
    }

    @Test
    void unsupportedVtCodeInsideTheVoucher() {
        VoucherReadResult r = readXml(validXml().replace("<VtCode>5201</VtCode>", "<VtCode>5106</VtCode>"));

        assertThat(codes(r.errors())).contains(FiscalCodes.UNSUPPORTED_VT_CODE, FiscalCodes.ENVELOPE_FIELD_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5201", "8202", "5214"})
    void paymentVtCodesAreAccepted(String vtCode) {
        assertThat(readBack(valid().vtCode(vtCode).build()).errors()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"AdmDivCode", "StYear", "VtCode", "VoucherNo"})
    void envelopeAttributeMustEqualTheVoucherField(String field) {
        VoucherBody good = body(valid().build(), 0);
        VoucherBody bad = new VoucherBody(1,
                field.equals("AdmDivCode") ? "340000" : good.admDivCode(),
                field.equals("StYear") ? "2025" : good.stYear(),
                field.equals("VtCode") ? "8202" : good.vtCode(),
                field.equals("VoucherNo") ? "HB2026112799999" : good.voucherNo(),
                0, null, "", good.voucherXml(), List.of(), List.of());

        VoucherReadResult r = new PaymentVoucherReader().read(bad);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.ENVELOPE_FIELD_MISMATCH);
        assertThat(r.errors().get(0).location()).endsWith(" / " + field);
    }

    @Test
    void payAmtMustEqualTheSumOfTheDetails() {
        VoucherReadResult r = readBack(valid().payAmt(new BigDecimal("1500.51")).build());

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.PAY_AMT_MISMATCH);
        assertThat(r.errors().get(0).location()).isEqualTo(VOUCHER + " / PayAmt");
    }

    @Test
    void detailIdMustBePresent() {
        PaymentVoucher v = valid().details(List.of(
                detail("HB2026112700001-1", "1000.25").build(),
                detail(null, "500.25").build())).build();

        VoucherReadResult r = readBack(v);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.DETAIL_ID_MISSING);
        assertThat(r.errors().get(0).location()).isEqualTo(VOUCHER + " / detail #2 / Id");
    }

    @Test
    void detailIdMustBeUnique() {
        PaymentVoucher v = valid().details(List.of(
                detail("HB2026112700001-1", "1000.25").build(),
                detail("HB2026112700001-1", "500.25").build())).build();

        VoucherReadResult r = readBack(v);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.DETAIL_ID_DUPLICATE);
        assertThat(r.errors().get(0).location()).isEqualTo(VOUCHER + " / detail HB2026112700001-1 / Id");
    }

    @Test
    void fiveHundredDetailsAreTooMany() {
        assertThat(codes(readBack(withDetails(500)).errors())).containsExactly(FiscalCodes.TOO_MANY_DETAILS);
        assertThat(readBack(withDetails(499)).errors()).isEmpty();
    }

    @Test
    void theDetailLimitIsAnOption() {
        VoucherReadResult r = new PaymentVoucherReader(FiscalReadOptions.defaults().withMaxDetails(3))
                .read(body(withDetails(3), 0));

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.TOO_MANY_DETAILS);
    }

    private static PaymentVoucher withDetails(int n) {
        List<VoucherDetail> details = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            details.add(detail("D" + i, "1.00").build());
        }
        return valid().payAmt(new BigDecimal(n).setScale(2)).details(details).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261131", "2026/11/27", "2026-11-31", "261127", "2026112", "abcdefgh"})
    void datesMustBeYyyyMmDd(String text) {
        VoucherReadResult r = readXml(validXml().replace("<VouDate>20261127</VouDate>", "<VouDate>" + text + "</VouDate>"));

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.BAD_DATE);
        assertThat(r.errors().get(0).location()).isEqualTo(VOUCHER + " / VouDate");
        assertThat(r.voucher().vouDate()).isNull();
    }

    @Test
    void receiptDatesAreCheckedToo() {
        String xml = validXml().replace("<PayAmt>1000.25</PayAmt>", "<PayAmt>1000.25</PayAmt>\n<XPayDate>20260229</XPayDate>");

        assertThat(codes(readXml(xml).errors())).containsExactly(FiscalCodes.BAD_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000.2", "1000", "1000.250", "1,000.25", "1000.25元", "1e3", "￥1000.25"})
    void amountsMustHaveExactlyTwoDecimals(String text) {
        String xml = validXml().replace("<PayAmt>1000.25</PayAmt>", "<PayAmt>" + text + "</PayAmt>");

        VoucherReadResult r = readXml(xml);

        assertThat(codes(r.errors())).contains(FiscalCodes.BAD_AMOUNT).doesNotContain(FiscalCodes.MISSING_FIELD);
        assertThat(r.errors()).filteredOn(p -> p.code().equals(FiscalCodes.BAD_AMOUNT))
                .extracting(Problem::location)
                .containsExactly(VOUCHER + " / detail HB2026112700001-1 / PayAmt");
    }

    @Test
    void amountScaleIsCheckedOnAModelToo() {
        PaymentVoucher v = valid().payAmt(new BigDecimal("1500.5")).build();

        assertThat(codes(new PaymentVoucherValidator().validate(v, 0))).containsExactly(FiscalCodes.BAD_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AdmDivCode", "StYear", "VtCode", "VouDate", "VoucherNo", "AgencyCode", "PayBankCode", "PayAcctNo", "PayAmt"})
    void requiredHeaderFields(String tag) {
        String xml = validXml().replaceFirst("<" + tag + ">[^<]*</" + tag + ">\n", "");

        VoucherReadResult r = readXml(xml);

        assertThat(r.errors()).filteredOn(p -> p.code().equals(FiscalCodes.MISSING_FIELD))
                .extracting(Problem::location)
                .containsExactly(VOUCHER + " / " + tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PayAmt", "PayeeAcctNo", "PayeeAcctName"})
    void requiredDetailFields(String tag) {
        String xml = validXml();
        int detail = xml.indexOf("<Detail>");
        xml = xml.substring(0, detail) + xml.substring(detail).replaceFirst("<" + tag + ">[^<]*</" + tag + ">\n", "");

        VoucherReadResult r = readXml(xml);

        assertThat(r.errors()).filteredOn(p -> p.code().equals(FiscalCodes.MISSING_FIELD))
                .extracting(Problem::location)
                .containsExactly(VOUCHER + " / detail HB2026112700001-1 / " + tag);
    }

    @Test
    void aVoucherWithoutDetailsNeedsAHeaderPayee() {
        PaymentVoucher v = valid().details(List.of()).build();

        VoucherReadResult r = readBack(v);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.MISSING_FIELD, FiscalCodes.MISSING_FIELD);
        assertThat(r.errors()).extracting(Problem::location)
                .containsExactly(VOUCHER + " / PayeeAcctNo", VOUCHER + " / PayeeAcctName");
        assertThat(readBack(valid().details(List.of()).payeeAcctNo("6222021234567890").payeeAcctName("张三").build()).errors())
                .isEmpty();
    }

    @Test
    void aReceiptNeedsTheBanksFields() {
        PaymentVoucher original = valid().build();

        VoucherReadResult bare = new PaymentVoucherReader().read(body(original, VoucherBody.FLAG_RECEIPT));
        PaymentVoucher receipt = original.withReceipt(LocalDate.of(2026, 11, 28), "BK202611280001", new BigDecimal("1500.50"),
                null, null, null, null);
        VoucherReadResult filled = new PaymentVoucherReader().read(body(receipt, VoucherBody.FLAG_RECEIPT));

        assertThat(codes(bare.errors())).containsExactly(
                FiscalCodes.RECEIPT_FIELD_MISSING, FiscalCodes.RECEIPT_FIELD_MISSING, FiscalCodes.RECEIPT_FIELD_MISSING);
        assertThat(bare.errors()).extracting(Problem::location)
                .containsExactly(VOUCHER + " / XPayDate", VOUCHER + " / XAgentBusinessNo", VOUCHER + " / XPayAmt");
        assertThat(filled.errors()).isEmpty();
        assertThat(filled.voucher()).isEqualTo(receipt);
    }

    @Test
    void aFailedReceiptMayPayZero() {
        PaymentVoucher receipt = valid().build().withReceipt(LocalDate.of(2026, 11, 28), "BK1", new BigDecimal("0.00"),
                null, null, null, "账户不存在");

        assertThat(new PaymentVoucherReader().read(body(receipt, VoucherBody.FLAG_RECEIPT)).errors()).isEmpty();
    }

    @Test
    void paymentsMustBePositive() {
        PaymentVoucher v = valid().payAmt(new BigDecimal("0.00")).details(List.of(
                detail("A", "10.00").build(),
                detail("B", "-10.00").build())).build();

        VoucherReadResult r = readBack(v);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.NON_POSITIVE_AMOUNT, FiscalCodes.NON_POSITIVE_AMOUNT);
        assertThat(r.errors()).extracting(Problem::location)
                .containsExactly(VOUCHER + " / PayAmt", VOUCHER + " / detail B / PayAmt");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 9})
    void voucherFlagMustBeKnown(int flag) {
        VoucherReadResult r = new PaymentVoucherReader().read(body(valid().build(), flag));

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.VOUCHER_FLAG_INVALID);
    }

    @Test
    void aRepeatedTagIsAnError() {
        String xml = validXml().replaceFirst("<AgencyCode>219011</AgencyCode>", "<AgencyCode>219011</AgencyCode>\n<AgencyCode>219012</AgencyCode>");

        VoucherReadResult r = readXml(xml);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.FIELD_REPEATED);
        assertThat(r.voucher().agencyCode()).isEqualTo("219011");
    }

    @Test
    void detailBillMismatchIsAWarningByDefault() {
        PaymentVoucher v = valid().details(List.of(
                detail("A", "1000.25").voucherBillNo("OTHER").build(),
                detail("B", "500.25").build())).build();

        VoucherReadResult r = readBack(v);

        assertThat(r.valid()).isTrue();
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.DETAIL_BILL_MISMATCH);
    }

    @Test
    void warningsAndErrorsAreConfiguredAsData() {
        PaymentVoucher v = valid().payAmt(new BigDecimal("1500.51")).details(List.of(
                detail("A", "1000.25").voucherBillNo("OTHER").build(),
                detail("B", "500.25").build())).build();
        FiscalReadOptions strict = FiscalReadOptions.defaults()
                .withErrors(FiscalCodes.DETAIL_BILL_MISMATCH)
                .withWarnings(FiscalCodes.PAY_AMT_MISMATCH);

        VoucherReadResult r = new PaymentVoucherReader(strict).read(body(v, 0));

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.DETAIL_BILL_MISMATCH);
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.PAY_AMT_MISMATCH);
    }

    @Test
    void extraRulesCarryRegionalChecks() {
        // a region that overloads Hold1 with the budget level (Ningbo) requires it, as a rule rather than a branch
        VoucherRule budgetLevel = (body, voucher, location) -> voucher.hold1() != null
                ? List.of()
                : List.of(Problem.of("BUDGET_LEVEL_MISSING", "Hold1 carries the budget level here", location + " / Hold1"));
        FiscalReadOptions options = FiscalReadOptions.defaults().withExtraRule(budgetLevel);

        VoucherReadResult r = new PaymentVoucherReader(options).read(body(valid().build(), 0));
        VoucherReadResult asWarning = new PaymentVoucherReader(options.withWarnings("BUDGET_LEVEL_MISSING"))
                .read(body(valid().build(), 0));
        VoucherReadResult satisfied = new PaymentVoucherReader(options).read(body(valid().hold1("3").build(), 0));

        assertThat(codes(r.errors())).containsExactly("BUDGET_LEVEL_MISSING");
        assertThat(r.errors().get(0).location()).isEqualTo(VOUCHER + " / Hold1");
        assertThat(asWarning.valid()).isTrue();
        assertThat(codes(asWarning.warnings())).containsExactly("BUDGET_LEVEL_MISSING");
        assertThat(satisfied.errors()).isEmpty();
    }

    @Test
    void legacyExpEcoTagsAreReadIntoDepExpEco() {
        String xml = validXml()
                .replace("<DepExpEcoCode>30201</DepExpEcoCode>\n<DepExpEcoName>办公费</DepExpEcoName>",
                        "<ExpEcoCode>30201</ExpEcoCode>\n<ExpEcoName>办公费</ExpEcoName>");

        VoucherReadResult r = readXml(xml);

        assertThat(r.valid()).isTrue();
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.LEGACY_FIELD_MAPPED, FiscalCodes.LEGACY_FIELD_MAPPED);
        assertThat(r.voucher().depExpEcoCode()).isEqualTo("30201");
        assertThat(r.voucher().depExpEcoName()).isEqualTo("办公费");
        assertThat(r.voucher().otherFields()).isEmpty();
    }

    @Test
    void problemsAreCappedPerVoucher() {
        List<VoucherDetail> details = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            details.add(detail(null, "1.00").build());
        }
        PaymentVoucher v = valid().payAmt(new BigDecimal("20.00")).details(details).build();

        VoucherReadResult r = new PaymentVoucherReader(FiscalReadOptions.defaults().withMaxProblemsPerVoucher(5)).read(body(v, 0));

        assertThat(r.errors()).hasSize(6);
        assertThat(r.errors().get(5).code()).isEqualTo(FiscalCodes.PROBLEMS_TRUNCATED);
    }

    @Test
    void theValidatorNeverChangesTheVoucher() {
        PaymentVoucher v = valid().payAmt(new BigDecimal("1.00")).build();
        PaymentVoucher copy = v.toBuilder().build();
        PaymentVoucherValidator validator = new PaymentVoucherValidator();

        List<Problem> first = validator.validate(body(v, 0), v);
        List<Problem> second = validator.validate(body(v, 0), v);

        assertThat(first).isEqualTo(second);
        assertThat(v).isEqualTo(copy);
    }
}
