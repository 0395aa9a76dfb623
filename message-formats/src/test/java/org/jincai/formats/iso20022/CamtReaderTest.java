package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jincai.formats.iso20022.IsoFixtures.resource;
import static org.jincai.formats.iso20022.IsoFixtures.stream;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;

class CamtReaderTest {

    private static final String BATCH = "camt/camt.053.001.03-batch-booking.xml";

    private final CamtReader lenient = CamtReader.any(IsoReadOptions.lenient());
    private final CamtReader strict = CamtReader.any(IsoReadOptions.schemaStrict());

    @Test
    void readsAStatementWithBatchBookingReversalAndPendingEntry() {
        CamtReader.Document doc = strict.readAll(IsoFixtures.path(BATCH));

        assertThat(doc.result().valid()).isTrue();
        assertThat(doc.result().warnings()).isEmpty();
        assertThat(doc.result().messageNameId()).isEqualTo("camt.053.001.03");
        assertThat(doc.result().messageId()).isEqualTo("STMT-105100000017-20261201");
        BankStatement s = doc.statements().get(0);
        assertThat(s.id()).isEqualTo("110060149018000017-20261201");
        assertThat(s.electronicSequenceNumber()).isEqualTo("335");
        assertThat(s.accountId()).isEqualTo("110060149018000017");
        assertThat(s.accountCurrency()).isEqualTo("CNY");
        assertThat(s.accountOwnerName()).isEqualTo("某某市财政局");
        assertThat(s.accountServicer()).isEqualTo("105100000017");
        assertThat(s.balance(Balance.OPENING_BOOKED).amount()).isEqualByComparingTo("100000.00");
        assertThat(s.balance(Balance.CLOSING_BOOKED).signedAmount()).isEqualByComparingTo("79349.50");
        assertThat(s.balance(Balance.CLOSING_BOOKED).date()).isEqualTo(LocalDate.of(2026, 12, 1));

        StatementEntry batch = s.entries().get(0);
        assertThat(batch.amount()).isEqualByComparingTo("20650.51");
        assertThat(batch.creditDebit()).isEqualTo(CreditDebit.DBIT);
        assertThat(batch.status()).isEqualTo("BOOK");
        assertThat(batch.bankTransactionCode()).isEqualTo("PMNT/ICDT/DMCT");
        assertThat(batch.accountServicerReference()).isEqualTo("BK20261201000001");
        assertThat(batch.batches()).containsExactly(new EntryBatch("PAYROLL-202611", "PAYROLL-202611-01", 2,
                new BigDecimal("20650.51"), "CNY", CreditDebit.DBIT));
        assertThat(batch.transactions()).extracting(EntryTransaction::endToEndId, EntryTransaction::amount,
                        EntryTransaction::creditorName, EntryTransaction::creditorAccount, EntryTransaction::creditorAgent)
                .containsExactly(
                        tuple("PAY000000000001", new BigDecimal("8650.00"), "张伟", "6222020200112345678", "102100099996"),
                        tuple("PAY000000000002", new BigDecimal("12000.51"), "王𠀀芳", null, null));
        assertThat(batch.transactions().get(0).unstructuredRemittance()).containsExactly("2026年11月工资");
        assertThat(batch.transactions().get(1).creditorReferences())
                .containsExactly(new CreditorReference("SCOR", null, "RF18539007547034"));

        StatementEntry reversal = s.entries().get(1);
        assertThat(reversal.reversal()).isTrue();
        assertThat(reversal.bankTransactionCode()).isEqualTo("RETURN");
        assertThat(reversal.additionalInformation()).isEqualTo("退汇 PAY000000000003");
        assertThat(reversal.transactions().get(0).additionalInformation()).isEqualTo("收款账户已销户 account closed");

        StatementEntry pending = s.entries().get(2);
        assertThat(pending.status()).isEqualTo("PDNG");
        assertThat(pending.bookingDate()).isNull();
        assertThat(pending.bookingDateTime()).isEqualTo(OffsetDateTime.of(2026, 12, 1, 16, 30, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(pending.bookingDay()).isEqualTo(LocalDate.of(2026, 12, 1));

        assertThat(doc.result().credit()).containsEntry("CNY", new BigDecimal("0.01"));
        assertThat(doc.result().debit()).containsEntry("CNY", new BigDecimal("21150.51"));
    }

    @Test
    void streamsEntriesToTheHandlerAfterTheirStatementsHeader() {
        List<String> events = new ArrayList<>();

        CamtReader.Result r = lenient.read(IsoFixtures.path("samples/camt.053/genkgo__camt053.v2.multi.statement.xml"),
                new CamtReader.Handler() {
                    @Override
                    public void statement(BankStatement statement) {
                        events.add("statement " + statement.id() + " balances " + statement.balances().size());
                    }

                    @Override
                    public void entry(BankStatement statement, StatementEntry entry) {
                        events.add("entry of " + statement.id() + " " + entry.amount() + " " + entry.creditDebit());
                    }
                });

        assertThat(r.statements()).isEqualTo(2);
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).startsWith("statement ");
        assertThat(events.get(1)).startsWith("entry of ");
        assertThat(events.get(2)).startsWith("statement ");
    }

    @Test
    void readsTheVersion08FormsStatusCodePartyChoiceAndAmountInTxDtls() {
        CamtReader.Document doc = lenient.readAll(IsoFixtures.path("samples/camt.053/genkgo__camt053.v8.xml"));
        StatementEntry e = doc.statements().get(0).entries().get(0);

        assertThat(doc.result().messageNameId()).isEqualTo("camt.053.001.08");
        assertThat(e.status()).isEqualTo("BOOK");
        assertThat(e.bookingDateTime()).isEqualTo(OffsetDateTime.parse("2014-12-31T13:15:00+01:00"));
        assertThat(e.valueDate()).isEqualTo(LocalDate.of(2015, 1, 2));
        EntryTransaction t = e.transactions().get(0);
        assertThat(t.endToEndId()).isEqualTo("MUELL/FINP/RA12345");
        assertThat(t.debtorName()).isEqualTo("NAME NAME");
        assertThat(t.debtorAccount()).isEqualTo("NL56AGDH9619008421");
        assertThat(t.creditorName()).isEqualTo("Company Name");
        assertThat(t.amount()).isEqualByComparingTo("0");
        assertThat(t.creditorReferences()).containsExactly(new CreditorReference("SCOR", "BBA", "4654654654654654"));
        assertThat(doc.statements().get(0).balances()).extracting(Balance::type)
                .containsExactly("OPBD", "CLBD", "OPAV", "CLAV");
    }

    @Test
    void readsNotificationsAsStatements() {
        CamtReader.Document doc = CamtReader.camt054(IsoReadOptions.schemaStrict())
                .readAll(IsoFixtures.path("samples/camt.054/genkgo__camt054.v2.xml"));

        assertThat(doc.result().valid()).isTrue();
        assertThat(doc.result().messageNameId()).isEqualTo("camt.054.001.02");
        assertThat(doc.statements().get(0).isNotification()).isTrue();
        StatementEntry e = doc.statements().get(0).entries().get(0);
        assertThat(e.transactions()).hasSize(3);
        assertThat(e.transactions().get(2).unstructuredRemittance()).containsExactly(
                "Unstructured Remittance Information V3 block 1", "Unstructured Remittance Information V3 block 2");
    }

    @Test
    void aCamt053ReaderRefusesANotification() {
        assertThatThrownBy(() -> CamtReader.camt053(IsoReadOptions.lenient())
                .read(IsoFixtures.path("samples/camt.054/genkgo__camt054.v8.xml"), (s, e) -> {
                }))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
    }

    @Test
    void strictModeMakesSchemaViolationsErrorsLenientModeWarnings() {
        Path file = IsoFixtures.path("camt/camt.053.001.03-schema-deviations.xml");

        CamtReader.Result strictly = strict.read(file, (s, e) -> {
        });
        CamtReader.Result leniently = lenient.read(file, (s, e) -> {
        });

        assertThat(strictly.errors()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        assertThat(leniently.errors()).isEmpty();
        assertThat(leniently.warnings()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        // the content is read the same either way, odd whitespace in the amount included
        assertThat(leniently.entries()).isEqualTo(strictly.entries()).isEqualTo(3);
        assertThat(leniently.debit()).isEqualTo(strictly.debit());
    }

    @Test
    void lenientModeReadsADocumentWithoutNamespaceStrictModeRefusesIt() {
        Path file = IsoFixtures.path("camt/camt.053-no-namespace.xml");

        CamtReader.Result r = lenient.read(file, (s, e) -> {
        });

        assertThat(r.messageNameId()).isEqualTo("camt.053");
        assertThat(r.entries()).isEqualTo(3);
        assertThat(r.warnings()).extracting(Problem::code)
                .contains(IsoProblemCodes.ISO_NAMESPACE_MISSING, IsoProblemCodes.ISO_SCHEMA_UNAVAILABLE);
        assertThatThrownBy(() -> strict.read(file, (s, e) -> {
        }))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
    }

    @Test
    void readsAStreamTheSameAsAFile() {
        CamtReader.Document fromStream = strict.readAll(stream(resource(BATCH)), "batch.xml");
        CamtReader.Document fromFile = strict.readAll(IsoFixtures.path(BATCH));

        assertThat(fromStream.statements()).isEqualTo(fromFile.statements());
    }

    @Test
    void warnsWhenTheBalancesDoNotAddUp() {
        CamtReader.Result r = lenient.read(IsoFixtures.path("samples/camt.053/oca__test-camt053.xml"), (s, e) -> {
        });

        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(Problem::code).containsExactly(IsoProblemCodes.ISO_BALANCE_MISMATCH);
    }
}
