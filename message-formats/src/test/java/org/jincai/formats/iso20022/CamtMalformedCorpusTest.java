package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code malformed/camt/} fails with its expected code, either thrown (the document
 * cannot be read) or as an error of the result (the document reads but a value is wrong), and never
 * with any other exception.
 */
class CamtMalformedCorpusTest {

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("empty.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("not-xml.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("truncated.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("mismatched-tag.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("two-roots.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("invalid-utf8.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("control-character.xml", IsoProblemCodes.ISO_NOT_READABLE),
            Map.entry("doctype-xxe.xml", SecureXml.DOCTYPE_NOT_ALLOWED),
            Map.entry("billion-laughs.xml", SecureXml.DOCTYPE_NOT_ALLOWED),
            Map.entry("undeclared-entity.xml", SecureXml.DOCTYPE_NOT_ALLOWED),
            Map.entry("wrong-root.xml", IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE),
            Map.entry("wrong-namespace.xml", IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE),
            Map.entry("wrong-message.xml", IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE),
            Map.entry("bad-amount.xml", IsoProblemCodes.ISO_AMOUNT_INVALID),
            Map.entry("missing-credit-debit.xml", IsoProblemCodes.ISO_FIELD_MISSING),
            Map.entry("bad-credit-debit.xml", IsoProblemCodes.ISO_CODE_INVALID),
            Map.entry("bad-date.xml", IsoProblemCodes.ISO_NOT_READABLE));

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(IsoFixtures.path("malformed/camt"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void everyFileOfTheCorpusHasAnExpectedCode() throws IOException {
        assertThat(files().toList()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void failsWithItsCodeInLenientMode(String file) {
        assertFailsWith(CamtReader.camt053(IsoReadOptions.lenientUnchecked()), file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void failsWithItsCodeInStrictMode(String file) {
        assertFailsWith(CamtReader.camt053(IsoReadOptions.schemaStrict()), file);
    }

    private static void assertFailsWith(CamtReader reader, String file) {
        String expected = EXPECTED.get(file);
        Path path = IsoFixtures.path("malformed/camt/" + file);
        CamtReader.Result[] result = new CamtReader.Result[1];
        Throwable thrown = catchThrowable(() -> result[0] = reader.read(path, (s, e) -> {
        }));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(FormatException.class);
            assertThat(((FormatException) thrown).code()).isEqualTo(expected);
        } else {
            List<String> codes = result[0].errors().stream().map(Problem::code).toList();
            assertThat(codes).contains(expected);
        }
    }
}
