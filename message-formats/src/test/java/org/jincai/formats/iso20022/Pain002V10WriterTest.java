package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.partialReport;
import static org.jincai.formats.iso20022.IsoFixtures.stream;
import static org.jincai.formats.iso20022.IsoFixtures.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class Pain002V10WriterTest {

    private final Pain002V10Writer writer = new Pain002V10Writer();
    private final IsoXsdValidator validator = new IsoXsdValidator();

    @Test
    void writeValidateReadGivesTheSameReport() {
        PaymentStatusReport report = partialReport();

        byte[] xml = writer.write(report);

        assertThat(validator.validate(xml, "pain.002.001.10")).isEmpty();
        assertThat(new Pain002Reader().read(stream(xml), "report.xml")).isEqualTo(report);
    }

    @Test
    void groupsTransactionsByTheirOriginalPaymentInformation() {
        Document doc = IsoFixtures.dom(writer.write(partialReport()));

        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.002.001.10");
        assertThat(doc.getElementsByTagName("OrgnlPmtInfAndSts").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("TxInfAndSts").getLength()).isEqualTo(4);
        assertThat(text(doc, "CstmrPmtStsRpt/OrgnlGrpInfAndSts/OrgnlMsgId")).isEqualTo("PAYROLL-202611");
        assertThat(text(doc, "CstmrPmtStsRpt/OrgnlGrpInfAndSts/OrgnlMsgNmId")).isEqualTo("pain.001.001.09");
        assertThat(text(doc, "CstmrPmtStsRpt/OrgnlGrpInfAndSts/GrpSts")).isEqualTo("PART");
        // the longer proprietary reason is Prtry, and its long text is split over Max105Text lines
        assertThat(doc.getElementsByTagName("Prtry").item(0).getTextContent()).isEqualTo("BANK-0042");
        assertThat(doc.getElementsByTagName("AddtlInf").getLength()).isEqualTo(3);
    }

    @Test
    void writesAWholeFileRejectionWithItsGroupReason() {
        PaymentStatusReport rejected = new PaymentStatusReport("STS-1", IsoFixtures.CREATED, "PAYROLL-202611", null,
                "RJCT", "FF01", "ISO_CTRL_SUM_MISMATCH: GrpHdr declares CtrlSum 10.00 but its amounts add up to 9.00",
                List.of());

        byte[] xml = writer.write(rejected);

        assertThat(validator.validate(xml, "pain.002.001.10")).isEmpty();
        String s = new String(xml, StandardCharsets.UTF_8);
        assertThat(s).contains("<GrpSts>RJCT</GrpSts>", "<Cd>FF01</Cd>", "<OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>")
                .doesNotContain("OrgnlPmtInfAndSts");
        assertThat(new Pain002Reader().read(stream(xml), "rejected.xml"))
                .isEqualTo(new PaymentStatusReport("STS-1", IsoFixtures.CREATED, "PAYROLL-202611", "pain.001.001.09",
                        "RJCT", "FF01", rejected.groupAdditionalInformation(), List.of()));
    }

    @Test
    void matchesTheGoldenFile() {
        IsoFixtures.assertXmlSimilar(writer.write(partialReport()),
                IsoFixtures.resource("golden/pain.002.001.10-partial.xml"));
    }

    @Test
    void refusesATransactionOutsideAPaymentInformationBlock() {
        PaymentStatusReport orphan = new PaymentStatusReport("STS-1", IsoFixtures.CREATED, "M-1", null, "ACCP",
                List.of(new TransactionStatus(null, "E-1", "E-1", "ACCP", null, null)));

        assertThatThrownBy(() -> writer.write(orphan))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_FIELD_MISSING);
    }
}
