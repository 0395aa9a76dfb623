package org.jincai.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.indicator;
import static org.jincai.core.testing.ControlVouchers.indicators;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.plan;
import static org.jincai.core.testing.ControlVouchers.plans;
import static org.jincai.core.testing.ControlVouchers.user;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jincai.core.access.DataScope;
import org.jincai.core.answer.BankEntry;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetOptions;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.controls.Actor;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.EnvelopeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation on the real payment path over a real database (H2, or PostgreSQL with JINCAI_TEST_DB=postgres),
 * budget control on: statements taken once and checked, every matching rule, returns and reversals, exceptions
 * and their resolution.
 */
class ReconcilerTest {

    static final Actor OPERATOR = user("operator", "OPERATOR");
    static final String RUN = "R-TEST";

    @TempDir
    Path home;
    CoreFixture core;
    ExceptionQueue queue;
    Reconciler reconciler;
    StagedFile file;
    List<Payment> sent;
    LocalDate executed;
    String bank;
    String account = ControlVouchers.PAY_ACCT;
    int statements;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home, Clock.systemUTC(), new CoreFixture.Controls(BudgetOptions.defaults(),
                ApprovalRules.off(), RiskOptions.off()));
        core.budgetImport.importIndicators(indicators("i.csv", indicator("10000.00")), OPERATOR);
        core.budgetImport.importPlans(plans("p.csv", plan("8000.00")), OPERATOR);
        queue = new ExceptionQueue(core.db.jdbc(), core.db.tx(), core.audit, Clock.systemUTC());
        reconciler = new Reconciler(core.db.jdbc(), core.lifecycle, queue, BankCalendar.standard(),
                ReconcileOptions.defaults(), Clock.systemUTC());
        core.intake.receive(EnvelopeSource.of(envelope(voucher("CT2026000101", line("6222000000000001", "王喆", "1000.00"),
                line("6222000000000002", "李堃", "2000.50"), line("6222000000000003", "张三", "1500.00")))), "test",
                ControlVouchers.SUBMITTER);
        file = core.release.release("operator").staged().get(0);
        core.deliveries.markUploaded(file.bankCode(), file.fileName(), "route");
        bank = file.bankCode();
        sent = core.payments.findByDelivery(file.deliveryId()).stream().sorted(Comparator.comparing(Payment::seq))
                .toList();
        executed = core.db.jdbc().queryForObject("SELECT execution_date FROM payment_batch b JOIN bank_delivery d"
                + " ON d.batch_id = b.batch_id WHERE d.delivery_id = :d", Map.of("d", file.deliveryId()), LocalDate.class);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    // ---- building statements as a bank sends them

    private static ReconStatement.Transaction tx(String e2e, BigDecimal amount, String account) {
        return new ReconStatement.Transaction(e2e, null, amount, account, null);
    }

    private ReconStatement.Entry debit(String key, BigDecimal amount, Set<String> files, ReconStatement.Transaction... txs) {
        return new ReconStatement.Entry(key, amount, "CNY", true, false, "BOOK", executed, executed, key, "PMNT/ICDT/DMCT",
                files, null, List.of(txs));
    }

    private ReconStatement.Entry credit(String key, BigDecimal amount, boolean reversal, String reason,
                                        ReconStatement.Transaction... txs) {
        return new ReconStatement.Entry(key, amount, "CNY", false, reversal, "BOOK", executed.plusDays(3),
                executed.plusDays(3), key, "PMNT/ICDT/RRTN", Set.of(), reason, List.of(txs));
    }

    /** A camt.053 of the account with the next sequence, opening at {@code opening}, closing where its entries end. */
    private ReconStatement statement(BigDecimal opening, ReconStatement.Entry... entries) {
        BigDecimal closing = opening;
        for (ReconStatement.Entry e : entries) {
            closing = closing.add(e.signedAmount());
        }
        return statement(++statements, opening, closing, entries);
    }

    private ReconStatement statement(int seq, BigDecimal opening, BigDecimal closing, ReconStatement.Entry... entries) {
        String digest = Integer.toHexString(List.of(entries).hashCode()) + opening + closing;
        return new ReconStatement(bank, "stmt-" + seq + ".xml", account, "STMT-" + seq, Integer.toString(seq), false,
                executed, opening, closing, digest, List.of(entries));
    }

    private StatementOutcome apply(ReconStatement s) {
        return core.db.tx().execute(t -> reconciler.apply(s, RUN));
    }

    private BigDecimal total() {
        return sent.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<String> rules() {
        return core.db.jdbc().queryForList("SELECT rule_code FROM recon_match WHERE match_kind = 'DEBIT'"
                + " ORDER BY tx_seq", Map.of(), String.class);
    }

    private List<ExceptionKind> kinds() {
        return queue.list(true, null, 100).stream().map(ReconException::kind).toList();
    }

    private Payment now(Payment p) {
        return core.payments.find(p.paymentId()).orElseThrow();
    }

    /** The payments paid by the route's statement path, as before reconciliation runs. */
    private void paid() {
        List<BankEntry.Transaction> txs = new ArrayList<>();
        sent.forEach(p -> txs.add(new BankEntry.Transaction(p.paymentId(), p.amount(), null, null, "BR-" + p.seq())));
        core.statements.apply(bank, "route.xml", "route".getBytes(), "ROUTE-1", List.of(new BankEntry("ROUTE-E1",
                BankEntry.BOOKED, total(), "CNY", "DBIT", executed, executed, false, "ROUTE-E1", Set.of(), txs)),
                List.of(), "inbound");
        assertThat(sent).allSatisfy(p -> assertThat(now(p).status()).isEqualTo(PaymentStatus.PAID));
    }

    /** The payments paid by the route's statement path and receipted upstream, as before reconciliation runs. */
    private void paidAndReceipted() {
        paid();
        core.receipts.settle(List.of(sent.get(0).voucherId()));
        assertThat(now(sent.get(0)).status()).isEqualTo(PaymentStatus.RECEIPTED);
    }

    // ---- the tests

    @Test
    void entriesMatchedByEndToEndIdAndAStatementImportedTwiceCountsOnce() {
        ReconStatement s = statement(new BigDecimal("100000.00"),
                debit("E1", sent.get(0).amount(), Set.of(), tx(sent.get(0).paymentId(), sent.get(0).amount(), null)),
                debit("E2", sent.get(1).amount(), Set.of(), tx(sent.get(1).paymentId(), sent.get(1).amount(), null)),
                debit("E3", sent.get(2).amount(), Set.of(), tx(sent.get(2).paymentId(), sent.get(2).amount(), null)));

        StatementOutcome first = apply(s);
        StatementOutcome again = apply(s);

        assertThat(first.matched()).isEqualTo(3);
        assertThat(first.exceptions()).isZero();
        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.matched()).isZero();
        assertThat(rules()).containsOnly("END_TO_END").hasSize(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM recon_statement")).isEqualTo(1);

        ReconStatement changed = new ReconStatement(bank, "stmt-1b.xml", account, s.statementId(), s.sequence(), false,
                s.date(), s.opening(), s.closing(), "other-digest", s.entries());
        assertThat(apply(changed).alreadyImported()).isTrue();
        assertThat(kinds()).containsExactly(ExceptionKind.STATEMENT_CHANGED);
        assertThat(core.db.count("SELECT COUNT(*) FROM recon_match")).as("nothing matched twice").isEqualTo(3);
    }

    @Test
    void aBalanceBreakAGapAndAMissingSequenceAreExceptions() {
        BigDecimal amount = sent.get(0).amount();
        ReconStatement.Entry e1 = debit("E1", amount, Set.of(), tx(sent.get(0).paymentId(), amount, null));
        apply(statement(1, new BigDecimal("5000.00"), new BigDecimal("4999.00"), e1));
        assertThat(kinds()).containsExactly(ExceptionKind.BALANCE_BREAK);

        apply(statement(2, new BigDecimal("4000.00"), new BigDecimal("4000.00")));
        assertThat(kinds()).contains(ExceptionKind.BALANCE_GAP);

        apply(statement(4, new BigDecimal("4000.00"), new BigDecimal("4000.00")));
        assertThat(kinds()).containsExactlyInAnyOrder(ExceptionKind.BALANCE_BREAK, ExceptionKind.BALANCE_GAP,
                ExceptionKind.SEQUENCE_GAP);
        ReconException gap = queue.list(true, null, 10).stream().filter(x -> x.kind() == ExceptionKind.BALANCE_GAP)
                .findFirst().orElseThrow();
        assertThat(gap.amount()).isEqualByComparingTo("4000.00");
        assertThat(gap.expectedAmount()).isEqualByComparingTo("4999.00");
    }

    @Test
    void aBatchBookingWithTxDtlsIsMatchedToTheFileItNames() {
        List<ReconStatement.Transaction> txs = sent.stream().map(p -> tx(p.paymentId(), null, null)).toList();
        StatementOutcome o = apply(statement(new BigDecimal("100000.00"), debit("B1", total(), Set.of(file.messageId()),
                txs.toArray(ReconStatement.Transaction[]::new))));

        assertThat(o.matched()).isEqualTo(3);
        assertThat(rules()).containsOnly("BATCH_REFERENCE").hasSize(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM recon_match WHERE entry_key = 'B1'")).isEqualTo(3);
        assertThat(kinds()).isEmpty();
    }

    @Test
    void aBatchBookingWithoutTxDtlsIsMatchedToTheFileItsBtchNames() {
        StatementOutcome o = apply(statement(new BigDecimal("100000.00"), debit("B5", total(), Set.of(file.messageId()))));

        assertThat(o.matched()).isEqualTo(3);
        assertThat(rules()).containsOnly("BATCH_REFERENCE").hasSize(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM recon_match WHERE entry_key = 'B5'")).isEqualTo(3);
        assertThat(kinds()).isEmpty();
    }

    @Test
    void aBatchBookingWithoutTxDtlsNorReferenceIsMatchedByTotalAndDate() {
        StatementOutcome o = apply(statement(new BigDecimal("100000.00"), debit("B2", total(), Set.of())));

        assertThat(o.matched()).isEqualTo(3);
        assertThat(rules()).containsOnly("BATCH_TOTAL").hasSize(3);

        StatementOutcome twice = apply(statement(new BigDecimal("100000.00").subtract(total()),
                debit("B3", total(), Set.of())));
        assertThat(twice.matched()).as("the file is booked once").isZero();
        assertThat(kinds()).containsExactly(ExceptionKind.UNMATCHED_ENTRY);
    }

    @Test
    void anEntryIsMatchedByEachRuleAndRecordsIt() {
        paidAndReceipted();
        Payment byRef = sent.get(1);
        Payment byAccount = sent.get(2);
        StatementOutcome o = apply(statement(new BigDecimal("100000.00"),
                debit("E1", sent.get(0).amount(), Set.of(), tx(sent.get(0).paymentId(), sent.get(0).amount(), null)),
                debit("BR-" + byRef.seq(), byRef.amount(), Set.of()),
                debit("E3", byAccount.amount(), Set.of(), tx(null, byAccount.amount(), byAccount.payeeAcctNo()))));

        assertThat(o.matched()).isEqualTo(3);
        assertThat(core.db.jdbc().queryForList("SELECT payment_id || ':' || rule_code FROM recon_match ORDER BY entry_key",
                Map.of(), String.class)).containsExactlyInAnyOrder(sent.get(0).paymentId() + ":END_TO_END",
                byRef.paymentId() + ":BANK_REFERENCE", byAccount.paymentId() + ":AMOUNT_ACCT_DATE");
        assertThat(sent).allSatisfy(p -> assertThat(now(p).status()).isEqualTo(PaymentStatus.RECONCILED));
    }

    @Test
    void aPaidPaymentIsReconciledWithoutAReceiptOnlyWhenItsVoucherIsAnsweredByItsJob() {
        paid();
        Payment voucherLine = sent.get(0);

        apply(statement(new BigDecimal("100000.00"), debit("E1", voucherLine.amount(), Set.of(),
                tx(voucherLine.paymentId(), voucherLine.amount(), null))));

        assertThat(rules()).containsExactly("END_TO_END");
        assertThat(now(voucherLine).status()).as("a 5201 voucher's payment waits for its receipt")
                .isEqualTo(PaymentStatus.PAID);

        // the voucher as the payroll job writes its run's: VtCode 8207, answered by the job's outputs, never receipted
        core.db.jdbc().update("UPDATE voucher SET vt_code = '8207' WHERE voucher_id = :v",
                Map.of("v", voucherLine.voucherId()));
        Payment second = sent.get(1);
        Payment third = sent.get(2);
        apply(statement(new BigDecimal("100000.00").subtract(voucherLine.amount()),
                debit("E2", second.amount(), Set.of(), tx(second.paymentId(), second.amount(), null)),
                debit("E3", third.amount(), Set.of(), tx(third.paymentId(), third.amount(), null))));

        assertThat(List.of(second, third)).allSatisfy(p -> assertThat(now(p).status())
                .isEqualTo(PaymentStatus.RECONCILED));
        assertThat(core.db.jdbc().queryForList("SELECT from_status || '>' || to_status || ':' || actor FROM payment_event"
                + " WHERE payment_id = :p AND to_status = 'RECONCILED'", Map.of("p", second.paymentId()), String.class))
                .containsExactly("PAID>RECONCILED:" + Reconciler.ACTOR);
        assertThat(now(voucherLine).status()).as("booked before: not moved again").isEqualTo(PaymentStatus.PAID);
        assertThat(kinds()).isEmpty();
    }

    /** A voucher's payment booked while still PAID (its receipt not written yet) is reconciled when it is receipted. */
    @Test
    void aPaymentBookedBeforeItsReceiptIsReconciledWhenItIsReceipted() {
        paid();
        apply(statement(new BigDecimal("100000.00"), sent.stream().map(p -> debit("E" + p.seq(), p.amount(), Set.of(),
                tx(p.paymentId(), p.amount(), null))).toArray(ReconStatement.Entry[]::new)));
        assertThat(sent).allSatisfy(p -> assertThat(now(p).status()).isEqualTo(PaymentStatus.PAID));

        core.receipts.settle(List.of(sent.get(0).voucherId()));

        assertThat(sent).allSatisfy(p -> assertThat(now(p).status()).isEqualTo(PaymentStatus.RECONCILED));
        assertThat(core.lifecycle.history(sent.get(0).paymentId())).filteredOn(e -> e.to() == PaymentStatus.RECONCILED)
                .singleElement().satisfies(e -> {
                    assertThat(e.from()).isEqualTo(PaymentStatus.RECEIPTED);
                    assertThat(e.actor()).isEqualTo(ReceiptService.ACTOR);
                });
    }

    @Test
    void aReturnAfterPaymentMovesItToReturnedGivesItsBudgetBackAndSendsAReturnUpstream() throws Exception {
        paidAndReceipted();
        Payment p = sent.get(1);
        BigDecimal spentBefore = core.budgetQueries.indicators(DataScope.everything(), null).get(0).spent();

        StatementOutcome o = apply(statement(new BigDecimal("100000.00"),
                credit("RT1", p.amount(), false, "AC04 account closed", tx(p.paymentId(), p.amount(), null))));

        assertThat(o.returned()).isEqualTo(1);
        Payment returned = now(p);
        assertThat(returned.status()).isEqualTo(PaymentStatus.RETURNED);
        assertThat(returned.bankReasonCode()).isEqualTo("AC04");
        assertThat(core.budgetQueries.indicators(DataScope.everything(), null).get(0).spent())
                .isEqualByComparingTo(spentBefore.subtract(p.amount()));
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RETURNED'")).isEqualTo(1);

        List<ReturnsUpstream.SentReturn> written = new ReturnsUpstream(core.db.jdbc(), core.db.tx(), core.finance,
                core.financeStaging, Clock.systemUTC()).sendPending();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.paymentId()).isEqualTo(p.paymentId());
            assertThat(r.financeSystem()).isEqualTo(TestFinance.CODE);
        });
        Path staged = core.financeStaging.folder(TestFinance.CODE).resolve(written.get(0).fileName());
        assertThat(staged).exists();
        assertThat(new String(Files.readAllBytes(staged), "GBK")).contains("<VoucherFlag>2</VoucherFlag>");
        assertThat(new ReturnsUpstream(core.db.jdbc(), core.db.tx(), core.finance, core.financeStaging,
                Clock.systemUTC()).sendPending()).as("sent once").isEmpty();

        StatementOutcome again = apply(statement(new BigDecimal("100000.00").add(p.amount()),
                credit("RT2", p.amount(), false, null, tx(p.paymentId(), p.amount(), null))));
        assertThat(again.returned()).as("returned once").isZero();
        assertThat(kinds()).containsExactly(ExceptionKind.DUPLICATE_BOOKING);
    }

    @Test
    void aReversalReturnsThePaymentItReverses() {
        paidAndReceipted();
        Payment p = sent.get(0);

        StatementOutcome o = apply(statement(new BigDecimal("100000.00"),
                credit("RV1", p.amount(), true, null, tx(p.paymentId(), p.amount(), null))));

        assertThat(o.returned()).isEqualTo(1);
        assertThat(now(p).status()).isEqualTo(PaymentStatus.RETURNED);
        assertThat(core.lifecycle.history(p.paymentId())).last().satisfies(e ->
                assertThat(e.reason()).startsWith("reversed by " + bank));
        assertThat(core.db.count("SELECT COUNT(*) FROM recon_return")).isEqualTo(1);
    }

    @Test
    void feesUnknownCreditsAndAmountDifferencesAreExceptions() {
        Payment p = sent.get(0);
        apply(statement(new BigDecimal("100000.00"),
                debit("FEE1", new BigDecimal("12.50"), Set.of()),
                credit("IN1", new BigDecimal("300.00"), false, "interest"),
                debit("E1", new BigDecimal("999.99"), Set.of(), tx(p.paymentId(), new BigDecimal("999.99"), null))));

        assertThat(kinds()).containsExactlyInAnyOrder(ExceptionKind.UNMATCHED_ENTRY, ExceptionKind.UNMATCHED_ENTRY,
                ExceptionKind.AMOUNT_DIFFERENCE);
        assertThat(core.db.count("SELECT COUNT(*) FROM recon_match")).isZero();
    }

    @Test
    void paymentsNoStatementBookedAfterTheBankDaysAreExceptionsOnce() {
        ReconStatement later = new ReconStatement(bank, "late.xml", account, "STMT-L", "1", false, executed.plusDays(10),
                new BigDecimal("100.00"), new BigDecimal("100.00"), "d", List.of());
        apply(later);

        int opened = core.db.tx().execute(t -> reconciler.flagNotBooked(RUN));
        int again = core.db.tx().execute(t -> reconciler.flagNotBooked(RUN));

        assertThat(opened).isEqualTo(3);
        assertThat(again).isZero();
        assertThat(kinds()).containsOnly(ExceptionKind.NOT_BOOKED);
    }

    @Test
    void anExceptionIsResolvedOnceWithAReasonAndTheResolutionIsAudited() {
        apply(statement(new BigDecimal("100000.00"), debit("FEE1", new BigDecimal("12.50"), Set.of())));
        ReconException open = queue.list(true, bank, 10).get(0);

        assertThatThrownBy(() -> queue.resolve(open.id(), "alice", AuditEntry.Channel.CLI, " "))
                .isInstanceOfSatisfying(ReconcileException.class,
                        e -> assertThat(e.code()).isEqualTo(ReconcileException.REASON_REQUIRED));
        ReconException resolved = queue.resolve(open.id(), "alice", AuditEntry.Channel.CLI, "bank fee, booked to 手续费");

        assertThat(resolved.open()).isFalse();
        assertThat(resolved.resolvedBy()).isEqualTo("alice");
        assertThat(queue.list(true, bank, 10)).isEmpty();
        assertThat(queue.list(false, bank, 10)).hasSize(1);
        assertThat(core.audit.recent(ExceptionQueue.AUDIT_TYPE, open.id(), 5)).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(ExceptionQueue.AUDIT_RESOLVED));
        assertThatThrownBy(() -> queue.resolve(open.id(), "bob", AuditEntry.Channel.REST, "again"))
                .isInstanceOfSatisfying(ReconcileException.class,
                        e -> assertThat(e.code()).isEqualTo(ReconcileException.EXCEPTION_RESOLVED));
        assertThatThrownBy(() -> queue.resolve("nope", "bob", AuditEntry.Channel.REST, "x"))
                .isInstanceOfSatisfying(ReconcileException.class,
                        e -> assertThat(e.code()).isEqualTo(ReconcileException.EXCEPTION_NOT_FOUND));
    }
}
