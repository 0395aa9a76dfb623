package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.junit.jupiter.api.Test;

class PipeReturnReaderTest {

    private final PipeReturnReader reader = new PipeReturnReader(TestProfiles.pipe());

    @Test
    void readsTheGoldenReturnFile() {
        BankAnswer answer = read("PAY-1.ret.txt", Fixtures.bytes("payment-demo-pipe.ret.txt"));
        assertThat(answer.fileName()).isEqualTo("PAY-1.ret.txt");
        assertThat(answer.originalReference()).isEqualTo("B0001-001");
        assertThat(answer.statuses()).containsExactly(
                new CreditStatus("E2E-0001", true, null, null),
                new CreditStatus("E2E-0002", false, "AC04", "account closed"),
                new CreditStatus("E2E-0003", true, null, null));
    }

    @Test
    void readsABankFileWithChineseReasonsAndLfLineEnds() {
        BankAnswer answer = read("bank.ret.txt", Fixtures.bytes("return-from-bank.ret.txt"));
        assertThat(answer.statuses()).extracting(CreditStatus::endToEndId, CreditStatus::accepted, CreditStatus::reasonText)
                .containsExactly(tuple("E2E-0101", true, null), tuple("E2E-0102", false, "账号不存在"));
    }

    @Test
    void writerAndReaderAgree() {
        PipeReturnFile file = reader.readFile("bank.ret.txt", new ByteArrayInputStream(Fixtures.bytes("payment-demo-pipe.ret.txt")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PipeReturnWriter(TestProfiles.pipe()).write(file, out);
        assertThat(out.toByteArray()).isEqualTo(Fixtures.bytes("payment-demo-pipe.ret.txt"));
    }

    @Test
    void aReturnWhoseSummaryDisagreesIsRefusedWhole() {
        String text = new String(Fixtures.bytes("payment-demo-pipe.ret.txt"), TestProfiles.GBK).replace("|3|13345.67", "|3|13345.68");
        assertThatThrownBy(() -> read("bad.ret.txt", text.getBytes(TestProfiles.GBK)))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("TOTALS_MISMATCH");
                    assertThat(e.problem().location()).isEqualTo("file bad.ret.txt line 1");
                    assertThat(e.problem().message()).contains("amount -0.01");
                });
    }

    @Test
    void anUnknownStatusIsRefused() {
        String text = new String(Fixtures.bytes("payment-demo-pipe.ret.txt"), TestProfiles.GBK).replace("|1|S||", "|1|P||");
        assertThatThrownBy(() -> read("bad.ret.txt", text.getBytes(TestProfiles.GBK)))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNKNOWN_STATUS");
                    assertThat(e.problem().location()).isEqualTo("file bad.ret.txt line 2");
                });
    }

    @Test
    void aPaymentFileIsNotAReturnFile() {
        assertThatThrownBy(() -> read("x.ret.txt", Fixtures.bytes("payment-demo-pipe.txt")))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_LINE"));
    }

    @Test
    void aShortReturnHasNoStatuses() {
        PipeReturnFile empty = new PipeReturnFile("x.ret.txt", new PipeSummary("B9", java.time.LocalDate.of(2025, 1, 6),
                "U", "P", 0, new BigDecimal("0.00")), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PipeReturnWriter(TestProfiles.pipe()).write(empty, out);
        assertThat(out.toString(TestProfiles.GBK)).isEqualTo("H|B9|20250106|U|P|CNY|0|0.00\r\n");
        assertThat(read("x.ret.txt", out.toByteArray()).statuses()).isEmpty();
    }

    private BankAnswer read(String name, byte[] bytes) {
        return reader.read(name, new ByteArrayInputStream(bytes));
    }
}
