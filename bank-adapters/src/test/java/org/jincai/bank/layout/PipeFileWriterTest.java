package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.TransliterationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipeFileWriterTest {

    private final PipeFileWriter writer = new PipeFileWriter(TestProfiles.pipe());

    @Test
    void writesTheGoldenFileByteForByte() {
        assertThat(write(TestProfiles.demoFile())).isEqualTo(Fixtures.bytes("payment-demo-pipe.txt"));
    }

    @Test
    void roundTripsThroughTheReader() {
        byte[] bytes = write(TestProfiles.demoFile());
        PipePaymentFile read = new PipeFileReader(TestProfiles.pipe()).read("x.txt", new ByteArrayInputStream(bytes));
        assertThat(read.details()).extracting(PipeDetail::toCredit).extracting(OutboundCredit::endToEndId, OutboundCredit::amount,
                        OutboundCredit::payeeName, OutboundCredit::payeeAccount)
                .containsExactlyElementsOf(TestProfiles.demoCredits().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.endToEndId(), c.amount(), c.payeeName(), c.payeeAccount()))
                        .toList());
    }

    @Test
    void aNameGbkCannotEncodeIsRefusedBeforeAnyByteIsWritten() {
        List<OutboundCredit> credits = new ArrayList<>(TestProfiles.demoCredits());
        credits.add(TestProfiles.credit("E2E-0004", "1.00", "王\uD845\uDC84", "6222020200005555")); // 王𡒄: CJK Ext. B
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> writer.write(TestProfiles.demoFile(credits), out))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("CHARSET_UNENCODABLE");
                    assertThat(e.getMessage()).contains("E2E-0004").contains("王\uD845\uDC84").contains("U+21484");
                });
        assertThat(out.size()).isZero();
    }

    @Test
    void underTheTransliterationPolicyTheNameGoesOnTheWireInItsCommonForm() {
        PipeFileWriter lenient = new PipeFileWriter(TestProfiles.pipe().withTransliteration(TransliterationPolicy.TRANSLITERATE));
        List<OutboundCredit> credits = List.of(TestProfiles.credit("E2E-0004", "1.00", "张𠮷", "6222020200005555"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lenient.write(TestProfiles.demoFile(credits), out);
        assertThat(new String(out.toByteArray(), TestProfiles.GBK)).contains("|E2E-0004|张吉|1.00|").doesNotContain("?");

        List<OutboundCredit> unknown = List.of(TestProfiles.credit("E2E-0005", "1.00", "王\uD845\uDC84", "6222020200005555"));
        assertThatThrownBy(() -> lenient.write(TestProfiles.demoFile(unknown), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("CHARSET_UNENCODABLE");
                    assertThat(e.getMessage()).contains("E2E-0005").contains("no transliteration is known");
                });
    }

    @Test
    void theSameNameIsFineInUtf8() {
        List<OutboundCredit> credits = List.of(TestProfiles.credit("E2E-0004", "1.00", "王\uD845\uDC84", "6222020200005555"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PipeFileWriter(StandardCharsets.UTF_8).write(TestProfiles.demoFile(credits), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("|王\uD845\uDC84|1.00|");
    }

    @ParameterizedTest
    @ValueSource(strings = {"张|三", "张\r\n三", "张\n三", "张\t三"})
    void aSeparatorOrLineBreakInsideAFieldIsRefused(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaymentFile file = TestProfiles.demoFile(List.of(TestProfiles.credit("E2E-0001", "1.00", name, "6222")));
        assertThatThrownBy(() -> writer.write(file, out))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("FIELD_CONTAINS_SEPARATOR");
                    assertThat(e.problem().location()).contains("E2E-0001");
                });
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "-1.00", "1.005"})
    void amountsMustBePositiveWholeFen(String amount) {
        PaymentFile file = TestProfiles.demoFile(List.of(TestProfiles.credit("E2E-0001", amount, "张三", "6222")));
        assertThatThrownBy(() -> writer.write(file, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_INVALID"));
    }

    @Test
    void trailingZeroDecimalsAreWhole() {
        PaymentFile file = TestProfiles.demoFile(List.of(TestProfiles.credit("E2E-0001", "12.500", "张三", "6222")));
        assertThat(new String(write(file), TestProfiles.GBK)).contains("|张三|12.50|").contains("|CNY|1|12.50\r\n");
    }

    @Test
    void emptyAndDuplicateFilesAreRefused() {
        assertThatThrownBy(() -> writer.write(TestProfiles.demoFile(List.of()), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("EMPTY_FILE"));
        OutboundCredit c = TestProfiles.credit("E2E-0001", "1.00", "张三", "6222");
        assertThatThrownBy(() -> writer.write(TestProfiles.demoFile(List.of(c, c)), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_END_TO_END_ID"));
    }

    @Test
    void missingPayeeAccountIsRefused() {
        PaymentFile file = TestProfiles.demoFile(List.of(TestProfiles.credit("E2E-0001", "1.00", "张三", " ")));
        assertThatThrownBy(() -> writer.write(file, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("FIELD_MISSING"));
    }

    @Test
    void leavesTheCallersStreamOpen() {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the writer must not close the caller's stream");
            }
        };
        writer.write(TestProfiles.demoFile(), out);
        assertThat(out.size()).isEqualTo(Fixtures.bytes("payment-demo-pipe.txt").length);
    }

    private byte[] write(PaymentFile file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(file, out);
        return out.toByteArray();
    }

    @Test
    void underThePinyinPolicyNamesGoOnTheWireInPinyinAndOtherTextInGbk() {
        PipeFileWriter pinyin = new PipeFileWriter(TestProfiles.pipe().withTransliteration(TransliterationPolicy.PINYIN));
        List<OutboundCredit> credits = List.of(TestProfiles.credit("E2E-0004", "1.00", "欧阳文峰", "6222020200005555"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pinyin.write(TestProfiles.demoFile(credits), out);
        String written = new String(out.toByteArray(), TestProfiles.GBK);
        assertThat(written).contains("|E2E-0004|Ouyang Wenfeng|1.00|").doesNotContain("欧阳");

        List<OutboundCredit> noReading = List.of(TestProfiles.credit("E2E-0005", "1.00", "张伟\uD83D\uDE00", "6222020200005555"));
        assertThatThrownBy(() -> pinyin.write(TestProfiles.demoFile(noReading), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("CHARSET_UNENCODABLE");
                    assertThat(e.getMessage()).contains("E2E-0005").contains("no pinyin reading");
                });
    }
}
