package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipeFileReaderTest {

    private final PipeFileReader reader = new PipeFileReader(TestProfiles.pipe());

    @Test
    void readsTheGoldenFile() {
        PipePaymentFile file = read("payment-demo-pipe.txt", Fixtures.bytes("payment-demo-pipe.txt"));
        assertThat(file.summary()).isEqualTo(new PipeSummary("B0001-001", LocalDate.of(2025, 1, 6), TestProfiles.UNIT,
                TestProfiles.PAYER, 3, new BigDecimal("13345.67")));
        assertThat(file.details()).hasSize(3);
        assertThat(file.details().get(1)).isEqualTo(new PipeDetail("E2E-0002", "欧阳·娜娜", new BigDecimal("7000.67"),
                "6222020200010000", TestProfiles.UNIT, "", "", 2));
    }

    @Test
    void acceptsLfLineEnds() {
        String lf = new String(Fixtures.bytes("payment-demo-pipe.txt"), TestProfiles.GBK).replace("\r\n", "\n");
        assertThat(read("lf.txt", lf.getBytes(TestProfiles.GBK)).details()).hasSize(3);
    }

    @Test
    void totalsMismatchNamesTheSummaryLineAndTheDifference() {
        assertThatThrownBy(() -> read("short.txt", Fixtures.bytes("malformed/TOTALS_MISMATCH.count.txt")))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("TOTALS_MISMATCH");
                    assertThat(e.problem().location()).isEqualTo("file short.txt line 1");
                    assertThat(e.problem().message()).contains("count -1").contains("amount -1345.00");
                });
    }

    @Test
    void parseLeavesTheTotalsToTheCaller() {
        PipePaymentFile file = reader.parse("short.txt",
                new ByteArrayInputStream(Fixtures.bytes("malformed/TOTALS_MISMATCH.count.txt")));
        assertThat(file.details()).hasSize(2);
        assertThat(file.summary().totalCount()).isEqualTo(3);
    }

    @Test
    void aBadAmountIsLocatedAtItsLine() {
        assertThatThrownBy(() -> read("bad.txt", Fixtures.bytes("malformed/MALFORMED_LINE.amount-one-decimal.txt")))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("MALFORMED_LINE");
                    assertThat(e.problem().location()).isEqualTo("file bad.txt line 2");
                });
    }

    @Test
    void undecodableBytesAreLocatedAtTheirLineAndNeverReplaced() {
        assertThatThrownBy(() -> read("gbk.txt", Fixtures.bytes("malformed/UNDECODABLE_BYTES.invalid-gbk.txt")))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNDECODABLE_BYTES");
                    assertThat(e.problem().location()).isEqualTo("file gbk.txt line 3");
                });
    }

    @Test
    void aHugeLineIsRefusedInsteadOfHeldInMemory() {
        byte[] huge = new byte[200_000];
        java.util.Arrays.fill(huge, (byte) 'A');
        assertThatThrownBy(() -> read("huge.txt", huge))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("MALFORMED_LINE");
                    assertThat(e.problem().location()).isEqualTo("file huge.txt line 1");
                });
    }

    /** Every file of the malformed corpus fails with the code its name starts with, never with another exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCorpus")
    void malformedCorpus(Path file) throws IOException {
        Fixtures.assertRefusedWithItsCode(file, this::read);
    }

    static Stream<Path> malformedCorpus() throws IOException, URISyntaxException {
        return Fixtures.corpus("malformed");
    }

    private PipePaymentFile read(String name, byte[] bytes) {
        return reader.read(name, new ByteArrayInputStream(bytes));
    }
}
