package org.jincai.bank.simulator.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.payroll;
import static org.jincai.formats.iso20022.IsoFixtures.resource;
import static org.jincai.formats.iso20022.IsoFixtures.stream;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.CreditTransferInitiation;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoFixtures;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.StatementEntry;
import org.junit.jupiter.api.Test;

class Camt053V08WriterTest {

    static final LocalDate BOOKED = LocalDate.of(2026, 12, 1);

    private final IsoXsdValidator validator = new IsoXsdValidator();

    /** The bank's statement of the fixture payroll: block 1 batch-booked, block 2 booked per credit. */
    static BankStatement statement() {
        CreditTransferInitiation p = IsoFixtures.withReferences();
        List<StatementEntry> entries = new ArrayList<>();
        entries.addAll(Camt053V08Writer.entriesFor(p.paymentInstructions().get(0), p.messageId(), true, BOOKED, "BK1-"));
        entries.addAll(Camt053V08Writer.entriesFor(p.paymentInstructions().get(1), p.messageId(), false, BOOKED, "BK2-"));
        BigDecimal opening = new BigDecimal("2000000.00");
        return new BankStatement("camt.053.001.08", null, null, "110060149018000017-20261201", "335", null,
                IsoFixtures.CREATED.plusDays(1), null, null, "110060149018000017", "CNY", "某某市财政局", "105100000017",
                List.of(new Balance("OPBD", opening, "CNY", CreditDebit.CRDT, BOOKED, null),
                        new Balance("CLBD", opening.subtract(p.controlSum()), "CNY", CreditDebit.CRDT, BOOKED, null)),
                entries);
    }

    @Test
    void writesAValidStatementWithBatchAndSingleBookings() {
        byte[] xml = Camt053V08Writer.toBytes("STMT-1", IsoFixtures.CREATED, List.of(statement()));

        assertThat(validator.validate(xml, "camt.053.001.08")).isEmpty();
        IsoFixtures.assertXmlSimilar(xml, resource("golden/camt.053.001.08-batch-booking.xml"));
    }

    @Test
    void readThenWriteGivesTheSameDocument() {
        byte[] golden = resource("golden/camt.053.001.08-batch-booking.xml");

        CamtReader.Document doc = CamtReader.camt053(IsoReadOptions.schemaStrict()).readAll(stream(golden), "golden.xml");
        byte[] again = Camt053V08Writer.toBytes(doc.result().messageId(), doc.statements().get(0).groupCreationDateTime(),
                doc.statements());

        assertThat(doc.result().valid()).isTrue();
        assertThat(doc.result().warnings()).isEmpty();
        IsoFixtures.assertXmlSimilar(again, golden);
    }

    @Test
    void eachCreditKeepsItsEndToEndIdInTheStatement() {
        CamtReader.Document doc = CamtReader.camt053(IsoReadOptions.schemaStrict()).readAll(stream(
                Camt053V08Writer.toBytes("STMT-1", IsoFixtures.CREATED, List.of(statement()))), "s.xml");
        List<StatementEntry> entries = doc.statements().get(0).entries();

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).amount()).isEqualByComparingTo("20650.51");
        assertThat(entries.get(0).batches().get(0).numberOfTransactions()).isEqualTo(3);
        assertThat(entries.get(0).transactions()).extracting(EntryTransaction::endToEndId)
                .containsExactly("PAY000000000001", "PAY000000000002", "PAY000000000003");
        assertThat(entries.get(1).transactions()).extracting(EntryTransaction::endToEndId).containsExactly("PAY000000000004");
        assertThat(doc.result().debit()).containsEntry("CNY", payroll().controlSum());
    }

    @Test
    void aStatementHeldInMemoryCarriesTheSummaryOfItsEntries() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Camt053V08Writer w = Camt053V08Writer.open(out, "STMT-1", IsoFixtures.CREATED)) {
            w.statementWithSummary(statement());
            w.finish();
        }
        String sum = payroll().controlSum().setScale(2).toPlainString();

        assertThat(validator.validate(out.toByteArray(), "camt.053.001.08")).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("</Bal>\\s*<TxsSummry>\\s*<TtlNtries>\\s*"
                + "<NbOfNtries>2</NbOfNtries>\\s*<Sum>" + sum + "</Sum>\\s*<TtlNetNtry>\\s*<Amt>" + sum
                + "</Amt>\\s*<CdtDbtInd>DBIT</CdtDbtInd>\\s*</TtlNetNtry>\\s*</TtlNtries>\\s*<TtlCdtNtries>\\s*"
                + "<NbOfNtries>0</NbOfNtries>\\s*<Sum>0.00</Sum>\\s*</TtlCdtNtries>\\s*<TtlDbtNtries>\\s*"
                + "<NbOfNtries>2</NbOfNtries>\\s*<Sum>" + sum + "</Sum>\\s*</TtlDbtNtries>\\s*</TxsSummry>\\s*<Ntry>");
    }

    @Test
    void refusesAStatementWithoutBalance() {
        BankStatement s = statement();
        BankStatement noBalance = new BankStatement(s.messageNameId(), null, null, s.id(), null, null, null, null, null,
                s.accountId(), null, null, null, List.of(), s.entries());

        assertThatThrownBy(() -> Camt053V08Writer.toBytes("STMT-1", IsoFixtures.CREATED, List.of(noBalance)))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_FIELD_MISSING);
    }
}
