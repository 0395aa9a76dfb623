package org.jincai.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementServiceTest {

    static final LocalDate VALUE = LocalDate.of(2026, 11, 30);

    @TempDir
    Path home;
    CoreFixture core;
    List<Payment> sent;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        StagedFile iso = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
                .findFirst().orElseThrow();
        core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route");
        sent = core.payments.findByDelivery(iso.deliveryId());
        core.answers.apply("DEMO-ISO", "p2".getBytes(), new BankAnswer("s.pain002.xml", iso.messageId(),
                sent.stream().map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList()), false, "inbound");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    /** One batch-booked entry with a TxDtls per payment, as DEMO-ISO books a file with batch booking on. */
    private List<BookedLine> batchEntry(List<Payment> payments) {
        List<BookedLine> lines = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            lines.add(new BookedLine("REF-0001", i + 1, p.paymentId(), p.amount(), "CNY", "DBIT", VALUE, VALUE, false,
                    "REF-0001"));
        }
        return lines;
    }

    @Test
    void aBookedDebitForEachPaymentMakesItPaidWithTheBanksDateAndReference() {
        AnswerResult result = core.statements.apply("DEMO-ISO", "stmt-1.xml", "s1".getBytes(), "STMT-1",
                batchEntry(sent), "inbound");

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.voucherIds()).hasSize(1);
        assertThat(core.payments.findByDelivery(sent.get(0).deliveryId())).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(p.paidDate()).isEqualTo(VALUE);
            assertThat(p.bankReference()).isEqualTo("REF-0001");
        });
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NOT NULL")).isEqualTo(3);
    }

    @Test
    void theSameEntriesInAnotherFileAreKeptOnceAndChangeNothing() {
        core.statements.apply("DEMO-ISO", "stmt-1.xml", "s1".getBytes(), "STMT-1", batchEntry(sent), "inbound");
        int events = core.db.count("SELECT COUNT(*) FROM payment_event");

        AnswerResult again = core.statements.apply("DEMO-ISO", "stmt-1-copy.xml", "s1-copy".getBytes(), "STMT-1",
                batchEntry(sent), "inbound");
        AnswerResult sameFile = core.statements.apply("DEMO-ISO", "stmt-1.xml", "s1".getBytes(), "STMT-1",
                batchEntry(sent), "inbound");

        assertThat(again.alreadyApplied()).isEqualTo(3);
        assertThat(sameFile.outcome()).isEqualTo(AnswerResult.Outcome.DUPLICATE);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event")).isEqualTo(events);
    }

    @Test
    void aLineRepeatedInsideOneFileIsKeptOnceAndTheFileStillApplies() {
        List<BookedLine> lines = new ArrayList<>(batchEntry(sent));
        lines.add(lines.get(0));

        AnswerResult result = core.statements.apply("DEMO-ISO", "stmt-3.xml", "s3".getBytes(), "STMT-3", lines,
                "inbound");

        assertThat(result.outcome()).isEqualTo(AnswerResult.Outcome.APPLIED);
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.alreadyApplied()).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM inbound_file WHERE file_name = 'stmt-3.xml'")).isEqualTo(1);
    }

    @Test
    void aLineWithAnotherAmountOrUnknownIdOrAReversalIsKeptButPaysNothing() {
        Payment p = sent.get(0);
        List<BookedLine> lines = List.of(
                new BookedLine("R1", 1, p.paymentId(), p.amount().add(java.math.BigDecimal.ONE), "CNY", "DBIT", VALUE,
                        VALUE, false, "R1"),
                new BookedLine("R2", 1, "UNKNOWN-E2E", p.amount(), "CNY", "DBIT", VALUE, VALUE, false, "R2"),
                new BookedLine("R3", 1, p.paymentId(), p.amount(), "CNY", "CRDT", VALUE, VALUE, true, "R3"));

        AnswerResult result = core.statements.apply("DEMO-ISO", "stmt-2.xml", "s2".getBytes(), "STMT-2", lines,
                "inbound");

        assertThat(result.accepted()).isZero();
        assertThat(core.payments.find(p.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.ACCEPTED);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NULL")).isEqualTo(3);
    }
}
