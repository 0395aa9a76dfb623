package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.detail;
import static org.jincai.formats.fiscal.TestVouchers.readBack;
import static org.jincai.formats.fiscal.TestVouchers.valid;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inner voucher is written in GBK or not at all. */
class PaymentVoucherWriterTest {

    private final PaymentVoucherWriter writer = new PaymentVoucherWriter();

    @Test
    void writesGbkWithTheStandardsTags() {
        byte[] bytes = writer.write(valid().build());
        String xml = new String(bytes, GBK);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<Voucher>\n<Id>0123456789abcdef0123456789abcdef</Id>\n");
        assertThat(xml).endsWith("</DetailList>\n</Voucher>");
        assertThat(xml).contains("<VouDate>20261127</VouDate>", "<PayAmt>1500.50</PayAmt>", "<AgencyName>湖北省教育厅机关</AgencyName>",
                "<PayeeAcctName>王喆</PayeeAcctName>", "<PayeeAcctName>李堃</PayeeAcctName>");
        assertThat(xml).doesNotContain("<BillNo>", "<Hold1>", "<XPayDate>");
        // 喆 is one GBK double-byte character, not a UTF-8 triple
        assertThat(indexOf(bytes, "喆".getBytes(GBK))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"𠀀", "😀", "王\uD83D\uDE00"})
    void aCharacterGbkCannotEncodeIsRefusedNamingFieldAndVoucher(String name) {
        assertThat("𠀀".getBytes(java.nio.charset.Charset.forName("GB18030")).length).isEqualTo(4); // GB18030 has it, GBK does not
        PaymentVoucher v = valid().details(List.of(
                detail("HB2026112700001-1", "1000.25").build(),
                detail("HB2026112700001-2", "500.25").payeeAcctName(name).build())).build();

        assertThatThrownBy(() -> writer.write(v))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(FiscalCodes.GBK_UNENCODABLE);
                    assertThat(e.problem().location()).isEqualTo("voucher HB2026112700001 / detail HB2026112700001-2 / PayeeAcctName");
                });
    }

    @Test
    void aHeaderFieldIsNamedToo() {
        assertThatThrownBy(() -> writer.write(valid().agencyName("教育厅😀").build()))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(FiscalCodes.GBK_UNENCODABLE);
                    assertThat(e.problem().location()).isEqualTo("voucher HB2026112700001 / AgencyName");
                });
    }

    @Test
    void controlCharactersAreRefused() {
        assertThatThrownBy(() -> writer.write(valid().agencyName("教育\u0001厅").build()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.XML_CHAR_INVALID));
    }

    @Test
    void moneyIsNeverRounded() {
        assertThatThrownBy(() -> writer.write(valid().payAmt(new BigDecimal("1500.505")).build()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.BAD_AMOUNT));
    }

    @Test
    void amountsArePlainTwoDecimalNumbers() {
        String xml = new String(writer.write(valid().payAmt(new BigDecimal("1.5005E3")).details(List.of()).build()), GBK);

        assertThat(xml).contains("<PayAmt>1500.50</PayAmt>");
    }

    @Test
    void markupCharactersAreEscapedAndReadBack() {
        PaymentVoucher v = valid().agencyName("A&B <单位> \"甲\" 'x' ]]>").hold1("a\r\nb").build();

        assertThat(new String(writer.write(v), GBK)).contains("<AgencyName>A&amp;B &lt;单位&gt; \"甲\" 'x' ]]&gt;</AgencyName>");
        assertThat(readBack(v).voucher().agencyName()).isEqualTo(v.agencyName());
        assertThat(readBack(v).voucher().hold1()).isEqualTo("a\r\nb");
    }

    @Test
    void unmodelledTagsAreWrittenBackAfterTheModelledOnes() {
        PaymentVoucher v = valid().otherField("CurrencyCode", "CNY").otherField("TaxayerID", "91420000").build();

        String xml = new String(writer.write(v), GBK);

        assertThat(xml).contains("<CurrencyCode>CNY</CurrencyCode>\n<TaxayerID>91420000</TaxayerID>\n<DetailList>");
        assertThat(readBack(v).voucher()).isEqualTo(v);
    }

    @Test
    void anUnmodelledTagMustBeAnXmlName() {
        assertThatThrownBy(() -> writer.write(valid().otherField("Bad Tag", "x").build()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.FIELD_NAME_INVALID));
    }

    @Test
    void legacyEconomicTagsByOption() {
        PaymentVoucherWriter legacy = new PaymentVoucherWriter(new FiscalWriteOptions(true));

        String xml = new String(legacy.write(valid().build()), GBK);

        assertThat(xml).contains("<ExpEcoCode>30201</ExpEcoCode>", "<ExpEcoName>办公费</ExpEcoName>").doesNotContain("DepExpEco");
        VoucherBody body = VoucherBody.of(valid().build(), 0, null, legacy).withIndex(1);
        assertThat(new PaymentVoucherReader().read(body).voucher()).isEqualTo(valid().build());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
