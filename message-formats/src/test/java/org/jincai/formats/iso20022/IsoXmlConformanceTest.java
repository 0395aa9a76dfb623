package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ISO readers read XML as XML 1.0 with namespaces says, through one parser: elements of another
 * namespace are never ISO elements, and documents that are not well-formed are refused. The namespace and
 * well-formedness cases were read wrongly by the hand-written scanner the readers used before (it matched
 * elements by local name below the root and accepted the malformed variants); the charset and size cases
 * hold what it already did.
 */
class IsoXmlConformanceTest {

    private static final String NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    private static String entry(String amount, String ref) {
        return "<Ntry><Amt Ccy=\"CNY\">" + amount + "</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                + "<BookgDt><Dt>2026-12-01</Dt></BookgDt><AcctSvcrRef>" + ref + "</AcctSvcrRef></Ntry>";
    }

    private static String statement(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"" + NS + "\"><BkToCstmrStmt>"
                + "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-12-01T18:00:00+08:00</CreDtTm></GrpHdr>"
                + "<Stmt><Id>S1</Id>" + body + "</Stmt></BkToCstmrStmt></Document>";
    }

    private static CamtReader.Document read(IsoReadOptions options, String xml) {
        return read(options, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static CamtReader.Document read(IsoReadOptions options, byte[] xml) {
        return CamtReader.camt053(options).readAll(new ByteArrayInputStream(xml), "test.xml");
    }

    @Test
    void anEntryInAnotherDefaultNamespaceIsNeverSummedAsAnIsoEntry() {
        String xml = statement(entry("100.00", "A") + "<Ntry xmlns=\"urn:other\"><Amt Ccy=\"CNY\">999.00</Amt>"
                + "<CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AcctSvcrRef>X</AcctSvcrRef></Ntry>");

        CamtReader.Document lenient = read(IsoReadOptions.lenientUnchecked(), xml);

        assertThat(lenient.result().entries()).isEqualTo(1);
        assertThat(lenient.result().debit()).containsExactly(Map.entry("CNY", new BigDecimal("100.00")));
        assertThat(lenient.statements().get(0).entries()).extracting(StatementEntry::accountServicerReference)
                .containsExactly("A");
        assertThat(lenient.result().warnings()).extracting(Problem::code).containsExactly(IsoProblemCodes.ISO_FOREIGN_ELEMENT);
        assertThat(lenient.result().warnings().get(0).location()).isEqualTo("test.xml:2");

        CamtReader.Document strict = read(IsoReadOptions.strict(), xml);
        assertThat(strict.result().errors()).extracting(Problem::code).containsExactly(IsoProblemCodes.ISO_FOREIGN_ELEMENT);
        assertThat(strict.result().entries()).isEqualTo(1);
    }

    @Test
    void aPrefixedForeignAmountInsideAnIsoEntryIsNotItsAmount() {
        String xml = statement("<Ntry xmlns:o=\"urn:other\"><o:Amt Ccy=\"CNY\">5.00</o:Amt><Amt Ccy=\"CNY\">7.00</Amt>"
                + "<CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts></Ntry>");

        CamtReader.Document doc = read(IsoReadOptions.lenientUnchecked(), xml);

        assertThat(doc.statements().get(0).entries().get(0).amount()).isEqualByComparingTo("7.00");
        assertThat(doc.result().credit()).containsEntry("CNY", new BigDecimal("7.00"));
    }

    @Test
    void aPrefixedIsoDocumentReadsLikeOneInTheDefaultNamespace() {
        String plain = statement(entry("12.34", "A"));
        String prefixed = plain.replace("<Document xmlns=\"" + NS + "\">", "<i:Document xmlns:i=\"" + NS + "\">")
                .replaceAll("<(/?)([A-Z])", "<$1i:$2");

        CamtReader.Document a = read(IsoReadOptions.strict(), plain);
        CamtReader.Document b = read(IsoReadOptions.strict(), prefixed);

        assertThat(prefixed).contains("<i:Ntry>");
        assertThat(b.result().errors()).isEmpty();
        assertThat(b.statements()).isEqualTo(a.statements());
    }

    @Test
    void whatSupplementaryDataCarriesInAnyNamespaceIsNeitherReadNorReported() {
        String xml = statement(entry("1.00", "A") + "<SplmtryData><Envlp><x:Ext xmlns:x=\"urn:bank\">"
                + "<Ntry xmlns=\"" + NS + "\"><Amt Ccy=\"CNY\">50.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>"
                + "</x:Ext></Envlp></SplmtryData>");

        CamtReader.Document doc = read(IsoReadOptions.strict(), xml);

        assertThat(doc.result().errors()).isEmpty();
        assertThat(doc.result().warnings()).isEmpty();
        assertThat(doc.result().entries()).isEqualTo(1);
    }

    @Test
    void aMessageElementOfAnotherNamespaceIsNotTheMessage() {
        String xml = "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt xmlns=\"urn:other\"/></Document>";

        FormatException e = catchThrowableOfType(() -> read(IsoReadOptions.lenientUnchecked(), xml), FormatException.class);

        assertThat(e.code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
        assertThat(IsoMessages.identify(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x").isIso())
                .isFalse();
    }

    /** Each of these was accepted by the scanner; XML 1.0 and its namespaces forbid all of them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<q:Ntry><Amt Ccy=\"CNY\">1.00</Amt></q:Ntry>",
        "<Bad(Name>1</Bad(Name>",
        "<AddtlInf>a ]]> b</AddtlInf>",
        "<Ntry><Amt Ccy=\"CNY\"x=\"1\">1.00</Amt></Ntry>",
        "<Ntry><Amt Ccy=\"CNY\" Ccy=\"USD\">1.00</Amt></Ntry>",
        "<Ntry xmlns:p=\"urn:a\" xmlns:q=\"urn:a\"><Amt p:x=\"1\" q:x=\"2\" Ccy=\"CNY\">1.00</Amt></Ntry>",
        "<Ntry xmlns:xml=\"urn:not-xml\"/>",
        "<Ntry><Amt Ccy=\"C<Y\">1.00</Amt></Ntry>",
    })
    void aDocumentThatIsNotWellFormedIsRefused(String body) {
        FormatException e = catchThrowableOfType(() -> read(IsoReadOptions.lenientUnchecked(), statement(body)),
                FormatException.class);

        assertThat(e).as(body).isNotNull();
        assertThat(e.code()).isEqualTo(IsoProblemCodes.ISO_NOT_READABLE);
        assertThat(e.problem().location()).startsWith("test.xml:2:");
    }

    @Test
    void aDtdAndAnEntityReferenceAreRefusedWithTheirOwnCode() {
        String dtd = statement(entry("1.00", "A")).replace("<Document", "<!DOCTYPE Document [<!ENTITY x \"y\">]><Document");
        String entity = statement("<Ntry><AddtlNtryInf>&x;</AddtlNtryInf></Ntry>");

        for (String xml : new String[] {dtd, entity}) {
            FormatException e = catchThrowableOfType(() -> read(IsoReadOptions.lenientUnchecked(), xml), FormatException.class);
            assertThat(e.code()).isEqualTo(SecureXml.DOCTYPE_NOT_ALLOWED);
        }
    }

    @Test
    void gbkUtf16AndCharacterReferencesReadTheSameText() {
        String xml = statement("<Ntry><Amt Ccy=\"CNY\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>"
                + "<AddtlNtryInf>张伟 &amp; &#x674E;&#23068; <![CDATA[<工资>]]></AddtlNtryInf></Ntry>");

        String gbk = xml.replace("encoding=\"UTF-8\"", "encoding=\"GBK\"");
        String utf16 = "\uFEFF" + xml.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");

        for (byte[] bytes : new byte[][] {xml.getBytes(StandardCharsets.UTF_8), gbk.getBytes(Charset.forName("GBK")),
                utf16.getBytes(StandardCharsets.UTF_16LE), ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_8)}) {
            CamtReader.Document doc = read(IsoReadOptions.lenientUnchecked(), bytes);
            assertThat(doc.statements().get(0).entries().get(0).additionalInformation()).isEqualTo("张伟 & 李娜 <工资>");
        }
    }

    @Test
    void bytesThatAreNotTheDeclaredCharsetAreRefusedNotReplaced() {
        String xml = statement("<Ntry><AddtlNtryInf>x</AddtlNtryInf></Ntry>").replace("encoding=\"UTF-8\"", "encoding=\"GBK\"");
        byte[] gbk = xml.getBytes(Charset.forName("GBK"));
        // 0x81 starts a GBK pair and '<' cannot end one: a lenient decoder would make it U+FFFD and read on
        gbk[xml.indexOf("<AddtlNtryInf>x") + "<AddtlNtryInf>".length()] = (byte) 0x81;

        FormatException e = catchThrowableOfType(() -> read(IsoReadOptions.lenientUnchecked(), gbk), FormatException.class);

        assertThat(e.code()).isEqualTo(IsoProblemCodes.ISO_NOT_READABLE);
    }

    @Test
    void theTextOfOneElementIsCapped() {
        String xml = statement("<Ntry><AddtlNtryInf>" + "x".repeat(100_001) + "</AddtlNtryInf></Ntry>");

        FormatException e = catchThrowableOfType(() -> read(IsoReadOptions.lenientUnchecked(), xml), FormatException.class);

        assertThat(e.code()).isEqualTo(IsoProblemCodes.ISO_NOT_READABLE);
    }

    @Test
    void paymentMessagesFollowTheSameNamespaceRule() {
        String pain002 = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"><CstmrPmtStsRpt>"
                + "<GrpHdr><MsgId>S1</MsgId><CreDtTm>2026-12-01T18:00:00+08:00</CreDtTm></GrpHdr>"
                + "<OrgnlGrpInfAndSts><OrgnlMsgId>P1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndSts>"
                + "<OrgnlPmtInfAndSts><OrgnlPmtInfId>B1</OrgnlPmtInfId>"
                + "<TxInfAndSts><OrgnlEndToEndId>E1</OrgnlEndToEndId><TxSts>ACCP</TxSts></TxInfAndSts>"
                + "<TxInfAndSts xmlns=\"urn:other\"><OrgnlEndToEndId>E2</OrgnlEndToEndId><TxSts>RJCT</TxSts></TxInfAndSts>"
                + "</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>";
        byte[] bytes = pain002.getBytes(StandardCharsets.UTF_8);

        Pain002Reader.Result lenient = new Pain002Reader(IsoReadOptions.lenientUnchecked())
                .readChecked(new ByteArrayInputStream(bytes), "a.xml");
        FormatException strict = catchThrowableOfType(() -> new Pain002Reader().read(new ByteArrayInputStream(bytes), "a.xml"),
                FormatException.class);

        assertThat(lenient.report().transactions()).extracting(TransactionStatus::originalEndToEndId).containsExactly("E1");
        assertThat(lenient.warnings()).extracting(Problem::code).contains(IsoProblemCodes.ISO_FOREIGN_ELEMENT);
        assertThat(strict.code()).isEqualTo(IsoProblemCodes.ISO_FOREIGN_ELEMENT);
    }
}
