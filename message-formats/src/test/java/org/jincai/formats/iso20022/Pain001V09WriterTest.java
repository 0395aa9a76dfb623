package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.credit;
import static org.jincai.formats.iso20022.IsoFixtures.payroll;
import static org.jincai.formats.iso20022.IsoFixtures.text;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class Pain001V09WriterTest {

    private final Pain001V09Writer writer = new Pain001V09Writer();
    private final IsoXsdValidator validator = new IsoXsdValidator();

    @Test
    void writtenPayrollIsValidAgainstTheOfficialXsd() {
        byte[] xml = writer.write(payroll());

        assertThat(validator.validate(xml, "pain.001.001.09")).isEmpty();
    }

    @Test
    void writesABareUtf8DocumentWithChineseAsCharacters() {
        String xml = new String(writer.write(payroll()), StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"");
        assertThat(xml).contains("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">");
        assertThat(xml).contains("<Nm>张伟</Nm>", "<Nm>王𠀀芳</Nm>", "<Nm>中国工商银行股份有限公司北京市分行</Nm>");
        assertThat(xml).doesNotContain("&#");
        assertThat(xml).contains("2026年11月工资 &amp; &lt;绩效&gt;");
    }

    @Test
    void mapsTheChineseDomesticUsage() {
        Document doc = IsoFixtures.dom(writer.write(payroll()));

        assertThat(text(doc, "CstmrCdtTrfInitn/GrpHdr/MsgId")).isEqualTo("PAYROLL-202611");
        assertThat(text(doc, "CstmrCdtTrfInitn/GrpHdr/NbOfTxs")).isEqualTo("4");
        assertThat(text(doc, "CstmrCdtTrfInitn/GrpHdr/CtrlSum")).isEqualTo("1255218.40");
        assertThat(text(doc, "CstmrCdtTrfInitn/GrpHdr/InitgPty/Nm")).isEqualTo("某某市财政局");
        String pmtInf = "CstmrCdtTrfInitn/PmtInf/";
        assertThat(text(doc, pmtInf + "PmtMtd")).isEqualTo("TRF");
        assertThat(text(doc, pmtInf + "BtchBookg")).isEqualTo("true");
        assertThat(text(doc, pmtInf + "NbOfTxs")).isEqualTo("3");
        assertThat(text(doc, pmtInf + "CtrlSum")).isEqualTo("20650.51");
        assertThat(text(doc, pmtInf + "ReqdExctnDt/Dt")).isEqualTo("2026-12-01");
        assertThat(text(doc, pmtInf + "DbtrAcct/Id/Othr/Id")).isEqualTo("110060149018000017");
        assertThat(text(doc, pmtInf + "DbtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Cd")).isEqualTo("CNAPS");
        assertThat(text(doc, pmtInf + "DbtrAgt/FinInstnId/ClrSysMmbId/MmbId")).isEqualTo("105100000017");
        String tx = pmtInf + "CdtTrfTxInf/";
        assertThat(text(doc, tx + "PmtId/EndToEndId")).isEqualTo("PAY000000000001");
        assertThat(text(doc, tx + "Amt/InstdAmt")).isEqualTo("8650.00");
        assertThat(doc.getElementsByTagName("InstdAmt").item(0).getAttributes().getNamedItem("Ccy").getNodeValue())
                .isEqualTo("CNY");
        assertThat(text(doc, tx + "CdtrAgt/FinInstnId/ClrSysMmbId/MmbId")).isEqualTo("102100099996");
        assertThat(text(doc, tx + "CdtrAcct/Id/Othr/Id")).isEqualTo("6222020200112345678");
        assertThat(text(doc, tx + "RmtInf/Ustrd")).isEqualTo("2026年11月工资");
    }

    @Test
    void amountsAlwaysCarryTheTwoDecimalsOfTheYuan() {
        CreditTransferInitiation m = single(credit("E2E-1", "100", "张伟", "6222020200112345678", null, null, null));

        String xml = new String(writer.write(m), StandardCharsets.UTF_8);

        assertThat(xml).contains("<InstdAmt Ccy=\"CNY\">100.00</InstdAmt>", "<CtrlSum>100.00</CtrlSum>");
    }

    @Test
    void matchesTheGoldenFile() {
        IsoFixtures.assertXmlSimilar(writer.write(payroll()), IsoFixtures.resource("golden/pain.001.001.09-cnaps-payroll.xml"));
    }

    @Test
    void cutsRemittanceTo140CharsWithoutSplittingASurrogatePair() {
        // 139 ASCII chars, then a character outside the BMP whose two chars would straddle the 140th
        String remittance = "x".repeat(139) + "𠀀𠀀 and more";
        CreditTransferInitiation m = single(credit("E2E-1", "1.00", "张伟", "6222020200112345678", null, null, remittance));

        byte[] xml = writer.write(m);

        String ustrd = text(IsoFixtures.dom(xml), "CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf/Ustrd");
        assertThat(ustrd).isEqualTo("x".repeat(139));
        assertThat(validator.validate(xml, "pain.001.001.09")).isEmpty();
    }

    @Test
    void keepsARareCharacterThatFitsWhole() {
        String remittance = "x".repeat(138) + "𠀀𠀀";
        CreditTransferInitiation m = single(credit("E2E-1", "1.00", "张伟", "6222020200112345678", null, null, remittance));

        byte[] xml = writer.write(m);

        assertThat(text(IsoFixtures.dom(xml), "CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf/Ustrd"))
                .isEqualTo("x".repeat(138) + "𠀀");
        assertThat(validator.validate(xml, "pain.001.001.09")).isEmpty();
    }

    @Test
    void writesToAStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.write(payroll(), out);

        assertThat(out.toByteArray()).isEqualTo(writer.write(payroll()));
    }

    @Test
    void refusesABankNumberThatIsNotTwelveDigits() {
        CreditTransferInitiation m = single(credit("E2E-1", "1.00", "张伟", "6222", "10210009999", null, null));

        assertThatThrownBy(() -> writer.write(m)).isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_BANK_NUMBER_INVALID);
    }

    @Test
    void refusesFractionsOfAFenAndNonPositiveAmounts() {
        assertThatThrownBy(() -> writer.write(single(credit("E2E-1", "1.005", "张伟", "6222", null, null, null))))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_AMOUNT_INVALID);
        assertThatThrownBy(() -> writer.write(single(credit("E2E-1", "0.00", "张伟", "6222", null, null, null))))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_AMOUNT_INVALID);
    }

    @Test
    void refusesAnUnknownCurrencyAndAMissingEndToEndId() {
        CreditTransferTransaction noCurrency = new CreditTransferTransaction("E2E-1", "E2E-1",
                new BigDecimal("1.00"), "YUAN", "张伟", "6222", null, null, null);
        CreditTransferTransaction noId = new CreditTransferTransaction(null, " ",
                new BigDecimal("1.00"), "CNY", "张伟", "6222", null, null, null);

        assertThatThrownBy(() -> writer.write(single(noCurrency)))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_CURRENCY_INVALID);
        assertThatThrownBy(() -> writer.write(single(noId)))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_FIELD_MISSING);
    }

    @Test
    void anIdTooLongForTheSchemaIsWrittenButCaughtByTheValidator() {
        CreditTransferInitiation m = single(credit("E".repeat(36), "1.00", "张伟", "6222", null, null, null));

        byte[] xml = writer.write(m);

        assertThat(validator.validate(xml, "pain.001.001.09", "too-long.xml"))
                .isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.code()).isEqualTo(IsoProblemCodes.XSD_INVALID);
                    assertThat(p.location()).matches("too-long\\.xml:\\d+:\\d+");
                });
    }

    static CreditTransferInitiation single(CreditTransferTransaction t) {
        return new CreditTransferInitiation("MSG-1", IsoFixtures.CREATED, "某某市财政局", List.of(
                new PaymentInstruction("MSG-1", LocalDate.of(2026, 12, 1), false, "某某市财政局", "110060149018000017",
                        IsoFixtures.PAYER_BANK, List.of(t))));
    }
}
