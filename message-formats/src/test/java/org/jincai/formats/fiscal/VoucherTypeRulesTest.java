package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.codes;
import static org.jincai.formats.fiscal.TypeFixtures.amt;
import static org.jincai.formats.fiscal.TypeFixtures.body;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of the types beyond the payments, one at a time; each asserts codes and locations, never messages. */
class VoucherTypeRulesTest {

    static Stream<VoucherType> types() {
        return TypeFixtures.newTypes().stream();
    }

    private static FiscalReadResult read(FiscalVoucher v, int flag) {
        return new FiscalVoucherReader().read(body(v, flag));
    }

    private static FiscalReadResult read(FiscalVoucher v, int flag, FiscalReadOptions options) {
        return new FiscalVoucherReader(options).read(body(v, flag));
    }

    private static String at(FiscalVoucher v) {
        return "envelope body 1 / voucher " + v.voucherNo();
    }

    // ------------------------------------------------------------------ every type

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theFixturesAreValidWithoutWarnings(VoucherType type) {
        FiscalReadResult original = read(TypeFixtures.valid(type).build(), VoucherBody.FLAG_ORIGINAL);
        FiscalReadResult receipt = read(TypeFixtures.receipt(type).build(), VoucherBody.FLAG_RECEIPT);

        assertThat(original.errors()).isEmpty();
        assertThat(original.warnings()).isEmpty();
        assertThat(receipt.errors()).isEmpty();
        assertThat(receipt.warnings()).isEmpty();
        assertThat(original.voucher()).isEqualTo(TypeFixtures.valid(type).build());
        assertThat(original.isPayment()).isFalse();
        assertThat(original.payment()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void unknownTagsAreKeptAndWrittenBack(VoucherType type) {
        FiscalVoucher v = TypeFixtures.valid(type).otherField("SHRegionFlag", "沪A").build();
        FiscalVoucher withLine = v.withDetails(replaceFirst(v, v.details().get(0).toBuilder().otherField("LineExtra", "x&y").build()));
        byte[] xml = new FiscalVoucherWriter().write(withLine);

        FiscalReadResult r = read(withLine, 0);

        assertThat(r.errors()).isEmpty();
        assertThat(r.voucher().otherFields()).containsEntry("SHRegionFlag", "沪A");
        assertThat(r.voucher().details().get(0).otherFields()).containsEntry("LineExtra", "x&y");
        assertThat(new FiscalVoucherWriter().write(r.voucher())).isEqualTo(xml);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aCharacterGbkCannotCarryIsRefusedNamingTheField(VoucherType type) {
        FiscalVoucher header = TypeFixtures.valid(type).text("VoucherNo", "X1").text("Id", "收款人😀").build();
        FiscalVoucher v = TypeFixtures.valid(type).build();
        FiscalDetail line = v.details().get(0).toBuilder().text("Id", "L1").otherField("Note", "丁𠀀").build();
        FiscalVoucher detail = v.withDetails(List.of(line));

        assertThatThrownBy(() -> new FiscalVoucherWriter().write(header))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(FiscalCodes.GBK_UNENCODABLE);
                    assertThat(e.problem().location()).isEqualTo("voucher X1 / Id");
                });
        assertThatThrownBy(() -> VoucherBody.of(detail, 0, null))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(FiscalCodes.GBK_UNENCODABLE);
                    assertThat(e.problem().location()).isEqualTo("voucher " + v.voucherNo() + " / detail L1 / Note");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void totalsMustEqualTheDetails(VoucherType type) {
        VoucherType.Total total = type.totals().get(0);
        FiscalVoucher v = TypeFixtures.valid(type).build();
        FiscalVoucher off = v.with(total.headerTag(), v.amount(total.headerTag()).add(new BigDecimal("0.01")));

        FiscalReadResult r = read(off, 0);

        assertThat(codes(r.errors())).containsExactly(total.code());
        assertThat(r.errors().get(0).location()).isEqualTo(at(v) + " / " + total.headerTag());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void amountsNeedExactlyTwoDecimals(VoucherType type) {
        VoucherType.Total total = type.totals().get(0);
        FiscalVoucher v = TypeFixtures.valid(type).build();
        FiscalDetail first = v.details().get(0);
        BigDecimal threeDecimals = first.amount(total.detailTag()).setScale(3);
        FiscalVoucher unrounded = v.withDetails(replaceFirst(v, first.with(total.detailTag(), threeDecimals.add(new BigDecimal("0.001")))));

        List<Problem> problems = new FiscalVoucherValidator().validate(v.withDetails(replaceFirst(v, first.with(total.detailTag(), threeDecimals))), 0);

        assertThat(codes(problems)).containsExactly(FiscalCodes.BAD_AMOUNT);
        assertThat(problems.get(0).location()).endsWith(" / detail " + first.id() + " / " + total.detailTag());
        // the writer never rounds money: a third decimal that is not zero is refused
        assertThatThrownBy(() -> new FiscalVoucherWriter().write(unrounded))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.BAD_AMOUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void fiveHundredDetailsAreTooMany(VoucherType type) {
        FiscalVoucher v = TypeFixtures.valid(type).build();
        List<FiscalDetail> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(v.details().get(0).with("Id", "L" + i));
        }

        List<Problem> problems = new FiscalVoucherValidator().validate(v.withDetails(lines), 0);

        assertThat(codes(problems)).contains(FiscalCodes.TOO_MANY_DETAILS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aDetailNeedsAnIdOfItsOwn(VoucherType type) {
        FiscalVoucher v = TypeFixtures.valid(type).build();
        FiscalDetail first = v.details().get(0);
        List<FiscalDetail> lines = new ArrayList<>(v.details());
        lines.add(first);
        lines.add(first.with("Id", null));
        VoucherType.Total total = type.totals().get(0);
        FiscalVoucher twice = v.withDetails(lines).with(total.headerTag(),
                v.amount(total.headerTag()).add(first.amount(total.detailTag())).add(first.amount(total.detailTag())));

        FiscalReadResult r = read(twice, 0);

        assertThat(codes(r.errors())).startsWith(FiscalCodes.DETAIL_ID_DUPLICATE, FiscalCodes.DETAIL_ID_MISSING)
                .doesNotContain(total.code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theValidatorNeverChangesTheVoucher(VoucherType type) {
        FiscalVoucher v = TypeFixtures.valid(type).text("VoucherNo", null).build();
        FiscalVoucher copy = v.toBuilder().build();
        FiscalVoucherValidator validator = new FiscalVoucherValidator();

        assertThat(validator.validate(v, 1)).isEqualTo(validator.validate(v, 1)).isNotEmpty();
        assertThat(v).isEqualTo(copy);
    }

    // ------------------------------------------------------------------ 8207

    @Test
    void aBatchNeedsThePayeesBankNumberOnEveryLine() {
        FiscalVoucher v = TypeFixtures.batchDetail().text("BusinessTypeCode", "4").text("BusinessTypeName", "批量").build();
        FiscalVoucher without = v.withDetails(replaceFirst(v, v.details().get(0).with("PayeeAcctBankNo", null)));

        assertThat(read(v, 0).errors()).isEmpty();
        FiscalReadResult r = read(without, 0);
        assertThat(codes(r.errors())).containsExactly(FiscalCodes.PAYEE_BANK_NO_MISSING);
        assertThat(r.errors().get(0).location()).isEqualTo(at(v) + " / detail PL2026112700001-1 / PayeeAcctBankNo");
        // payroll (3) is not a batch by default, but a region may say it is
        FiscalVoucher payroll = TypeFixtures.batchDetail().build();
        FiscalVoucher payrollWithout = payroll.withDetails(replaceFirst(payroll, payroll.details().get(0).with("PayeeAcctBankNo", null)));
        assertThat(read(payrollWithout, 0).errors()).isEmpty();
        assertThat(codes(read(payrollWithout, 0, FiscalReadOptions.defaults().withBatchBusinessTypeCodes(Set.of("3", "4"))).errors()))
                .containsExactly(FiscalCodes.PAYEE_BANK_NO_MISSING);
    }

    @Test
    void aBatchPaymentVoucherNeedsThemToo() {
        PaymentVoucher p = TestVouchers.valid().businessTypeCode("4").build();

        VoucherReadResult r = TestVouchers.readBack(p);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.PAYEE_BANK_NO_MISSING, FiscalCodes.PAYEE_BANK_NO_MISSING);
    }

    @Test
    void aBatchReceiptSumsItsLinesAndGivesAReasonForAFailedOne() {
        FiscalVoucher receipt = TypeFixtures.batchDetailReceipt().build();
        FiscalDetail failed = receipt.details().get(1);

        FiscalReadResult noReason = read(receipt.withDetails(replaceAt(receipt, 1, failed.with("XAddWord", null).with("XAddWordCode", null))), 1);
        FiscalReadResult codeOnly = read(receipt.withDetails(replaceAt(receipt, 1, failed.with("XAddWord", null))), 1);
        FiscalReadResult wrongSum = read(receipt.with("XSumAmt", amt("60531.20")), 1);
        FiscalReadResult bare = read(TypeFixtures.batchDetail().build(), 1);

        assertThat(codes(noReason.errors())).containsExactly(FiscalCodes.RECEIPT_FIELD_MISSING);
        assertThat(noReason.errors().get(0).location()).isEqualTo(at(receipt) + " / detail PL2026112700001-2 / XAddWord");
        assertThat(codeOnly.errors()).isEmpty();
        assertThat(codes(wrongSum.errors())).containsExactly(FiscalCodes.X_SUM_AMT_MISMATCH);
        assertThat(bare.errors()).extracting(Problem::location).containsExactly(
                at(receipt) + " / XPayDate", at(receipt) + " / XSumAmt",
                at(receipt) + " / detail PL2026112700001-1 / XPayAmt",
                at(receipt) + " / detail PL2026112700001-2 / XPayAmt",
                at(receipt) + " / detail PL2026112700001-3 / XPayAmt");
        assertThat(codes(bare.errors())).containsOnly(FiscalCodes.RECEIPT_FIELD_MISSING);
    }

    @Test
    void aBatchLinePointsAtItsMainVoucher() {
        FiscalVoucher v = TypeFixtures.batchDetail().build();

        FiscalReadResult r = read(v.withDetails(replaceFirst(v, v.details().get(0).with("OriVoucherNo", "T999"))), 0);

        assertThat(r.valid()).isTrue();
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.DETAIL_BILL_MISMATCH);
    }

    // ------------------------------------------------------------------ 5106 / 5108

    @Test
    void aQuotaNoticeMayReduceButNotPayNothingOnOneLine() {
        FiscalVoucher v = TypeFixtures.quotaNotice().build();
        FiscalDetail line = v.details().get(0).with("PlanAmt", amt("0.00"));
        FiscalVoucher zeroSingle = v.withDetails(List.of(line)).with("PlanAmt", amt("0.00")).with("DeptNum", "1");
        FiscalVoucher zeroTwoLines = v.withDetails(List.of(line.with("PlanAmt", amt("100.00")), line.with("Id", "L2").with("PlanAmt", amt("-100.00"))))
                .with("PlanAmt", amt("0.00")).with("DeptNum", "1");
        FiscalVoucher direct = TypeFixtures.directQuotaNotice().build();
        FiscalVoucher directZeroSingle = direct.withDetails(List.of(direct.details().get(0).with("PlanAmt", amt("0.00"))))
                .with("PlanAmt", amt("0.00")).with("DeptNum", "1");

        assertThat(read(v, 0).errors()).isEmpty();
        assertThat(codes(read(zeroSingle, 0).errors())).containsExactly(FiscalCodes.ZERO_AMOUNT_SINGLE_DETAIL);
        assertThat(read(zeroTwoLines, 0).errors()).isEmpty();
        assertThat(read(directZeroSingle, 0).errors()).isEmpty();
    }

    @Test
    void aQuotaNoticeCountsItsLimitPerAgencyAndItsAgencies() {
        FiscalVoucher v = TypeFixtures.quotaNotice().build();
        FiscalDetail template = v.details().get(0).with("PlanAmt", amt("1.00"));
        List<FiscalDetail> twoAgencies = new ArrayList<>();
        for (int i = 0; i < 499; i++) {
            twoAgencies.add(template.toBuilder().text("Id", "A" + i).text("AgencyCode", "219011").build());
            twoAgencies.add(template.toBuilder().text("Id", "B" + i).text("AgencyCode", "219012").build());
        }
        List<FiscalDetail> oneAgency = new ArrayList<>(twoAgencies.subList(0, 500));
        oneAgency.replaceAll(d -> d.with("AgencyCode", "219011"));
        List<FiscalDetail> fiveAgencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fiveAgencies.add(template.toBuilder().text("Id", "C" + i).text("AgencyCode", "21901" + i).build());
        }
        FiscalVoucherValidator validator = new FiscalVoucherValidator();

        assertThat(codes(validator.validate(v.withDetails(twoAgencies).with("PlanAmt", amt("998.00")).with("DeptNum", "1"), 0))).isEmpty();
        assertThat(codes(validator.validate(v.withDetails(oneAgency).with("PlanAmt", amt("500.00")).with("DeptNum", "1"), 0)))
                .containsExactly(FiscalCodes.TOO_MANY_DETAILS);
        assertThat(codes(new FiscalVoucherValidator(FiscalReadOptions.defaults().withMaxAgencies(5))
                .validate(v.withDetails(fiveAgencies).with("PlanAmt", amt("5.00")).with("DeptNum", "1"), 0)))
                .containsExactly(FiscalCodes.TOO_MANY_AGENCIES);
        // 5108 counts its limit per voucher
        FiscalVoucher direct = TypeFixtures.directQuotaNotice().build();
        assertThat(codes(validator.validate(direct.withDetails(twoAgencies).with("PlanAmt", amt("998.00")).with("DeptNum", "1"), 0)))
                .containsExactly(FiscalCodes.TOO_MANY_DETAILS);
    }

    @Test
    void aThousandAgenciesAreTooMany() {
        FiscalVoucher v = TypeFixtures.quotaNotice().build();
        FiscalDetail template = v.details().get(0).with("PlanAmt", amt("1.00"));
        List<FiscalDetail> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add(template.toBuilder().text("Id", "L" + i).text("AgencyCode", "A" + i).build());
        }

        assertThat(codes(new FiscalVoucherValidator().validate(v.withDetails(lines).with("PlanAmt", amt("1000.00")).with("DeptNum", "1"), 0)))
                .containsExactly(FiscalCodes.TOO_MANY_AGENCIES);
    }

    @Test
    void deptNumCountsTheDistinctFirstLevelAgencies() {
        FiscalVoucher v = TypeFixtures.quotaNotice().text("DeptNum", "3").build();

        FiscalReadResult r = read(v, 0);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.DEPT_NUM_MISMATCH);
        assertThat(r.errors().get(0).location()).isEqualTo(at(v) + " / DeptNum");
    }

    @Test
    void formatsAreChecked() {
        FiscalReadResult r = read(TypeFixtures.quotaNotice().text("SetMonth", "13").text("AdmDivCode", "4200").build(), 0);

        assertThat(codes(r.errors())).containsOnly(FiscalCodes.FIELD_FORMAT);
        assertThat(r.errors()).filteredOn(p -> p.code().equals(FiscalCodes.FIELD_FORMAT)).extracting(Problem::location)
                .containsExactly("envelope body 1 / @AdmDivCode", "envelope body 1 / voucher ED2026112700001 / AdmDivCode",
                        "envelope body 1 / voucher ED2026112700001 / SetMonth");
    }

    @Test
    void theFunctionalClassificationSplitMustAgree() {
        FiscalVoucher v = TypeFixtures.quotaNotice().build();
        FiscalDetail wrong = v.details().get(0).with("ExpFuncCode2", "03");
        FiscalDetail cumulative = v.details().get(0).with("ExpFuncCode2", "20502").with("ExpFuncCode3", "2050201");

        FiscalReadResult r = read(v.withDetails(replaceFirst(v, wrong)), 0);

        assertThat(r.valid()).isTrue();
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.EXP_FUNC_SPLIT_MISMATCH);
        assertThat(r.warnings().get(0).location()).isEqualTo(at(v) + " / detail ED2026112700001-1 / ExpFuncCode2");
        assertThat(read(v.withDetails(replaceFirst(v, cumulative)), 0).warnings()).isEmpty();
    }

    // ------------------------------------------------------------------ 2301 / 2302

    @Test
    void aClearingReceiptCarriesTheTreasurysFields() {
        FiscalVoucher request = TypeFixtures.clearingRequest().build();
        FiscalVoucher receipt = TypeFixtures.receipt(VoucherTypes.CLEARING_REQUEST).build();

        FiscalReadResult bare = read(request, 1);
        FiscalReadResult zeroWithoutReason = read(receipt.with("XPayAmt", amt("0.00")).with("XAddWord", null), 1);
        FiscalReadResult badDate = new FiscalVoucherReader().read(body(VoucherTypes.CLEARING_REQUEST,
                new String(new FiscalVoucherWriter().write(receipt), GBK).replace("<XClearDate>20261128<", "<XClearDate>2026/11/28<").getBytes(GBK))
                .withFlag(1, null));

        assertThat(bare.errors()).extracting(Problem::location)
                .containsExactly(at(request) + " / XPaySndBnkNo", at(request) + " / XClearDate", at(request) + " / XPayAmt");
        assertThat(codes(zeroWithoutReason.errors())).containsExactly(FiscalCodes.RECEIPT_FIELD_MISSING);
        assertThat(zeroWithoutReason.errors().get(0).location()).isEqualTo(at(request) + " / XAddWord");
        assertThat(codes(badDate.errors())).containsExactly(FiscalCodes.BAD_DATE);
    }

    @Test
    void allNumCountsTheLinesAndLinesAreNeeded() {
        FiscalVoucher v = TypeFixtures.clearingRequest().build();

        assertThat(codes(read(v.with("AllNum", "3"), 0).errors())).containsExactly(FiscalCodes.ALL_NUM_MISMATCH);
        assertThat(codes(read(v.withDetails(List.of()).with("AllNum", null), 0).errors())).containsExactly(FiscalCodes.DETAIL_LIST_EMPTY);
    }

    @Test
    void aRefundClearingRequestMayBeANegativeVoucher() {
        FiscalVoucher v = TypeFixtures.refundClearingRequest().text("TKLX", "2").amount("PayAmt", amt("-2000.00")).build();
        FiscalVoucher negative = v.withDetails(List.of(v.details().get(0).with("PayAmt", amt("-2000.00"))));
        FiscalVoucher clearing = TypeFixtures.clearingRequest().build();
        FiscalVoucher negativeClearing = clearing.withDetails(List.of(clearing.details().get(0).with("PayAmt", amt("-1.00"))))
                .with("PayAmt", amt("-1.00")).with("AllNum", "1");

        assertThat(read(negative, 0).errors()).isEmpty();
        assertThat(codes(read(negativeClearing, 0).errors())).containsExactly(FiscalCodes.NON_POSITIVE_AMOUNT, FiscalCodes.NON_POSITIVE_AMOUNT);
        assertThat(codes(read(negative.with("TKLX", null), 0).errors())).containsExactly(FiscalCodes.MISSING_FIELD);
    }

    @Test
    void anotherFamilysVtCodeInsideTheVoucherIsRefused() {
        FiscalVoucher v = TypeFixtures.clearingRequest().build();
        VoucherBody body = body(VoucherTypes.CLEARING_REQUEST,
                new String(new FiscalVoucherWriter().write(v), GBK).replace("<VtCode>2301<", "<VtCode>5106<").getBytes(GBK));
        VoucherBody sameFamily = body(VoucherTypes.CLEARING_REQUEST,
                new String(new FiscalVoucherWriter().write(v), GBK).replace("<VtCode>2301<", "<VtCode>2302<").getBytes(GBK));

        assertThat(codes(new FiscalVoucherReader().read(body).errors()))
                .containsExactly(FiscalCodes.ENVELOPE_FIELD_MISMATCH, FiscalCodes.UNSUPPORTED_VT_CODE);
        assertThat(codes(new FiscalVoucherReader().read(sameFamily).errors())).containsExactly(FiscalCodes.ENVELOPE_FIELD_MISMATCH);
    }

    // ------------------------------------------------------------------ 2203 / 2252

    @Test
    void aRefundNoticeReadsItfesSpellingsAsTheModernTags() {
        String xml = new String(new FiscalVoucherWriter().write(TypeFixtures.refundNoticeReceipt(TypeFixtures.refundNotice()).build()), GBK)
                .replace("<XPayAmt>2000.00</XPayAmt>", "<XpayAmt>2000.00</XpayAmt>")
                .replace("<PayAmt>2000.00</PayAmt>\n</Detail>", "<Amt>2000.00</Amt>\n</Detail>");
        VoucherBody body = body(VoucherTypes.DIRECT_REFUND_NOTICE, xml.getBytes(GBK)).withFlag(1, null);

        FiscalReadResult r = new FiscalVoucherReader().read(body);

        assertThat(r.errors()).isEmpty();
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.LEGACY_FIELD_MAPPED, FiscalCodes.LEGACY_FIELD_MAPPED);
        assertThat(r.voucher()).isEqualTo(TypeFixtures.refundNoticeReceipt(TypeFixtures.refundNotice()).build());
    }

    @Test
    void aHeaderOnlyRefundNoticeNamesThePayee() {
        FiscalVoucher v = TypeFixtures.refundNotice().build().withDetails(List.of());

        assertThat(read(v, 0).errors()).isEmpty();
        assertThat(read(v.with("PayeeAcctNo", null).with("PayeeAcctName", null), 0).errors()).extracting(Problem::location)
                .containsExactly(at(v) + " / PayeeAcctNo", at(v) + " / PayeeAcctName");
    }

    // ------------------------------------------------------------------ the registry is data

    @Test
    void aRegionsOwnTypeIsAddedAsData() {
        // a region's 5253 adjustment voucher laid out like a direct payment, read through the general entry point
        VoucherType adjustment = VoucherTypes.DIRECT_PAYMENT.toBuilder().vtCode("5253", "财政直接支付调整凭证").build();
        FiscalReadOptions options = FiscalReadOptions.defaults().withVoucherTypes(VoucherTypes.standard().with(adjustment));
        FiscalVoucher v = FiscalVoucher.of(TestVouchers.valid().vtCode("5253").build());
        byte[] envelope = new MofEnvelopeWriter().toBytes(List.of(VoucherBody.of(v, 0, null)));

        FiscalEnvelopeReadResult standard = FiscalEnvelopes.read(new ByteArrayInputStream(envelope), "adj");
        FiscalEnvelopeReadResult regional = FiscalEnvelopes.read(new ByteArrayInputStream(envelope), "adj", options);
        EnvelopeReadResult intake = FiscalEnvelopes.readPayments(new ByteArrayInputStream(envelope), "adj", options);

        // outside the registry, a payment-shaped 5253 is an unlisted payment type, refused by default
        assertThat(codes(standard.vouchers().get(0).errors())).containsExactly(FiscalCodes.VT_CODE_UNLISTED);
        assertThat(regional.allValid()).isTrue();
        assertThat(regional.vouchers().get(0).type()).isSameAs(adjustment);
        assertThat(regional.vouchers().get(0).payment().payAmt()).isEqualTo(new BigDecimal("1500.50"));
        assertThat(codes(intake.vouchers().get(0).errors())).containsExactly(FiscalCodes.UNSUPPORTED_VT_CODE);
    }

    @Test
    void theModelRefusesTagsItsTypeDoesNotHave() {
        FiscalVoucher v = TypeFixtures.quotaNotice().build();

        assertThat(v.amount("PlanAmt")).isEqualTo(amt("780000.00"));
        assertThat(v.text("TreCode")).isEqualTo("4200000000");
        assertThatThrownBy(() -> v.amount("PayAmt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v.text("PlanAmt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v.with("PlanAmt", "1.00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v.toBuilder().otherField("PlanAmt", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TypeFixtures.clearingRequest().addDetail(v.details().get(0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(v.text("NotModelled")).isNull();
        assertThat(v.total()).isEqualTo(amt("780000.00"));
        assertThat(v.detailSum("PlanAmt")).isEqualTo(amt("780000.00"));
    }

    @Test
    void aTypesRulesMustNameItsOwnTags() {
        assertThatThrownBy(() -> VoucherType.builder("9999", "x", VoucherFamily.OTHER)
                .header(FieldDef.text("Id"), FieldDef.text("VtCode"), FieldDef.text("VoucherNo"))
                .total("PayAmt", "PayAmt", "X").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<FiscalDetail> replaceFirst(FiscalVoucher v, FiscalDetail d) {
        return replaceAt(v, 0, d);
    }

    private static List<FiscalDetail> replaceAt(FiscalVoucher v, int index, FiscalDetail d) {
        List<FiscalDetail> out = new ArrayList<>(v.details());
        out.set(index, d);
        return out;
    }
}
