package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.payroll;
import static org.jincai.formats.iso20022.IsoFixtures.resource;
import static org.jincai.formats.iso20022.IsoFixtures.stream;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pain001ReaderTest {

    private final Pain001Reader reader = new Pain001Reader();

    @Test
    void writeThenReadGivesTheSameInitiation() {
        CreditTransferInitiation sent = payroll();

        CreditTransferInitiation read = reader.read(stream(new Pain001V09Writer().write(sent)), "payroll.xml");

        assertThat(read).isEqualTo(sent);
        assertThat(read.numberOfTransactions()).isEqualTo(4);
        assertThat(read.controlSum()).isEqualByComparingTo("1255218.40");
        assertThat(read.paymentInstructions().get(0).transactions().get(1).creditorName()).isEqualTo("王𠀀芳");
    }

    @Test
    void reportsTheVersionItRead() {
        Pain001Reader.Result result = reader.readCollecting(stream(new Pain001V09Writer().write(payroll())), "payroll.xml");

        assertThat(result.messageNameId()).isEqualTo("pain.001.001.09");
        assertThat(result.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "abnamro__pain.001.001.03_voorbeeldbestand.xml, pain.001.001.03, 1, 386.00",
            "iso20022js__swift_pain_001_v3.xml,              pain.001.001.03, 1, 10.00",
            "isomdr__gistfile1.xml,                          pain.001.001.03, 3, 11500000",
            "siauliu__sepa_payment_naujas_1.xml,             pain.001.001.03, 1, 99.99",
            "phpfints__SendTransferVoPTest_XML_PAYLOAD.xml,  pain.001.001.09, 1, 10.00",
            "sepaxml__test_00100109_SAMPLE_RESULT.xml,       pain.001.001.09, 2, 60.12"})
    void readsTheIsoSamples(String file, String version, int transactions, BigDecimal total) {
        Pain001Reader.Result result = reader.readCollecting(stream(resource("samples/pain.001/" + file)), file);

        assertThat(result.messageNameId()).isEqualTo(version);
        assertThat(result.problems()).isEmpty();
        assertThat(result.initiation().numberOfTransactions()).isEqualTo(transactions);
        assertThat(result.initiation().controlSum()).isEqualByComparingTo(total);
    }

    @Test
    void readsTheMdrExampleInDetail() {
        CreditTransferInitiation m = reader.read(stream(resource("samples/pain.001/isomdr__gistfile1.xml")), "gistfile1.xml");

        assertThat(m.messageId()).isEqualTo("ABC/090928/CCT001");
        assertThat(m.paymentInstructions().get(0).requestedExecutionDate()).isEqualTo(LocalDate.of(2009, 9, 29));
        assertThat(m.paymentInstructions().stream().flatMap(p -> p.transactions().stream()))
                .extracting(CreditTransferTransaction::endToEndId, CreditTransferTransaction::currency,
                        CreditTransferTransaction::amount)
                .containsExactly(
                        Tuple.tuple("ABC/4562/2009-09-08", "JPY", new BigDecimal("10000000")),
                        Tuple.tuple("ABC/ABC-13679/2009-09-15", "EUR", new BigDecimal("500000.00")),
                        Tuple.tuple("ABC/987-AC/2009-09-27", "USD", new BigDecimal("1000000.00")));
    }

    @Test
    void readsTheSwissVariantWhenTheProfileAdmitsItAndListsItsWrongCount() {
        String ns = "http://www.six-interbank-clearing.com/de/pain.001.001.03.ch.02.xsd";
        byte[] xml = resource("samples/pain.001/postfinance__musterfile_pain.001_Nov2020.xml");

        assertThatThrownBy(() -> reader.read(stream(xml), "musterfile.xml"))
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);

        // a real-world deviation: the Musterfile declares 7 transactions and holds 8 (its CtrlSum counts all 8)
        Pain001Reader.Result result = new Pain001Reader(IsoReadOptions.strict().acceptingNamespace(ns))
                .readCollecting(stream(xml), "musterfile.xml");
        assertThat(result.messageNameId()).isEqualTo(ns);
        assertThat(result.initiation().numberOfTransactions()).isEqualTo(8);
        assertThat(result.initiation().controlSum()).isEqualByComparingTo("38.00");
        assertThat(result.problems()).extracting(Problem::code).containsExactly(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH);
    }

    @Test
    void refusesADocumentWhoseControlSumDisagrees() {
        String xml = new String(new Pain001V09Writer().write(payroll()), StandardCharsets.UTF_8)
                .replace("<CtrlSum>1255218.40</CtrlSum>", "<CtrlSum>1255218.41</CtrlSum>");

        assertThatThrownBy(() -> reader.read(stream(xml.getBytes(StandardCharsets.UTF_8)), "tampered.xml"))
                .isInstanceOf(FormatException.class)
                .satisfies(e -> {
                    Problem p = ((FormatException) e).problem();
                    assertThat(p.code()).isEqualTo(IsoProblemCodes.ISO_CTRL_SUM_MISMATCH);
                    assertThat(p.location()).startsWith("tampered.xml:").contains("GrpHdr/NbOfTxs");
                });
    }

    @Test
    void listsEveryDisagreeingTotalGroupFirst() {
        String xml = new String(new Pain001V09Writer().write(payroll()), StandardCharsets.UTF_8)
                .replace("<NbOfTxs>3</NbOfTxs>", "<NbOfTxs>2</NbOfTxs>")
                .replace("<NbOfTxs>4</NbOfTxs>", "<NbOfTxs>5</NbOfTxs>");

        Pain001Reader.Result result = reader.readCollecting(stream(xml.getBytes(StandardCharsets.UTF_8)), "tampered.xml");

        assertThat(result.problems()).extracting(Problem::code)
                .containsExactly(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH, IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH);
        assertThat(result.problems().get(0).message()).startsWith("GrpHdr");
        assertThat(result.problems().get(1).message()).startsWith("PmtInf[1]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "doctype-xxe.xml,         DOCTYPE_NOT_ALLOWED",
            "doctype-billion-laughs.xml, DOCTYPE_NOT_ALLOWED",
            "not-well-formed.xml,     ISO_NOT_READABLE",
            "truncated.xml,           ISO_NOT_READABLE",
            "invalid-utf8.xml,        ISO_NOT_READABLE",
            "empty.xml,               ISO_NOT_READABLE",
            "bad-amount.xml,          ISO_NOT_READABLE",
            "wrong-namespace.xml,     ISO_UNSUPPORTED_MESSAGE",
            "wrong-root.xml,          ISO_UNSUPPORTED_MESSAGE",
            "no-namespace.xml,        ISO_UNSUPPORTED_MESSAGE",
            "missing-end-to-end-id.xml, ISO_FIELD_MISSING"})
    void malformedFilesFailWithTheirCode(String file, String code) {
        assertThatThrownBy(() -> reader.read(stream(resource("malformed/pain.001/" + file)), file))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(code);
    }
}
