package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.codes;
import static org.jincai.formats.fiscal.TypeFixtures.body;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.codes.CodeLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coded fields against the code lists of the voucher's region and year: warnings by default, errors by option. */
class CodeListRulesTest {

    private static final String AT = "envelope body 1 / voucher ";

    private static FiscalReadResult read(FiscalVoucher v, FiscalReadOptions options) {
        return new FiscalVoucherReader(options).read(body(v, 0));
    }

    @Test
    void anUnknownCodeIsAWarningByDefaultAndAnErrorByOption() {
        FiscalVoucher v = TypeFixtures.batchDetail().text("FundTypeCode", "77").build();

        FiscalReadResult lenient = read(v, FiscalReadOptions.defaults());
        FiscalReadResult strict = read(v, FiscalReadOptions.defaults().withUnknownCodesAsErrors());

        assertThat(lenient.valid()).isTrue();
        assertThat(codes(lenient.warnings())).containsExactly(FiscalCodes.UNKNOWN_CODE);
        assertThat(lenient.warnings().get(0).location()).isEqualTo(AT + "PL2026112700001 / FundTypeCode");
        assertThat(codes(strict.errors())).containsExactly(FiscalCodes.UNKNOWN_CODE);
    }

    @Test
    void classificationsOfEveryLineAreChecked() {
        FiscalVoucher v = TypeFixtures.quotaNotice().build();
        FiscalDetail bad = v.details().get(1).toBuilder().text("ExpFuncCode", "205020").text("ExpFuncCode3", null)
                .text("DepExpEcoCode", "38801").build();
        FiscalVoucher withBad = v.withDetails(List.of(v.details().get(0), bad, v.details().get(2)));

        FiscalReadResult r = read(withBad, FiscalReadOptions.defaults());

        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(Problem::code, Problem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FiscalCodes.CODE_FORMAT_INVALID, AT + "ED2026112700001 / detail ED2026112700001-2 / ExpFuncCode"),
                org.assertj.core.groups.Tuple.tuple(FiscalCodes.UNKNOWN_CODE, AT + "ED2026112700001 / detail ED2026112700001-2 / DepExpEcoCode"));
    }

    @Test
    void theRegionAndYearOfTheVoucherPickTheList() {
        // 11111 经费拨款补助 is a Hubei 一体化 fund type from 2024 on
        PaymentVoucher hubei = TestVouchers.valid().fundTypeCode("11111").build();
        PaymentVoucher anhui = hubei.toBuilder().admDivCode("340000").build();

        assertThat(TestVouchers.readBack(hubei).warnings()).isEmpty();
        VoucherReadResult r = new PaymentVoucherReader().read(new VoucherBody(1, "340000", "2026", "5201", "HB2026112700001", 0, null, "",
                new PaymentVoucherWriter().write(anhui), List.of(), List.of()));
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.UNKNOWN_CODE);
    }

    @Test
    void withoutListsNothingIsChecked() {
        FiscalVoucher v = TypeFixtures.batchDetail().text("FundTypeCode", "77").text("PayTypeCode", "x").build();

        assertThat(read(v, FiscalReadOptions.defaults().withCodeLists(CodeLists.none())).warnings()).isEmpty();
    }

    @Test
    void theVoucherFlagsAreAListARegionCanExtend(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("versions.tsv"), "VoucherFlag\t*\t*\treplace\tclasspath:default/voucher-flag.tsv\n"
                + "VoucherFlag\t42\t*\textend\tflags.tsv\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("flags.tsv"), "3\t退回失败\n", StandardCharsets.UTF_8);
        VoucherBody failedReturn = body(TypeFixtures.clearingRequest().build(), 3);

        assertThat(codes(new FiscalVoucherReader().read(failedReturn).errors())).containsExactly(FiscalCodes.VOUCHER_FLAG_INVALID);
        assertThat(new FiscalVoucherReader(FiscalReadOptions.defaults().withCodeLists(CodeLists.load(dir))).read(failedReturn).errors())
                .isEmpty();
    }
}
