package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.resource;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code fiscal/malformed/} fails with its expected code, and with nothing else: no other
 * exception type escapes. Whole-envelope failures are a {@link FormatException}; the others are problems
 * of the envelope or of its voucher.
 */
class MalformedCorpusTest {

    /** File name to the code it must fail with. */
    static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("doctype-xxe.xml", FiscalCodes.DOCTYPE_NOT_ALLOWED),
            Map.entry("billion-laughs.xml", FiscalCodes.DOCTYPE_NOT_ALLOWED),
            Map.entry("external-dtd.xml", FiscalCodes.DOCTYPE_NOT_ALLOWED),
            Map.entry("not-well-formed.xml", FiscalCodes.XML_NOT_WELL_FORMED),
            Map.entry("trailing-garbage.xml", FiscalCodes.XML_NOT_WELL_FORMED),
            Map.entry("empty.xml", FiscalCodes.XML_NOT_WELL_FORMED),
            Map.entry("wrong-root.xml", FiscalCodes.ENVELOPE_ROOT_INVALID),
            Map.entry("voucher-not-base64.xml", FiscalCodes.VOUCHER_NOT_BASE64),
            Map.entry("two-vouchers-in-body.xml", FiscalCodes.ENVELOPE_BODY_INVALID),
            Map.entry("voucher-count-mismatch.xml", FiscalCodes.VOUCHER_COUNT_MISMATCH),
            Map.entry("inner-doctype-xxe.xml", FiscalCodes.DOCTYPE_NOT_ALLOWED),
            Map.entry("inner-not-well-formed.xml", FiscalCodes.XML_NOT_WELL_FORMED),
            Map.entry("inner-wrong-root.xml", FiscalCodes.VOUCHER_ROOT_INVALID),
            Map.entry("inner-bad-gbk-bytes.xml", FiscalCodes.VOUCHER_ENCODING_INVALID),
            Map.entry("inner-missing.xml", FiscalCodes.VOUCHER_MISSING),
            Map.entry("pay-amt-mismatch.xml", FiscalCodes.PAY_AMT_MISMATCH),
            Map.entry("unsupported-vt-code.xml", FiscalCodes.UNSUPPORTED_VT_CODE),
            Map.entry("envelope-voucher-no-mismatch.xml", FiscalCodes.ENVELOPE_FIELD_MISMATCH),
            Map.entry("bad-date.xml", FiscalCodes.BAD_DATE),
            Map.entry("bad-amount.xml", FiscalCodes.BAD_AMOUNT),
            Map.entry("detail-id-duplicate.xml", FiscalCodes.DETAIL_ID_DUPLICATE),
            Map.entry("missing-agency-code.xml", FiscalCodes.MISSING_FIELD)));

    static Stream<Arguments> corpus() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void failsWithItsExpectedCode(String file, String expectedCode) {
        byte[] bytes = resource("malformed/" + file);
        String code = TestVouchers.failureCode(expectedCode, () -> {
            EnvelopeReadResult r = FiscalEnvelopes.readPayments(new ByteArrayInputStream(bytes), file);
            return Stream.concat(r.envelopeErrors().stream(), r.vouchers().stream().flatMap(v -> v.errors().stream()));
        });
        assertThat(code).isEqualTo(expectedCode);
    }

    @Test
    void everyFileOfTheCorpusHasAnExpectedCode() throws URISyntaxException {
        File dir = new File(Objects.requireNonNull(getClass().getResource("/fiscal/malformed")).toURI());
        // the sub-folders are the corpora of the other voucher types (TypesMalformedCorpusTest)
        String[] files = Objects.requireNonNull(dir.list((d, name) -> new File(d, name).isFile()));

        assertThat(Arrays.asList(files)).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
}
