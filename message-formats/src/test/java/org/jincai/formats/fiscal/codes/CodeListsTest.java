package org.jincai.formats.fiscal.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code lists as data: the bundled seed, versions by region and year, a deployment's own directory. */
class CodeListsTest {

    @TempDir
    Path dir;

    private static CodeList list(CodeLists lists, String admDiv, String year, String name) {
        return lists.forVoucher(admDiv, year).list(name).orElseThrow();
    }

    @Test
    void theSeedHoldsTheReferencesValues() {
        CodeLists seed = CodeLists.standard();

        assertThat(seed.listNames()).containsExactly("FundType", "PayType", "ExpFunc", "GovExpEco", "DepExpEco", "SetMode",
                "BusinessType", "VoucherFlag", "RefundKind");
        CodeLists.Resolved hubei = seed.forVoucher("420000", "2026");
        assertThat(hubei.forTag("PayTypeCode").orElseThrow().codes()).containsKeys("11", "12", "19", "91", "1");
        assertThat(hubei.forTag("TKLX").orElseThrow().nameOf("2")).contains("负凭证");
        assertThat(hubei.forTag("SetModeCode").orElseThrow().verdict("04")).isEqualTo(CodeList.Verdict.KNOWN);
        assertThat(hubei.list("VoucherFlag").orElseThrow().codes().keySet()).containsExactly("0", "1", "2");
    }

    @Test
    void classificationsAreCheckedForStructureAndByTheirClass() {
        CodeList expFunc = list(CodeLists.standard(), "420000", "2026", "ExpFunc");
        CodeList govEco = list(CodeLists.standard(), "420000", "2026", "GovExpEco");

        assertThat(expFunc.verdict("2050201")).isEqualTo(CodeList.Verdict.KNOWN);
        assertThat(expFunc.nameOf("2050201")).contains("学前教育");
        assertThat(expFunc.nameOf("2130101")).contains("农林水支出");
        assertThat(expFunc.verdict("2990101")).isEqualTo(CodeList.Verdict.UNKNOWN);
        assertThat(expFunc.verdict("205020")).isEqualTo(CodeList.Verdict.MALFORMED);
        assertThat(expFunc.verdict("205020a")).isEqualTo(CodeList.Verdict.MALFORMED);
        assertThat(govEco.verdict("50101")).isEqualTo(CodeList.Verdict.KNOWN);
        assertThat(govEco.verdict("30101")).isEqualTo(CodeList.Verdict.UNKNOWN);
        assertThat(govEco.verdict("5010")).isEqualTo(CodeList.Verdict.MALFORMED);
    }

    @Test
    void versionsApplyByRegionPrefixAndYear() {
        CodeLists seed = CodeLists.standard();

        assertThat(list(seed, "420000", "2026", "FundType").verdict("11111")).isEqualTo(CodeList.Verdict.KNOWN);
        assertThat(list(seed, "420000000", "2024", "FundType").verdict("11111")).isEqualTo(CodeList.Verdict.KNOWN);
        assertThat(list(seed, "420000", "2023", "FundType").verdict("11111")).isEqualTo(CodeList.Verdict.UNKNOWN);
        assertThat(list(seed, "340000", "2026", "FundType").verdict("11111")).isEqualTo(CodeList.Verdict.UNKNOWN);
        assertThat(list(seed, "420000", "2026", "BusinessType").nameOf("1")).contains("普通业务");
        assertThat(list(seed, "310000", "2026", "BusinessType").nameOf("1")).contains("单笔");
        // the government economic classification exists from 2018; before, nothing is checked against it
        assertThat(seed.forVoucher("340000", "2012").list("GovExpEco")).isEmpty();
        assertThat(seed.forVoucher(null, null).list("FundType")).isPresent();
        assertThat(seed.forVoucher(null, null).list("GovExpEco")).isEmpty();
    }

    @Test
    void aDeploymentsDirectoryReplacesExtendsAndReusesTheSeed() throws IOException {
        write("versions.tsv", """
                # list\tregion\tyears\tmode\tfile
                FundType\t*\t*\treplace\tclasspath:default/fund-type.tsv
                FundType\t3401\t*\textend\tmine/hefei-fund.tsv
                FundType\t34\t2025-\treplace\tmine/anhui-fund.tsv
                VoucherFlag\t*\t*\treplace\tclasspath:default/voucher-flag.tsv
                VoucherFlag\t32\t*\textend\tmine/flags.tsv
                """);
        write("mine/anhui-fund.tsv", "1\t一般公共预算资金\n2\t政府性基金预算资金\n");
        write("mine/hefei-fund.tsv", "9\t合肥专户\n");
        write("mine/flags.tsv", "3\t退回失败\n");

        CodeLists mine = CodeLists.load(dir);

        assertThat(list(mine, "110000", "2026", "FundType").codes()).containsKey("0001");
        assertThat(list(mine, "340000", "2024", "FundType").codes()).containsKey("0001").doesNotContainKey("2");
        assertThat(list(mine, "340000", "2025", "FundType").codes()).containsOnlyKeys("1", "2");
        // 3401 is more specific than 34, so Hefei's extension applies after Anhui's replacement
        assertThat(list(mine, "340100", "2025", "FundType").codes()).containsOnlyKeys("1", "2", "9");
        assertThat(list(mine, "320000", "2026", "VoucherFlag").codes()).containsOnlyKeys("0", "1", "2", "3");
        assertThat(mine.forVoucher("320000", "2026").list("PayType")).isEmpty();
    }

    @Test
    void aBadLineIsReportedWithItsFileAndLine() throws IOException {
        write("versions.tsv", "FundType\t*\tsoon\treplace\tx.tsv\n");
        assertThatThrownBy(() -> CodeLists.load(dir)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("versions.tsv:1");

        write("versions.tsv", "NoSuchList\t*\t*\treplace\tx.tsv\n");
        assertThatThrownBy(() -> CodeLists.load(dir)).hasMessageContaining("NoSuchList");

        write("versions.tsv", "FundType\t*\t*\treplace\t../outside.tsv\n");
        assertThatThrownBy(() -> CodeLists.load(dir)).hasMessageContaining("outside");

        write("versions.tsv", "FundType\t*\t*\treplace\tmissing.tsv\n");
        assertThatThrownBy(() -> CodeLists.load(dir)).hasMessageContaining("missing.tsv");

        write("versions.tsv", "FundType\t*\t*\treplace\tdup.tsv\n");
        write("dup.tsv", "1\ta\n1\tb\n");
        assertThatThrownBy(() -> CodeLists.load(dir)).hasMessageContaining("dup.tsv:2");
    }

    @Test
    void noneChecksNothing() {
        assertThat(CodeLists.none().forVoucher("420000", "2026").isEmpty()).isTrue();
        assertThat(CodeLists.none().listNames()).isEmpty();
    }

    @Test
    void aListCanBeBuiltInCode() {
        CodeList l = CodeList.of("Bank", java.util.Set.of("PayBankCode"), "[0-9]{12}", 3, java.util.Map.of("102", "中国工商银行"));

        assertThat(l.verdict("102521000335")).isEqualTo(CodeList.Verdict.KNOWN);
        assertThat(l.verdict("103521000335")).isEqualTo(CodeList.Verdict.UNKNOWN);
        assertThat(List.of(l.tags())).containsExactly(java.util.Set.of("PayBankCode"));
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
