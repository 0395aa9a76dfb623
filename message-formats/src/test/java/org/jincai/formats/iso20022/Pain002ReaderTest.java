package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jincai.formats.iso20022.IsoFixtures.resource;
import static org.jincai.formats.iso20022.IsoFixtures.stream;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jincai.formats.FormatException;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pain002ReaderTest {

    private static final String SIX_PAIN_002 = "http://www.six-interbank-clearing.com/de/pain.002.001.03.ch.02.xsd";

    private final Pain002Reader strict = new Pain002Reader();
    /** What a profile for banks that leave out the namespace, or speak the Swiss variant, would configure. */
    private final Pain002Reader lenient = new Pain002Reader(
            IsoReadOptions.strict().acceptingMissingNamespace().acceptingNamespace(SIX_PAIN_002));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "atruvia__SendTransferVoPTest_VOP_REPORT_PARTIAL_MATCH_XML_PAYLOAD.xml | true  | M1234567890              | RVCM | RVNM=1",
            "gs__pain_002_v3_accepted.xml                                          | true  | 10280093XXXX             |      | ACCP=1",
            "nordea__pain_002_v3_txn_reject.xml                                    | true  | MSGID-950-TEST2-2807-01  |      | RJCT=2",
            "hbci4j__test-pain-parse-0020110-02.xml                                | true  | 2025-10-20T23:33:49:0045 | RVMC | RVNM=1",
            "hbci4j__test-pain-parse-0020110-01.xml                                | false | 2025-10-20T23:33:49:0045 | RVMC | RVNM=1",
            "crossriver__pain_002_batch_rejected.xml                               | false |                          | RJCT | ''",
            "postfinance__pain002-epo_p_ch2909000000250094239_1109800799_0_2018032612092784.xml | false | MsgId-006 | | RJCT=1"})
    void readsTheRealBankSamples(String file, boolean isoNamespace, String originalMessageId, String groupStatus,
            String statusCounts) {
        byte[] xml = resource("samples/pain.002/" + file);

        PaymentStatusReport report = (isoNamespace ? strict : lenient).read(stream(xml), file);

        assertThat(report.messageId()).isNotBlank();
        assertThat(report.creationDateTime()).isNotNull();
        assertThat(report.originalMessageId()).isEqualTo(originalMessageId);
        assertThat(report.groupStatus()).isEqualTo(groupStatus);
        assertThat(countsByStatus(report)).isEqualTo(statusCounts == null ? "" : statusCounts);
        if (!isoNamespace) {
            assertThatThrownBy(() -> strict.read(stream(xml), file)).isInstanceOf(FormatException.class)
                    .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
        }
    }

    @Test
    void readsReasonsAndIdsOfATransactionRejection() {
        PaymentStatusReport report = strict.read(stream(resource("samples/pain.002/nordea__pain_002_v3_txn_reject.xml")),
                "nordea.xml");

        assertThat(report.originalMessageNameId()).isEqualTo("pain.001.001.03");
        assertThat(report.creationDateTime()).isEqualTo(OffsetDateTime.of(2015, 7, 28, 10, 40, 14, 0, ZoneOffset.UTC));
        TransactionStatus first = report.transactions().get(0);
        assertThat(first.originalPaymentInformationId()).isEqualTo("PMTINFID-950-TEST2-2807-01");
        assertThat(first.originalInstructionId()).isEqualTo("INSTRID-950-TEST2-2807-02");
        assertThat(first.originalEndToEndId()).isEqualTo("ENDTOENDID-950-TEST2-2807-02");
        assertThat(first.rejected()).isTrue();
        assertThat(first.reasonCode()).isEqualTo("NARR");
        assertThat(first.additionalInformation()).isEqualTo("CAP Invalid code or combinations in CategoryPurpose or ServiceLevel");
    }

    @Test
    void takesTimesWithoutOffsetAsChinaStandardTimeUnlessConfigured() {
        byte[] xml = resource("samples/pain.002/gs__pain_002_v3_accepted.xml");

        assertThat(strict.read(stream(xml), "gs.xml").creationDateTime())
                .isEqualTo(OffsetDateTime.of(2020, 8, 20, 15, 25, 48, 0, ZoneOffset.ofHours(8)));
        assertThat(new Pain002Reader(IsoReadOptions.strict().withOffsetWhenAbsent(ZoneOffset.UTC))
                .read(stream(xml), "gs.xml").creationDateTime())
                .isEqualTo(OffsetDateTime.of(2020, 8, 20, 15, 25, 48, 0, ZoneOffset.UTC));
    }

    @Test
    void readsAWholeFileRejectionWithItsGroupReason() {
        PaymentStatusReport report = lenient.read(stream(resource("samples/pain.002/crossriver__pain_002_batch_rejected.xml")),
                "crossriver.xml");

        assertThat(report.transactions()).isEmpty();
        assertThat(report.groupReasonCode()).isEqualTo("NARR");
        assertThat(report.groupAdditionalInformation()).startsWith("Error parsing file examplefile.xml");
        assertThat(report.originalMessageNameId()).isEqualTo("pain.008.001.02");
    }

    @Test
    void joinsTheLinesOfAdditionalInformation() {
        PaymentStatusReport report = lenient.read(stream(resource(
                "samples/pain.002/postfinance__pain002-epo_p_ch2909000000250094239_1109800799_0_2018032612092784.xml")),
                "postfinance.xml");

        TransactionStatus tx = report.transactions().get(0);
        assertThat(tx.reasonCode()).isEqualTo("AC01");
        assertThat(tx.additionalInformation()).isEqualTo("1301813;Konto ungültig");
        assertThat(strict.read(stream(resource("samples/pain.002/hbci4j__test-pain-parse-0020110-02.xml")), "hbci4j.xml")
                .groupAdditionalInformation())
                .startsWith("RVNM Der Name des Empfaengers").contains("(Empfaengerueberpruefung). Der RVNM Name des");
    }

    @Test
    void aTransactionWithoutItsOwnStatusTakesThatOfItsBlock() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
                  <CstmrPmtStsRpt>
                    <GrpHdr><MsgId>S-1</MsgId><CreDtTm>2026-12-01T10:00:00+08:00</CreDtTm></GrpHdr>
                    <OrgnlGrpInfAndSts><OrgnlMsgId>M-1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>
                      <GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
                    <OrgnlPmtInfAndSts><OrgnlPmtInfId>P-1</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts>
                      <TxInfAndSts><OrgnlEndToEndId>E-1</OrgnlEndToEndId></TxInfAndSts>
                    </OrgnlPmtInfAndSts>
                    <OrgnlPmtInfAndSts><OrgnlPmtInfId>P-2</OrgnlPmtInfId>
                      <TxInfAndSts><OrgnlEndToEndId>E-2</OrgnlEndToEndId></TxInfAndSts>
                    </OrgnlPmtInfAndSts>
                  </CstmrPmtStsRpt>
                </Document>
                """;

        PaymentStatusReport report = strict.read(stream(xml.getBytes(StandardCharsets.UTF_8)), "inherit.xml");

        assertThat(report.transactions()).extracting(TransactionStatus::originalPaymentInformationId, TransactionStatus::status)
                .containsExactly(tuple("P-1", "RJCT"),
                        tuple("P-2", "PART"));
    }

    @Test
    void refusesADtd() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
                  <CstmrPmtStsRpt><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></CstmrPmtStsRpt>
                </Document>
                """;

        assertThatThrownBy(() -> strict.read(stream(xml.getBytes(StandardCharsets.UTF_8)), "xxe.xml"))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(SecureXml.DOCTYPE_NOT_ALLOWED);
    }

    @Test
    void refusesAPain001AndAnUnreadableDocument() {
        byte[] pain001 = resource("pain.001.001.09-minimal.xml");

        assertThatThrownBy(() -> strict.read(stream(pain001), "pain001.xml"))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
        assertThatThrownBy(() -> strict.read(stream("not xml at all".getBytes(StandardCharsets.UTF_8)), "junk.xml"))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_NOT_READABLE);
    }

    /** "ACCP=1,RJCT=2": the number of transactions per status, statuses in alphabetical order. */
    static String countsByStatus(PaymentStatusReport report) {
        Map<String, Long> counts = report.transactions().stream()
                .collect(Collectors.groupingBy(TransactionStatus::status, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
