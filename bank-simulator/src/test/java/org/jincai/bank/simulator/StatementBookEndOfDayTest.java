package org.jincai.bank.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.StatementEntry;
import org.junit.jupiter.api.Test;

/**
 * The end-of-day camt.053 of a simulated bank: the day's bookings, returns and reversals of earlier credits days
 * later, a fee and a stray credit; each opening at the previous closing unless a fault breaks the chain; batches
 * with or without TxDtls. Every statement passes the reader strictly (the writer validates against the XSD).
 */
class StatementBookEndOfDayTest {

    static final LocalDate DAY1 = LocalDate.of(2026, 12, 1);
    static final String PAYER = "9558800000000001";

    private static SimulatedBatch batch(String msgId, int credits) {
        List<SimulatedBatch.Credit> cs = new java.util.ArrayList<>();
        for (int i = 1; i <= credits; i++) {
            cs.add(new SimulatedBatch.Credit(msgId, msgId + "-" + i, new OutboundCredit(msgId + "E2E" + i,
                    new BigDecimal(100 * i + ".00"), "payee " + i, "622200000000000" + i, null, null, null)));
        }
        return new SimulatedBatch(msgId, DAY1, PAYER, "payer", cs);
    }

    private static BankStatement read(AnswerFile f) {
        CamtReader.Document doc = CamtReader.camt053(IsoReadOptions.strict())
                .readAll(new ByteArrayInputStream(f.content()), f.name());
        assertThat(doc.result().errors()).isEmpty();
        return doc.statements().get(0);
    }

    private static BigDecimal sum(BankStatement s) {
        return s.entries().stream().map(StatementEntry::signedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void eachDayOpensAtThePreviousClosingAndCarriesBookingsReturnsReversalsAFeeAndAStrayCredit() {
        StatementBook book = new StatementBook(TestProfiles.iso(), Clock.systemUTC());
        SimulatedBatch file = batch("MSG1", 6);
        book.book("f1.xml", file, file.credits(), true);

        EndOfDay eod = new EndOfDay(new BigDecimal("25.00"), new BigDecimal("1888.00"), 5, 1, false, null);
        BankStatement day1 = read(book.closeDay(DAY1, eod).get(0));
        BankStatement day2 = read(book.closeDay(DAY1.plusDays(1), eod).get(0));
        BankStatement day3 = read(book.closeDay(DAY1.plusDays(2), eod).get(0));

        assertThat(day1.electronicSequenceNumber()).isEqualTo("1");
        assertThat(day2.electronicSequenceNumber()).isEqualTo("2");
        for (BankStatement s : List.of(day1, day2, day3)) {
            assertThat(s.balance(Balance.OPENING_BOOKED).signedAmount().add(sum(s)))
                    .isEqualByComparingTo(s.balance(Balance.CLOSING_BOOKED).signedAmount());
        }
        assertThat(day2.balance(Balance.OPENING_BOOKED).amount())
                .isEqualByComparingTo(day1.balance(Balance.CLOSING_BOOKED).amount());
        assertThat(day1.entries()).extracting(StatementEntry::bankTransactionCode)
                .containsExactly("PMNT/ICDT/DMCT", "ACMT/MDOP/CHRG", "PMNT/RCDT/DMCT");
        List<StatementEntry> back = day2.entries().stream().filter(e -> "PMNT/ICDT/RRTN".equals(e.bankTransactionCode()))
                .toList();
        assertThat(back).as("the 1st and the 6th credit come back a day later").hasSize(2);
        assertThat(back.get(0).reversal()).isFalse();
        assertThat(back.get(0).creditDebit()).isEqualTo(CreditDebit.CRDT);
        assertThat(back.get(0).transactions().get(0).endToEndId()).isEqualTo("MSG1E2E1");
        assertThat(back.get(0).additionalInformation()).startsWith("AC04");
        assertThat(back.get(1).reversal()).as("the second one a reversal").isTrue();
        assertThat(day3.entries()).as("nothing comes back twice").noneMatch(e -> "PMNT/ICDT/RRTN".equals(e.bankTransactionCode()));
    }

    @Test
    void aBalanceBreakAndBatchesWithoutTxDtlsAreWhatTheFaultSays() {
        StatementBook book = new StatementBook(TestProfiles.iso(), Clock.systemUTC());
        SimulatedBatch file = batch("MSG2", 2);
        book.book("f2.xml", file, file.credits(), true);

        BankStatement day1 = read(book.closeDay(DAY1, EndOfDay.bookingsOnly().withBatchWithoutTxDtls()).get(0));
        BankStatement day2 = read(book.closeDay(DAY1.plusDays(1),
                EndOfDay.bookingsOnly().withBalanceBreak(new BigDecimal("10.00"))).get(0));

        assertThat(day1.entries()).singleElement().satisfies(e -> {
            assertThat(e.batches()).singleElement().satisfies(b -> assertThat(b.messageId()).isEqualTo("MSG2"));
            assertThat(e.transactions()).isEmpty();
        });
        assertThat(day2.balance(Balance.OPENING_BOOKED).amount()).isEqualByComparingTo(
                day1.balance(Balance.CLOSING_BOOKED).amount().add(new BigDecimal("10.00")));
    }

    @Test
    void aBankThatNotifiesIntradaySendsACamt054PerFileAndBooksTheSameEntriesAtTheEndOfTheDay() {
        StatementBook book = new StatementBook(TestProfiles.iso().withIntradayNotifications(true), Clock.systemUTC());
        SimulatedBatch file = batch("MSG3", 3);

        AnswerFile notified = book.book("DEMO-ISO_MSG3.xml", file, file.credits(), true);

        assertThat(notified.name()).isEqualTo("DEMO-ISO_MSG3.camt054.xml");
        CamtReader.Document doc = CamtReader.camt054(IsoReadOptions.strict())
                .readAll(new ByteArrayInputStream(notified.content()), notified.name());
        assertThat(doc.result().errors()).isEmpty();
        BankStatement n = doc.statements().get(0);
        assertThat(n.isNotification()).isTrue();
        assertThat(n.balances()).isEmpty();
        assertThat(n.accountId()).isEqualTo(PAYER);
        assertThat(n.entries()).hasSize(1);
        StatementEntry notifiedEntry = n.entries().get(0);
        assertThat(notifiedEntry.amount()).isEqualByComparingTo("600.00");
        assertThat(notifiedEntry.transactions()).extracting(t -> t.endToEndId())
                .containsExactly("MSG3E2E1", "MSG3E2E2", "MSG3E2E3");

        BankStatement day = read(book.closeDay(DAY1, EndOfDay.bookingsOnly()).get(0));
        assertThat(day.entries()).extracting(StatementEntry::accountServicerReference)
                .containsExactly(notifiedEntry.accountServicerReference());
        assertThat(day.entries().get(0).amount()).isEqualByComparingTo(notifiedEntry.amount());
        assertThat(day.balance(Balance.CLOSING_BOOKED).amount())
                .isEqualByComparingTo(StatementBook.DEFAULT_OPENING_BALANCE.subtract(new BigDecimal("600.00")));
    }

    @Test
    void aBankWithoutIntradayNotificationsSendsAStatementPerFile() {
        StatementBook book = new StatementBook(TestProfiles.iso(), Clock.systemUTC());
        SimulatedBatch file = batch("MSG4", 1);

        AnswerFile sent = book.book("DEMO-ISO_MSG4.xml", file, file.credits(), true);

        assertThat(sent.name()).isEqualTo("DEMO-ISO_MSG4.camt053.xml");
        assertThat(read(sent).isNotification()).isFalse();
    }
}
