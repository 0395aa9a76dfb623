package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.resource;
import static org.jincai.formats.iso20022.IsoFixtures.stream;

import java.nio.charset.StandardCharsets;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Strict and lenient modes of the pain readers, and the golden round trips of the pain.001 versions. */
class IsoReadModesTest {

    /** The golden pain.001.001.09 with a payment method the schema does not know. */
    private static byte[] invalidPain001() {
        return new String(resource("golden/pain.001.001.09-cnaps-payroll.xml"), StandardCharsets.UTF_8)
                .replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>WIRE</PmtMtd>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pain001StrictModeMakesXsdViolationsProblems() {
        Pain001Reader.Result r = new Pain001Reader(IsoReadOptions.schemaStrict()).readCollecting(stream(invalidPain001()), "x.xml");

        assertThat(r.problems()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        assertThatThrownBy(() -> new Pain001Reader(IsoReadOptions.schemaStrict()).read(stream(invalidPain001()), "x.xml"))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.XSD_INVALID);
    }

    @Test
    void pain001LenientModeReadsWithWarnings() {
        Pain001Reader.Result r = new Pain001Reader(IsoReadOptions.lenient()).readCollecting(stream(invalidPain001()), "x.xml");

        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        assertThat(r.initiation().numberOfTransactions()).isEqualTo(4);
    }

    @Test
    void pain002StrictModeRefusesWhatLenientModeReadsWithAWarning() {
        byte[] badBic = resource("samples/pain.002/hbci4j__test-pain-parse-0020110-02.xml");

        assertThatThrownBy(() -> new Pain002Reader(IsoReadOptions.schemaStrict()).read(stream(badBic), "b.xml"))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.XSD_INVALID);
        Pain002Reader.Result lenient = new Pain002Reader(IsoReadOptions.lenient()).readChecked(stream(badBic), "b.xml");
        assertThat(lenient.errors()).isEmpty();
        assertThat(lenient.warnings()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        assertThat(lenient.report().transactions()).hasSize(1);
    }

    @Test
    void pain002WithoutNamespaceIsReadLenientlyWithAWarning() {
        byte[] bare = resource("samples/pain.002/hbci4j__test-pain-parse-0020110-01.xml");

        Pain002Reader.Result r = new Pain002Reader(IsoReadOptions.lenient()).readChecked(stream(bare), "bare.xml");

        assertThat(r.messageNameId()).isNull();
        assertThat(r.warnings()).extracting(Problem::code)
                .contains(IsoProblemCodes.ISO_NAMESPACE_MISSING, IsoProblemCodes.ISO_SCHEMA_UNAVAILABLE);
        assertThatThrownBy(() -> new Pain002Reader(IsoReadOptions.schemaStrict()).read(stream(bare), "bare.xml"))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
    }

    @Test
    void aNationalVariantIsReadLenientlyAndRefusedStrictly() {
        byte[] swiss = resource("samples/pain.001/postfinance__musterfile_pain.001_Nov2020.xml");

        Pain001Reader.Result r = new Pain001Reader(IsoReadOptions.lenient()).readCollecting(stream(swiss), "ch.xml");

        assertThat(r.messageNameId()).isEqualTo("pain.001.001.03.ch.02");
        assertThat(r.warnings()).extracting(Problem::code).contains(IsoProblemCodes.ISO_NAMESPACE_UNKNOWN);
        assertThatThrownBy(() -> new Pain001Reader(IsoReadOptions.schemaStrict()).readCollecting(stream(swiss), "ch.xml"))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(Pain001Version.class)
    void goldenReadThenWrittenIsTheSameDocument(Pain001Version version) {
        byte[] golden = resource("golden/" + version.messageNameId() + "-cnaps-payroll.xml");

        CreditTransferInitiation model = new Pain001Reader(IsoReadOptions.schemaStrict()).read(stream(golden), "golden.xml");

        IsoFixtures.assertXmlSimilar(Pain001StreamWriter.toBytes(model, Pain001WriteOptions.of(version)), golden);
    }

    @Test
    void xxeAndBillionLaughsAreRefusedInEveryMode() {
        for (IsoReadOptions o : new IsoReadOptions[] {IsoReadOptions.lenient(), IsoReadOptions.schemaStrict()}) {
            for (String f : new String[] {"doctype-xxe.xml", "doctype-billion-laughs.xml"}) {
                assertThatThrownBy(() -> new Pain001Reader(o).readCollecting(stream(resource("malformed/pain.001/" + f)), f))
                        .isInstanceOf(FormatException.class)
                        .extracting(e -> ((FormatException) e).code()).isEqualTo("DOCTYPE_NOT_ALLOWED");
            }
        }
    }
}
