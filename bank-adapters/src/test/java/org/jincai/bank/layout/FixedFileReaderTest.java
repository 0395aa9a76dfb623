package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixedFileReaderTest {

    private final FixedFileReader reader = new FixedFileReader(TestProfiles.fixed());

    @Test
    void readsTheGoldenFile() {
        FixedPaymentFile file = read("PAY.txt", Fixtures.bytes("payment-demo-fixed.txt"));
        assertThat(file.header().messageId()).isEqualTo("B0003-001");
        assertThat(file.header().payerName()).isEqualTo(TestProfiles.PAYER);
        assertThat(file.details()).extracting(FixedDetail::sequence, FixedDetail::endToEndId, FixedDetail::payeeName,
                        FixedDetail::amountFen)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "E2E-0001", "张三", 500_000L),
                        org.assertj.core.groups.Tuple.tuple(2, "E2E-0002", "欧阳·娜娜", 700_067L),
                        org.assertj.core.groups.Tuple.tuple(3, "E2E-0003", "李四", 134_500L));
        assertThat(file.detailTotal()).isEqualByComparingTo(new BigDecimal("13345.67"));
    }

    @Test
    void aTrailerThatDisagreesRefusesTheWholeFileAtTheTrailerWithTheDifference() {
        assertThatThrownBy(() -> read("p.txt", Fixtures.bytes("malformed-fixed/TOTALS_MISMATCH.amount.txt")))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("TOTALS_MISMATCH");
                    assertThat(e.problem().location()).isEqualTo("file p.txt line 5");
                    assertThat(e.getMessage()).contains("count 0").contains("amount -0.01");
                });
    }

    @Test
    void parseLeavesTotalsToTheCaller() {
        FixedPaymentFile file = reader.parse("p.txt",
                new ByteArrayInputStream(Fixtures.bytes("malformed-fixed/TOTALS_MISMATCH.count.txt")));
        assertThat(file.details()).hasSize(3);
        assertThat(file.trailer().totalCount()).isEqualTo(4);
    }

    @Test
    void aCharacterCutByTheFieldsEndIsUndecodableNeverAReplacementCharacter() {
        assertThatThrownBy(() -> read("p.txt", Fixtures.bytes("malformed-fixed/UNDECODABLE_BYTES.character-cut-by-field.txt")))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNDECODABLE_BYTES");
                    assertThat(e.problem().location()).isEqualTo("file p.txt line 3");
                    assertThat(e.getMessage()).contains("payeeName");
                });
    }

    @Test
    void lineFeedsAloneAreAccepted() {
        byte[] lf = new String(Fixtures.bytes("payment-demo-fixed.txt"), TestProfiles.GBK).replace("\r\n", "\n")
                .getBytes(TestProfiles.GBK);
        assertThat(read("p.txt", lf).details()).hasSize(3);
    }

    /** Every file of the malformed corpus fails with the code its name starts with, never with another exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCorpus")
    void malformedCorpus(Path file) throws IOException {
        Fixtures.assertRefusedWithItsCode(file, this::read);
    }

    static Stream<Path> malformedCorpus() throws IOException, URISyntaxException {
        return Fixtures.corpus("malformed-fixed");
    }

    private FixedPaymentFile read(String name, byte[] bytes) {
        return reader.read(name, new ByteArrayInputStream(bytes));
    }
}
