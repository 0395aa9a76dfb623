package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoXsdValidatorTest {

    private final IsoXsdValidator validator = new IsoXsdValidator();

    @ParameterizedTest
    @ValueSource(strings = {"pain.001.001.03", "pain.001.001.09", "pain.002.001.10", "camt.053.001.02", "camt.053.001.03",
            "camt.053.001.04", "camt.053.001.08", "camt.054.001.02", "camt.054.001.04", "camt.054.001.08"})
    void everyBundledSchemaCompiles(String messageType) {
        assertThat(IsoXsdValidator.supports(messageType)).isTrue();
        assertThat(validator.validate("<x/>".getBytes(StandardCharsets.UTF_8), messageType))
                .extracting(Problem::code).containsOnly(IsoProblemCodes.XSD_INVALID);
    }

    @Test
    void aHandWrittenDocumentIsValid() {
        assertThat(validator.validate(resource("pain.001.001.09-minimal.xml"), "pain.001.001.09")).isEmpty();
    }

    @Test
    void aSchemaErrorIsXsdInvalidAtLineAndColumn() {
        String xml = new String(resource("pain.001.001.09-minimal.xml"), StandardCharsets.UTF_8)
                .replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>WIRE</PmtMtd>");

        List<Problem> problems = validator.validate(xml.getBytes(StandardCharsets.UTF_8), "pain.001.001.09", "wire.xml");

        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.code()).isEqualTo(IsoProblemCodes.XSD_INVALID));
        assertThat(problems.get(0).location()).isEqualTo("wire.xml:13:19");
        assertThat(validator.validate(xml.getBytes(StandardCharsets.UTF_8), "pain.001.001.09").get(0).location())
                .isEqualTo("13:19");
    }

    @Test
    void aDocumentOfAnotherMessageIsInvalid() {
        assertThat(validator.validate(resource("pain.001.001.09-minimal.xml"), "pain.002.001.10"))
                .extracting(Problem::code).containsExactly(IsoProblemCodes.XSD_INVALID);
    }

    @Test
    void aDtdIsRefusedNotProcessed() {
        assertThat(validator.validate(resource("malformed/pain.001/doctype-xxe.xml"), "pain.001.001.09"))
                .extracting(Problem::code).containsExactly(SecureXml.DOCTYPE_NOT_ALLOWED);
        assertThat(validator.validate(resource("malformed/pain.001/doctype-billion-laughs.xml"), "pain.001.001.09"))
                .extracting(Problem::code).containsExactly(SecureXml.DOCTYPE_NOT_ALLOWED);
    }

    @Test
    void aBrokenDocumentIsNotWellFormed() {
        assertThat(validator.validate(resource("malformed/pain.001/not-well-formed.xml"), "pain.001.001.09"))
                .extracting(Problem::code).contains(SecureXml.XML_NOT_WELL_FORMED);
    }

    @Test
    void bytesThatAreNotXmlAreNotWellFormed() {
        assertThat(validator.validate(new byte[] {(byte) 0xff, 0x0a}, "pain.001.001.09"))
                .extracting(Problem::code).containsExactly(SecureXml.XML_NOT_WELL_FORMED);
        assertThat(validator.validate(new byte[0], "pain.001.001.09"))
                .extracting(Problem::code).containsExactly(SecureXml.XML_NOT_WELL_FORMED);
    }

    @Test
    void anUnknownMessageTypeIsAProgrammingError() {
        assertThatThrownBy(() -> validator.validate(new byte[0], "pain.001.001.99"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesConcurrentlyWithTheSharedSchema() throws Exception {
        byte[] valid = new Pain001V09Writer().write(IsoFixtures.payroll());
        byte[] invalid = new String(valid, StandardCharsets.UTF_8).replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>X</PmtMtd>")
                .getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Problem>>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] doc = i % 2 == 0 ? valid : invalid;
                results.add(pool.submit(() -> validator.validate(doc, "pain.001.001.09")));
            }
            for (int i = 0; i < results.size(); i++) {
                List<Problem> problems = results.get(i).get();
                if (i % 2 == 0) {
                    assertThat(problems).isEmpty();
                } else {
                    assertThat(problems).isNotEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
