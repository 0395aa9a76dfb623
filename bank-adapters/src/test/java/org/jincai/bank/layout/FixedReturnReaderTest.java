package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.junit.jupiter.api.Test;

class FixedReturnReaderTest {

    private final FixedReturnReader reader = new FixedReturnReader(TestProfiles.fixed());

    @Test
    void readsTheGoldenReturnFile() {
        BankAnswer answer = reader.read("PAY.ret.txt", new ByteArrayInputStream(Fixtures.bytes("payment-demo-fixed.ret.txt")));
        assertThat(answer.originalReference()).isEqualTo("B0003-001");
        assertThat(answer.statuses()).containsExactly(
                new CreditStatus("E2E-0001", true, null, null),
                new CreditStatus("E2E-0002", false, "AC04", "account closed"),
                new CreditStatus("E2E-0003", true, null, null));
    }

    @Test
    void theReturnWriterWritesTheGoldenReturnFileBack() {
        FixedReturnFile file = reader.readFile("PAY.ret.txt",
                new ByteArrayInputStream(Fixtures.bytes("payment-demo-fixed.ret.txt")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FixedReturnWriter(TestProfiles.fixed()).write(file, out);
        assertThat(out.toByteArray()).isEqualTo(Fixtures.bytes("payment-demo-fixed.ret.txt"));
    }

    @Test
    void aReturnWhoseTrailerDisagreesIsRefusedWhole() {
        FixedReturnFile good = reader.readFile("r.ret.txt",
                new ByteArrayInputStream(Fixtures.bytes("payment-demo-fixed.ret.txt")));
        FixedReturnFile wrong = new FixedReturnFile(good.fileName(), good.header(), good.lines(),
                new FixedTrailer(3, good.trailer().totalFen() + 100));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FixedReturnWriter(TestProfiles.fixed()).write(wrong, out);
        assertThatThrownBy(() -> reader.read("r.ret.txt", new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("TOTALS_MISMATCH");
                    assertThat(e.problem().location()).isEqualTo("file r.ret.txt line 5");
                    assertThat(e.getMessage()).contains("amount -1.00");
                });
    }

    @Test
    void anUnknownStatusOrAnIdAnsweredTwiceIsRefused() {
        FixedReturnFile good = reader.readFile("r.ret.txt",
                new ByteArrayInputStream(Fixtures.bytes("payment-demo-fixed.ret.txt")));
        FixedReturnLine first = good.lines().get(0);
        FixedReturnFile unknown = new FixedReturnFile("r.ret.txt", good.header(),
                List.of(new FixedReturnLine(first.detail(), "X", "", "")), new FixedTrailer(1, first.detail().amountFen()));
        assertThatThrownBy(() -> reader.read("r.ret.txt", new ByteArrayInputStream(bytes(unknown))))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_STATUS"));

        FixedDetail again = new FixedDetail(2, first.detail().endToEndId(), "6222", "李四", "", 1);
        FixedReturnFile twice = new FixedReturnFile("r.ret.txt", good.header(),
                List.of(first, FixedReturnLine.success(again)), new FixedTrailer(2, first.detail().amountFen() + 1));
        assertThatThrownBy(() -> reader.read("r.ret.txt", new ByteArrayInputStream(bytes(twice))))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_END_TO_END_ID"));
    }

    @Test
    void theReturnWriterRefusesAReasonTooLongForItsField() {
        FixedReturnFile good = reader.readFile("r.ret.txt",
                new ByteArrayInputStream(Fixtures.bytes("payment-demo-fixed.ret.txt")));
        FixedReturnLine tooLong = FixedReturnLine.failure(good.lines().get(0).detail(), "AC04", "账".repeat(31));
        FixedReturnFile file = new FixedReturnFile("r.ret.txt", good.header(), List.of(tooLong),
                new FixedTrailer(1, tooLong.detail().amountFen()));
        assertThatThrownBy(() -> bytes(file))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("FIELD_TOO_LONG"));
    }

    private static byte[] bytes(FixedReturnFile file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FixedReturnWriter(TestProfiles.fixed()).write(file, out);
        return out.toByteArray();
    }
}
