package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.TransliterationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedFileWriterTest {

    private final FixedFileWriter writer = new FixedFileWriter(TestProfiles.fixed());

    @Test
    void writesTheGoldenFileByteForByte() {
        assertThat(write(TestProfiles.demoFixedFile())).isEqualTo(Fixtures.bytes("payment-demo-fixed.txt"));
    }

    @Test
    void everyRecordHasItsWidthInGbkBytes() {
        String[] lines = new String(write(TestProfiles.demoFixedFile()), TestProfiles.GBK).split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0].getBytes(TestProfiles.GBK)).hasSize(FixedLayout.HEADER_BYTES);
        assertThat(lines[2].getBytes(TestProfiles.GBK)).hasSize(FixedLayout.DETAIL_BYTES);
        // 欧阳·娜娜 is five characters but ten bytes: the padding makes up the other fifty
        assertThat(lines[2].length()).isEqualTo(FixedLayout.DETAIL_BYTES - 5);
        assertThat(lines[4]).isEqualTo("T000003000000001334567");
    }

    @Test
    void roundTripsThroughTheReader() {
        FixedPaymentFile read = new FixedFileReader(TestProfiles.fixed())
                .read("x.txt", new ByteArrayInputStream(write(TestProfiles.demoFixedFile())));
        assertThat(read.header()).isEqualTo(new FixedHeader("B0003-001", LocalDate.of(2025, 1, 6), TestProfiles.UNIT,
                TestProfiles.PAYER));
        assertThat(read.details()).extracting(FixedDetail::toCredit)
                .extracting(OutboundCredit::endToEndId, OutboundCredit::amount, OutboundCredit::payeeName,
                        OutboundCredit::payeeAccount, OutboundCredit::payeeBankNo)
                .containsExactlyElementsOf(TestProfiles.demoCredits().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.endToEndId(), c.amount(), c.payeeName(),
                                c.payeeAccount(), c.payeeBankNo()))
                        .toList());
        assertThat(read.trailer()).isEqualTo(new FixedTrailer(3, 1_334_567));
    }

    @Test
    void aNameLongerThanItsWidthInBytesIsRefusedNamingThePayeeNeverCut() {
        String thirtyOne = "欧".repeat(31); // 31 characters, 62 GBK bytes: two more than the field holds
        List<OutboundCredit> credits = List.of(TestProfiles.credit("E2E-0009", "1.00", thirtyOne, "6222020200009999"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> writer.write(file(credits), out))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("FIELD_TOO_LONG");
                    assertThat(e.getMessage()).contains(thirtyOne).contains("E2E-0009").contains("62 bytes");
                    assertThat(e.problem().location()).contains("line 2");
                });
        assertThat(out.size()).isZero();
    }

    @Test
    void thirtyChineseCharactersFitExactly() {
        String thirty = "欧".repeat(30);
        byte[] bytes = write(file(List.of(TestProfiles.credit("E2E-0009", "1.00", thirty, "6222020200009999"))));
        FixedPaymentFile read = new FixedFileReader(TestProfiles.fixed()).read("x.txt", new ByteArrayInputStream(bytes));
        assertThat(read.details().get(0).payeeName()).isEqualTo(thirty);
    }

    @Test
    void anAmountAboveNFifteenFenOverflowsInsteadOfWrapping() {
        BigDecimal max = FixedLayout.maxAmount();
        assertThat(max).isEqualByComparingTo("9999999999999.99").isEqualByComparingTo(BankFormat.FIXED_GBK.maxAmountPerFile());
        PaymentFile one = file(List.of(TestProfiles.credit("E2E-0001", "10000000000000.00", "张三", "6222")));
        assertThatThrownBy(() -> writer.write(one, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("AMOUNT_OVERFLOW");
                    assertThat(e.getMessage()).contains("张三");
                });
        PaymentFile two = file(List.of(TestProfiles.credit("E2E-0001", max.toPlainString(), "张三", "6222"),
                TestProfiles.credit("E2E-0002", "0.01", "李四", "6223")));
        assertThatThrownBy(() -> writer.write(two, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("AMOUNT_OVERFLOW");
                    assertThat(e.problem().location()).contains("E2E-0002");
                });
        byte[] largest = write(file(List.of(TestProfiles.credit("E2E-0001", max.toPlainString(), "张三", "6222"))));
        assertThat(new String(largest, TestProfiles.GBK)).endsWith("T000001999999999999999\r\n");
    }

    @Test
    void aNameGbkCannotEncodeIsRefusedNamingThePayee() {
        List<OutboundCredit> credits = new ArrayList<>(TestProfiles.demoCredits());
        credits.add(TestProfiles.credit("E2E-0004", "1.00", "张𠮷", "6222020200005555"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> writer.write(file(credits), out))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("CHARSET_UNENCODABLE");
                    assertThat(e.getMessage()).contains("张𠮷").contains("E2E-0004").contains("U+20BB7");
                });
        assertThat(out.size()).isZero();
    }

    @Test
    void underTheTransliterationPolicyTheNameIsCarriedWithItsCommonForm() {
        FixedFileWriter lenient = new FixedFileWriter(TestProfiles.fixed().withTransliteration(TransliterationPolicy.TRANSLITERATE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lenient.write(file(List.of(TestProfiles.credit("E2E-0004", "1.00", "张𠮷", "6222020200005555"),
                TestProfiles.credit("E2E-0005", "2.00", "买买提•艾力", "6222020200006666"))), out);
        String text = new String(out.toByteArray(), TestProfiles.GBK);
        assertThat(text).contains("张吉 ").contains("买买提·艾力 ").doesNotContain("?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"张\r\n三", "张\n三", "张\t三"})
    void aLineBreakInsideAFieldIsRefused(String name) {
        assertThatThrownBy(() -> writer.write(file(List.of(TestProfiles.credit("E2E-0001", "1.00", name, "6222"))),
                new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("FIELD_CONTAINS_SEPARATOR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "-1.00", "1.005"})
    void amountsMustBePositiveWholeFen(String amount) {
        assertThatThrownBy(() -> writer.write(file(List.of(TestProfiles.credit("E2E-0001", amount, "张三", "6222"))),
                new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_INVALID"));
    }

    @Test
    void emptyDuplicateAndTooLongIdsAreRefused() {
        assertThatThrownBy(() -> writer.write(file(List.of()), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("EMPTY_FILE"));
        OutboundCredit c = TestProfiles.credit("E2E-0001", "1.00", "张三", "6222");
        assertThatThrownBy(() -> writer.write(file(List.of(c, c)), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_END_TO_END_ID"));
        OutboundCredit longAccount = TestProfiles.credit("E2E-0001", "1.00", "张三", "6".repeat(33));
        assertThatThrownBy(() -> writer.write(file(List.of(longAccount)), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("FIELD_TOO_LONG"));
    }

    private static PaymentFile file(List<OutboundCredit> credits) {
        PaymentFile demo = TestProfiles.demoFixedFile();
        return new PaymentFile(demo.fileName(), demo.bankCode(), demo.messageId(), demo.executionDate(), demo.payerAccount(),
                demo.payerName(), demo.payerBankNo(), credits);
    }

    private byte[] write(PaymentFile file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(file, out);
        return out.toByteArray();
    }
}
