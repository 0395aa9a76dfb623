package org.jincai.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements on a real database: only booked entries pay, batches booked as a whole are matched to the file
 * they name or fit, and nothing a bank can send makes the statement throw.
 */
class StatementServiceTest {

    static final LocalDate VALUE = LocalDate.of(2026, 11, 30);

    @TempDir
    Path home;
    CoreFixture core;
    StagedFile iso;
    List<Payment> sent;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        iso = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
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

    private static BankEntry entry(String key, String status, BigDecimal amount, String cd, Set<String> files,
                                   List<BankEntry.Transaction> txs) {
        return new BankEntry(key, status, amount, "CNY", cd, VALUE, VALUE, false, key, files, txs);
    }

    private static BankEntry.Transaction tx(String e2e, BigDecimal amount) {
        return new BankEntry.Transaction(e2e, amount, null, null, null);
    }

    private BigDecimal total() {
        return sent.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One batch-booked entry with a TxDtls per payment carrying its amount, as DEMO-ISO books a file. */
    private BankEntry batchEntry(String key, String status) {
        return entry(key, status, total(), "DBIT", Set.of(iso.messageId()),
                sent.stream().map(p -> tx(p.paymentId(), p.amount())).toList());
    }

    private AnswerResult apply(String file, BankEntry... entries) {
        return core.statements.apply("DEMO-ISO", file, file.getBytes(), "STMT-" + file, List.of(entries), List.of(),
                "inbound");
    }

    private List<PaymentStatus> statuses() {
        return core.payments.findByDelivery(iso.deliveryId()).stream().map(Payment::status).toList();
    }

    private String reasonOf(String key) {
        return core.db.jdbc().queryForObject("SELECT MAX(reason) FROM statement_entry WHERE entry_key = :k",
                Map.of("k", key), String.class);
    }

    @Test
    void aBookedDebitForEachPaymentMakesItPaidWithTheBanksDateAndReference() {
        AnswerResult result = apply("stmt-1.xml", batchEntry("REF-0001", "BOOK"));

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.voucherIds()).hasSize(1);
        assertThat(core.payments.findByDelivery(iso.deliveryId())).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(p.paidDate()).isEqualTo(VALUE);
            assertThat(p.bankReference()).isEqualTo("REF-0001");
        });
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NOT NULL AND status = 'BOOK'"
                + " AND file_name = 'stmt-1.xml' AND reason IS NULL")).isEqualTo(3);
    }

    /**
     * Regression (two nodes on PostgreSQL): the bank booked a file while the node that uploaded it was still recording
     * the upload. The statement's transaction read the payments RELEASED, waited for the upload's commit to resolve the
     * delivery, then judged the payments as it had read them: "payment … is RELEASED", nothing paid, and the statement
     * taken — the file's payments ACCEPTED for good. It reads them again after the wait.
     */
    @Test
    void aBookingThatRacesTheUploadsOwnCommitPaysThePaymentsAsTheCommitLeftThem() throws Exception {
        core.intake.receive(Envelopes.stream(Envelopes.exampleRenumbered("R2026")), "test", "finance-test");
        StagedFile file = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
                .findFirst().orElseThrow();
        core.deliveries.startTransfer(file.deliveryId(), "route");
        List<Payment> inFile = core.payments.findByDelivery(file.deliveryId());
        BankEntry booking = entry("REF-RACE", "BOOK", inFile.stream().map(Payment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add), "DBIT", Set.of(file.messageId()),
                inFile.stream().map(p -> tx(p.paymentId(), p.amount())).toList());
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> upload = threads.submit(() -> core.db.tx().executeWithoutResult(status -> {
                core.deliveries.markUploaded("DEMO-ISO", file.fileName(), "route");
                recorded.countDown();
                try {
                    commit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(recorded.await(30, TimeUnit.SECONDS)).isTrue();
            Future<AnswerResult> statement = threads.submit(() -> apply("race.xml", booking));
            Thread.sleep(500); // the statement reads the payments, then waits on the delivery the upload holds
            commit.countDown();
            upload.get(30, TimeUnit.SECONDS);

            assertThat(statement.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(inFile.size());
        } finally {
            threads.shutdownNow();
        }
        assertThat(core.payments.findByDelivery(file.deliveryId())).extracting(Payment::status)
                .containsOnly(PaymentStatus.PAID);
    }

    /** Regression: a pending or informative entry paid its payments like a booked one. */
    @Test
    void pendingAndInformativeEntriesAreKeptButPayNothing() {
        Payment p = sent.get(0);

        AnswerResult result = apply("stmt-p.xml", batchEntry("REF-P", "PDNG"),
                entry("REF-I", "INFO", p.amount(), "DBIT", Set.of(), List.of(tx(p.paymentId(), p.amount()))),
                entry("REF-N", null, p.amount(), "DBIT", Set.of(), List.of(tx(p.paymentId(), p.amount()))));

        assertThat(result.accepted()).isZero();
        assertThat(statuses()).containsOnly(PaymentStatus.ACCEPTED);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NULL")).isEqualTo(5);
        assertThat(reasonOf("REF-P")).isEqualTo("not booked: status PDNG");
        assertThat(reasonOf("REF-N")).isEqualTo("not booked: status absent");
    }

    /** Regression: the pending entry's key was taken as already applied, so its booking never paid. */
    @Test
    void aLaterBookedStatementAppliesWhatWasPendingUnderTheSameKey() {
        apply("stmt-p.xml", batchEntry("REF-0001", "PDNG"));

        AnswerResult booked = apply("stmt-b.xml", batchEntry("REF-0001", "BOOK"));

        assertThat(booked.accepted()).isEqualTo(3);
        assertThat(statuses()).containsOnly(PaymentStatus.PAID);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE status = 'BOOK' AND file_name = 'stmt-b.xml'"))
                .isEqualTo(3);
    }

    @Test
    void aPendingLineWhosePaymentALaterFileBooksIsMarkedSettledByIt() {
        apply("stmt-p.xml", batchEntry("REF-P", "PDNG"));

        apply("stmt-b.xml", batchEntry("REF-B", "BOOK"));

        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE status = 'PDNG'"
                + " AND settled_by = 'stmt-b.xml'")).isEqualTo(3);
    }

    /** Regression: the receipt (回单) with its pay date went upstream for money a bank had only announced. */
    @Test
    void noReceiptGoesUpstreamForMoneyThatIsNotBooked() {
        apply("stmt-p.xml", batchEntry("REF-P", "PDNG"));

        assertThat(core.receipts.settleAll()).isEmpty();
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_answer")).isZero();

        apply("stmt-b.xml", batchEntry("REF-B", "BOOK"));
        core.receipts.settle(Set.of(sent.get(0).voucherId()));

        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_answer a JOIN payment p ON p.voucher_id = a.voucher_id"
                + " WHERE p.delivery_id = '" + iso.deliveryId() + "'")).isPositive();
    }

    /** Regression: TxDtls without amounts ended in a NullPointerException and the whole statement failed. */
    @Test
    void aBatchWhoseTransactionsCarryNoAmountsIsMatchedAsAWholeToTheFileItNames() {
        BankEntry batch = entry("REF-W", "BOOK", total(), "DBIT", Set.of(iso.messageId()),
                sent.stream().map(p -> tx(p.paymentId(), null)).toList());

        AnswerResult result = apply("stmt-w.xml", batch);

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(statuses()).containsOnly(PaymentStatus.PAID);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE amount IS NULL AND payment_id IS NOT NULL"
                + " AND delivery_id = '" + iso.deliveryId() + "'")).isEqualTo(3);
    }

    @Test
    void aBatchWithoutTransactionsNamingNoFileIsMatchedByTheFilesTotalAndDate() {
        LocalDate executed = core.db.jdbc().queryForObject("SELECT b.execution_date FROM payment_batch b JOIN bank_delivery d"
                + " ON d.batch_id = b.batch_id WHERE d.delivery_id = :d", Map.of("d", iso.deliveryId()), LocalDate.class);
        BankEntry batch = new BankEntry("REF-T", "BOOK", total(), "CNY", "DBIT", executed, executed, false, "REF-T",
                Set.of(), List.of());

        AnswerResult result = apply("stmt-t.xml", batch);

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(statuses()).containsOnly(PaymentStatus.PAID);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE entry_key = 'REF-T' AND tx_seq = 0"
                + " AND delivery_id = '" + iso.deliveryId() + "'")).isEqualTo(1);
    }

    @Test
    void aBatchThatFitsNoFileOrTheWrongAmountIsKeptUnmatchedWithItsReason() {
        AnswerResult result = apply("stmt-u.xml",
                entry("REF-UNKNOWN", "BOOK", total(), "DBIT", Set.of("NOT-OURS-1"), List.of()),
                entry("REF-AMOUNT", "BOOK", total().add(BigDecimal.ONE), "DBIT", Set.of(iso.messageId()), List.of()),
                entry("REF-NOFILE", "BOOK", new BigDecimal("0.01"), "DBIT", Set.of(), List.of()),
                entry("REF-E2E", "BOOK", total(), "DBIT", Set.of(iso.messageId()),
                        List.of(tx(sent.get(0).paymentId(), null), tx("SOMEONE-ELSE", null))));

        assertThat(result.accepted()).isZero();
        assertThat(statuses()).containsOnly(PaymentStatus.ACCEPTED);
        assertThat(reasonOf("REF-UNKNOWN")).isEqualTo("names [NOT-OURS-1], which the hub never sent to DEMO-ISO");
        assertThat(reasonOf("REF-AMOUNT")).startsWith("amount " + total().add(BigDecimal.ONE).toPlainString()
                + " differs from the " + total().toPlainString());
        assertThat(reasonOf("REF-NOFILE")).startsWith("names no payment file, and no file of 0.01");
        assertThat(reasonOf("REF-E2E")).startsWith("its EndToEndIds are not the 3 payments");
    }

    @Test
    void twoFilesOfTheSameTotalAndDateMakeABatchWithoutNamesAmbiguous() {
        LocalDate executed = core.db.jdbc().queryForObject("SELECT b.execution_date FROM payment_batch b JOIN bank_delivery d"
                + " ON d.batch_id = b.batch_id WHERE d.delivery_id = :d", Map.of("d", iso.deliveryId()), LocalDate.class);
        core.db.jdbc().update("""
                INSERT INTO bank_delivery (delivery_id, batch_id, bank_code, file_name, message_id, part_no, tx_count,
                    total_amount, file_sha256, status, prepared_at)
                SELECT 'TWIN', batch_id, bank_code, 'twin.xml', 'TWIN-MSG', 2, tx_count, total_amount, file_sha256, status,
                    prepared_at FROM bank_delivery WHERE delivery_id = :d""", Map.of("d", iso.deliveryId()));
        core.db.jdbc().update("UPDATE payment SET delivery_id = 'TWIN' WHERE payment_id = :p",
                Map.of("p", sent.get(0).paymentId()));
        core.db.jdbc().update("UPDATE bank_delivery SET total_amount = :t WHERE delivery_id = 'TWIN'",
                Map.of("t", total()));

        AnswerResult result = apply("stmt-a.xml",
                new BankEntry("REF-A", "BOOK", total(), "CNY", "DBIT", executed, executed, false, "REF-A", Set.of(), List.of()));

        assertThat(result.accepted()).isZero();
        assertThat(reasonOf("REF-A")).startsWith("ambiguous: 2 payment files fit");
    }

    @Test
    void theSameEntriesInAnotherFileAreKeptOnceAndChangeNothing() {
        apply("stmt-1.xml", batchEntry("REF-0001", "BOOK"));
        int events = core.db.count("SELECT COUNT(*) FROM payment_event");

        AnswerResult again = apply("stmt-1-copy.xml", batchEntry("REF-0001", "BOOK"));
        AnswerResult sameFile = apply("stmt-1.xml", batchEntry("REF-0001", "BOOK"));

        assertThat(again.alreadyApplied()).isEqualTo(3);
        assertThat(sameFile.outcome()).isEqualTo(AnswerResult.Outcome.DUPLICATE);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event")).isEqualTo(events);
    }

    @Test
    void anEntryRepeatedInsideOneFileIsKeptOnceAndTheFileStillApplies() {
        AnswerResult result = apply("stmt-3.xml", batchEntry("REF-0001", "BOOK"), batchEntry("REF-0001", "BOOK"));

        assertThat(result.outcome()).isEqualTo(AnswerResult.Outcome.APPLIED);
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.alreadyApplied()).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM inbound_file WHERE file_name = 'stmt-3.xml'")).isEqualTo(1);
    }

    @Test
    void aLineWithAnotherAmountOrUnknownIdOrAReversalIsKeptButPaysNothing() {
        Payment p = sent.get(0);
        List<BankEntry> entries = new ArrayList<>();
        entries.add(entry("R1", "BOOK", p.amount().add(BigDecimal.ONE), "DBIT", Set.of(),
                List.of(tx(p.paymentId(), p.amount().add(BigDecimal.ONE)))));
        entries.add(entry("R2", "BOOK", p.amount(), "DBIT", Set.of(), List.of(tx("UNKNOWN-E2E", p.amount()))));
        entries.add(new BankEntry("R3", "BOOK", p.amount(), "CNY", "CRDT", VALUE, VALUE, true, "R3", Set.of(),
                List.of(tx(p.paymentId(), p.amount()))));

        AnswerResult result = core.statements.apply("DEMO-ISO", "stmt-2.xml", "s2".getBytes(), "STMT-2", entries,
                List.of(), "inbound");

        assertThat(result.accepted()).isZero();
        assertThat(core.payments.find(p.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.ACCEPTED);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NULL")).isEqualTo(3);
        assertThat(reasonOf("R1")).startsWith("amount ");
        assertThat(reasonOf("R2")).isEqualTo("EndToEndId UNKNOWN-E2E names no payment sent to DEMO-ISO");
        assertThat(reasonOf("R3")).isEqualTo("a reversal");
    }

    @Test
    void whatTheReaderWarnedAboutIsKeptWithTheStatement() {
        core.statements.apply("DEMO-ISO", "stmt-w.xml", "w".getBytes(), "STMT-W", List.of(batchEntry("REF-0001", "BOOK")),
                List.of(Problem.of("ISO_BALANCE_MISMATCH", "opening + booked != closing", "stmt-w.xml:12")), "inbound");

        assertThat(core.db.count("SELECT COUNT(*) FROM statement_warning WHERE bank_code = 'DEMO-ISO'"
                + " AND file_name = 'stmt-w.xml' AND code = 'ISO_BALANCE_MISMATCH' AND location = 'stmt-w.xml:12'"))
                .isEqualTo(1);
    }

    @Test
    void operatorsSeeThePendingLinesUntilALaterFileBooksThem() {
        StatementQueries queries = new StatementQueries(core.db.jdbc());
        apply("stmt-p.xml", batchEntry("REF-P", "PDNG"));

        StatementQueries.Listing pending = queries.list("DEMO-ISO", true, 100);

        assertThat(pending.lines()).hasSize(3).allSatisfy(l -> {
            assertThat(l.status()).isEqualTo("PDNG");
            assertThat(l.paymentId()).isNull();
            assertThat(l.paymentStatus()).isEqualTo("ACCEPTED");
            assertThat(l.reason()).isEqualTo("not booked: status PDNG");
            assertThat(l.fileName()).isEqualTo("stmt-p.xml");
        });
        assertThat(queries.list("OTHER-BANK", true, 100).lines()).isEmpty();

        apply("stmt-b.xml", batchEntry("REF-B", "BOOK"));

        assertThat(queries.list("DEMO-ISO", true, 100).lines()).isEmpty();
        assertThat(queries.list(null, false, 100).lines()).hasSize(6)
                .filteredOn(l -> "BOOK".equals(l.status())).allSatisfy(l -> assertThat(l.paymentStatus()).isEqualTo("PAID"));
        assertThat(queries.list(null, false, 2).lines()).hasSize(2);
    }
}
