package org.jincai.bank.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jincai.bank.file.BankFileException;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.junit.jupiter.api.Test;

class Camt053V08WriterTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 6);
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-01-06T17:00:00+08:00");

    private final Camt053V08Writer writer = new Camt053V08Writer();

    private static Camt053Statement.Entry debit(String ref, String amount) {
        BigDecimal a = new BigDecimal(amount);
        return new Camt053Statement.Entry("1", a, false, DAY, DAY, ref, null, List.of(new Camt053Statement.Transaction(ref,
                "B1", "B1", "E2E-" + ref, "E2E-" + ref, a, false, "张三", "6222020200001111", null)));
    }

    private static Camt053Statement statement(String opening, String closing, List<Camt053Statement.Entry> entries) {
        return new Camt053Statement("STMT-1", NOW, "STMT-1", 7, "440201000000001234", "CNY", "广州市财政局国库支付中心",
                "104581000012", DAY, new BigDecimal(opening), new BigDecimal(closing), entries);
    }

    @Test
    void aStatementThatAddsUpIsXsdValid() {
        byte[] xml = writer.write(statement("100.00", "40.00", List.of(debit("R1", "10.00"), debit("R2", "50.00"))));
        assertThat(new IsoXsdValidator().validate(xml, "camt.053.001.08")).isEmpty();
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">")
                .contains("<ElctrncSeqNb>7</ElctrncSeqNb>", "<CreDtTm>2025-01-06T17:00:00+08:00</CreDtTm>",
                        "<AcctSvcrRef>R1</AcctSvcrRef>", "<EndToEndId>E2E-R2</EndToEndId>");
    }

    @Test
    void aDebitBalanceIsWrittenAsAnAmountWithDbit() {
        String xml = new String(writer.write(statement("10.00", "-40.00", List.of(debit("R1", "50.00")))), StandardCharsets.UTF_8);
        assertThat(xml).containsPattern("<Cd>CLBD</Cd>\\s*</CdOrPrtry>\\s*</Tp>\\s*<Amt Ccy=\"CNY\">40.00</Amt>\\s*<CdtDbtInd>DBIT</CdtDbtInd>");
    }

    @Test
    void balancesThatDoNotAddUpAreRefused() {
        assertThatThrownBy(() -> writer.write(statement("100.00", "50.00", List.of(debit("R1", "10.00")))))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("TOTALS_MISMATCH"));
    }

    @Test
    void aBatchThatDisagreesWithItsTransactionsIsRefused() {
        Camt053Statement.Entry one = debit("R1", "10.00");
        Camt053Statement.Entry wrongBatch = new Camt053Statement.Entry("1", one.amount(), false, DAY, DAY, "R1",
                new Camt053Statement.Batch("B1", "B1", 2, one.amount(), false), one.transactions());
        assertThatThrownBy(() -> writer.write(statement("100.00", "90.00", List.of(wrongBatch))))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("TOTALS_MISMATCH"));
    }

    @Test
    void anAccountTheSchemaRefusesIsIsoOutputInvalid() {
        Camt053Statement s = statement("1.00", "1.00", List.of());
        Camt053Statement tooLong = new Camt053Statement(s.messageId(), NOW, s.statementId(), 1, "6".repeat(35), "CNY", null, null,
                DAY, s.openingBalance(), s.closingBalance(), List.of());
        assertThatThrownBy(() -> writer.write(tooLong))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo(IsoBankErrors.ISO_OUTPUT_INVALID));
    }
}
