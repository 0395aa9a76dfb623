package org.jincai.batch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jincai.bank.simulator.statement.Camt053V08Writer;
import org.jincai.bank.simulator.statement.Camt054V08Writer;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.jincai.core.testing.TestDatabase;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryBatch;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.StatementEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code reconcile} job on a real database (H2, or PostgreSQL with JINCAI_TEST_DB=postgres) over camt.053 files
 * as a bank writes them: a run's summary and reconciliation.csv; the same files again count nothing; a run that
 * fails on a damaged file mid-way, started again once the file is good, ends as a clean run ends.
 */
@SpringBootTest(classes = ReconcileJobTest.App.class)
class ReconcileJobTest {

    static final TestDatabase DB = TestDatabase.create();
    static final Path HOME = tempHome();
    static int vouchers;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({TreasuryCoreConfiguration.class, ReconcileJobConfiguration.class})
    static class App {

        @Bean
        BankDirectory bankDirectory() {
            return new BankDirectory(TestBanks.both(2222));
        }

        @Bean
        FinanceDirectory financeDirectory() {
            return new FinanceDirectory(List.of(TestFinance.hubei()));
        }

        @Bean(TreasuryCoreConfiguration.BANK_STAGING)
        StagingArea bankStaging() {
            return new StagingArea(HOME.resolve("outbound"));
        }

        @Bean(TreasuryCoreConfiguration.FINANCE_STAGING)
        StagingArea financeStaging() {
            return new StagingArea(HOME.resolve("finance-outbound"));
        }

        @Bean(TreasuryCoreConfiguration.FINANCE_RECEIVED)
        StagingArea financeReceived() {
            return new StagingArea(HOME.resolve("finance-received"));
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.flyway.enabled", () -> "false");
        registry.add("spring.batch.jdbc.initialize-schema", () -> "never");
        registry.add("spring.batch.job.enabled", () -> "false");
        registry.add("jincai.home", HOME::toString);
        registry.add("jincai.reconcile.chunk-size", () -> "1");
        registry.add("jincai.controls.budget.enabled", () -> "false");
        registry.add("jincai.controls.approval.enabled", () -> "false");
        registry.add("jincai.controls.risk.enabled", () -> "false");
    }

    @AfterAll
    static void close() {
        DB.close();
    }

    private static Path tempHome() {
        try {
            return Files.createTempDirectory("reconcile-job");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    ReconcileLauncher launcher;
    @Autowired
    VoucherIntakeService intake;
    @Autowired
    ReleaseService release;
    @Autowired
    DeliveryService deliveries;
    @Autowired
    PaymentRepository payments;
    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @TempDir
    Path dir;
    StagedFile file;
    List<Payment> sent;
    LocalDate executed;
    String account;

    @BeforeEach
    void sendAFile() {
        intake.receive(Envelopes.stream(Envelopes.exampleRenumbered(String.format("T%04d", ++vouchers))), "test",
                "finance-test");
        file = release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO")).findFirst()
                .orElseThrow();
        deliveries.markUploaded("DEMO-ISO", file.fileName(), "route");
        sent = payments.findByDelivery(file.deliveryId()).stream().sorted(Comparator.comparing(Payment::seq)).toList();
        // an account of each test's own: the balance chain of one test's statements is not the other's
        account = String.format("6222009900%04d", vouchers);
        executed = jdbc.queryForObject("SELECT b.execution_date FROM payment_batch b JOIN bank_delivery d"
                + " ON d.batch_id = b.batch_id WHERE d.delivery_id = :d", Map.of("d", file.deliveryId()), LocalDate.class);
    }

    // ---- statements as DEMO-ISO writes them

    private static Balance balance(String type, BigDecimal amount, LocalDate day) {
        return new Balance(type, amount, "CNY", CreditDebit.CRDT, day, null);
    }

    private static StatementEntry entry(String ref, BigDecimal amount, CreditDebit cd, LocalDate day,
                                        List<EntryBatch> batches, List<EntryTransaction> txs) {
        return new StatementEntry(ref, amount, "CNY", cd, false, "BOOK", day, null, day, null, ref,
                cd == CreditDebit.DBIT ? "PMNT/ICDT/DMCT" : "PMNT/RCDT/DMCT", null, batches, txs);
    }

    /** One end-of-day camt.053: {@code seq}, opening at {@code opening}, closing where the entries end. */
    private Path statement(String name, int seq, BigDecimal opening, LocalDate day, List<StatementEntry> entries)
            throws IOException {
        BigDecimal closing = opening;
        for (StatementEntry e : entries) {
            closing = closing.add(e.signedAmount());
        }
        String id = "STMT-" + account + "-" + seq;
        OffsetDateTime created = day.atTime(18, 0).atOffset(ZoneOffset.ofHours(8));
        BankStatement s = new BankStatement(Camt053V08Writer.MESSAGE_NAME_ID, id, created, id, Integer.toString(seq),
                null, created, null, null, account, "CNY", "payer", null,
                List.of(balance(Balance.OPENING_BOOKED, opening, day), balance(Balance.CLOSING_BOOKED, closing, day)),
                entries);
        Path path = dir.resolve(name);
        Files.write(path, Camt053V08Writer.toBytes(id, created, List.of(s)));
        return path;
    }

    private BigDecimal total() {
        return sent.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Day 1: the file batch-booked with TxDtls carrying their amounts (matched line by line) and a fee; day 2: an unknown credit; day 3: nothing. */
    private List<Path> threeDays() throws IOException {
        List<EntryTransaction> txs = new ArrayList<>();
        sent.forEach(p -> txs.add(EntryTransaction.of(p.paymentId(), p.amount(), "CNY", CreditDebit.DBIT,
                p.payeeAcctName(), p.payeeAcctNo(), null)));
        BigDecimal opening = new BigDecimal("1000000.00");
        BigDecimal fee = new BigDecimal("15.00");
        Path day1 = statement("day1.xml", 1, opening, executed, List.of(
                entry("B" + account, total(), CreditDebit.DBIT, executed,
                        List.of(new EntryBatch(file.messageId(), null, txs.size(), total(), "CNY", CreditDebit.DBIT)), txs),
                entry("F" + account, fee, CreditDebit.DBIT, executed, List.of(), List.of())));
        BigDecimal after1 = opening.subtract(total()).subtract(fee);
        BigDecimal interest = new BigDecimal("3.21");
        Path day2 = statement("day2.xml", 2, after1, executed.plusDays(1), List.of(
                entry("I" + account, interest, CreditDebit.CRDT, executed.plusDays(1), List.of(), List.of())));
        Path day3 = statement("day3.xml", 3, after1.add(interest), executed.plusDays(2), List.of());
        return List.of(day1, day2, day3);
    }

    private ReconcileLauncher.Request request(List<Path> files, String runId) {
        return new ReconcileLauncher.Request("DEMO-ISO", files, null, null, runId);
    }

    @Test
    void aRunMatchesTheBatchOpensExceptionsWritesItsCsvAndTheSameFilesAgainCountNothing() throws IOException {
        List<Path> files = threeDays();

        ReconcileSummary first = launcher.run(request(files, null));

        assertThat(first.status()).isEqualTo("COMPLETED");
        assertThat(first.statementsRead()).isEqualTo(3);
        assertThat(first.alreadyImported()).isZero();
        assertThat(first.matchedByRule()).containsExactlyEntriesOf(Map.of("END_TO_END", (long) sent.size()));
        assertThat(first.exceptionsByKind()).containsExactlyEntriesOf(Map.of("UNMATCHED_ENTRY", 2L));
        List<String> csv = Files.readAllLines(first.csv(), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo(ReconciliationReport.HEADER);
        assertThat(csv).filteredOn(l -> l.startsWith("MATCHED,DEMO-ISO")).hasSize(sent.size());
        assertThat(csv).filteredOn(l -> l.startsWith("EXCEPTION,DEMO-ISO")).hasSize(2);
        assertThat(first.csv()).isEqualTo(HOME.resolve("jobs/reconcile/" + first.runId() + "/reconciliation.csv"));

        ReconcileSummary again = launcher.run(request(files, null));

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(again.alreadyImported()).isEqualTo(3);
        assertThat(again.matched()).isZero();
        assertThat(again.exceptions()).isZero();
    }

    @Test
    void aRunThatFailsOnADamagedFileAndIsStartedAgainEndsAsACleanRunEnds() throws IOException {
        List<Path> files = threeDays();
        byte[] good = Files.readAllBytes(files.get(1));
        Files.writeString(files.get(1), "<Document><BkToCstmrStmt>cut off here");

        ReconcileSummary failed = launcher.run(request(files, null));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.matched()).as("day 1 committed before the failure").isEqualTo(sent.size());

        Files.write(files.get(1), good);
        ReconcileSummary resumed = launcher.run(request(files, failed.runId()));

        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.matchedByRule()).containsExactlyEntriesOf(Map.of("END_TO_END", (long) sent.size()));
        assertThat(resumed.exceptionsByKind()).containsExactlyEntriesOf(Map.of("UNMATCHED_ENTRY", 2L));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM recon_statement WHERE run_id = :r",
                Map.of("r", failed.runId()), Integer.class)).isEqualTo(3);
        assertThat(Files.readAllLines(resumed.csv())).hasSize(1 + sent.size() + 2);
    }

    /**
     * What the hub's inbound route kept from DEMO-ISO (statements/DEMO-ISO/, in the order received): the intraday
     * camt.054 of the file's booking, then the end-of-day camt.053 of days 1, 2 and 3, the first booking the same
     * entry again. A run by bank and date range (no files) reads those of days 1 and 2 only, and the booking the
     * notification and the statement both report is matched once, with no exception for the second report.
     */
    @Test
    void aRunByBankAndDatesReadsTheReceivedStatementsAndANotifiedBookingIsMatchedOnce() throws IOException {
        List<Path> days = threeDays();
        List<EntryTransaction> txs = new ArrayList<>();
        sent.forEach(p -> txs.add(EntryTransaction.of(p.paymentId(), p.amount(), "CNY", CreditDebit.DBIT,
                p.payeeAcctName(), p.payeeAcctNo(), null)));
        String id = "NTFCTN-" + account;
        OffsetDateTime created = executed.atTime(11, 0).atOffset(ZoneOffset.ofHours(8));
        BankStatement notification = new BankStatement(Camt054V08Writer.MESSAGE_NAME_ID, id, created, id, "1", null,
                created, null, null, account, "CNY", "payer", null, List.of(), List.of(
                entry("B" + account, total(), CreditDebit.DBIT, executed,
                        List.of(new EntryBatch(file.messageId(), null, txs.size(), total(), "CNY", CreditDebit.DBIT)), txs)));
        Path received = HOME.resolve(ReconcileJobConfiguration.STATEMENTS).resolve("DEMO-ISO");
        Files.createDirectories(received);
        Files.write(received.resolve("20261201030000-00000000000000a1-f.camt054.xml"),
                Camt054V08Writer.toBytes(id, created, notification));
        for (int i = 0; i < days.size(); i++) {
            Files.copy(days.get(i), received.resolve("2026120110000" + i + "-00000000000000b" + i + "-eod.camt053.xml"));
        }

        ReconcileSummary run = launcher.run(new ReconcileLauncher.Request("DEMO-ISO", List.of(), executed,
                executed.plusDays(1), null));

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.statementsRead()).as("the notification and days 1 and 2; day 3 is out of range").isEqualTo(3);
        assertThat(run.matchedByRule()).containsExactlyEntriesOf(Map.of("END_TO_END", (long) sent.size()));
        assertThat(run.exceptionsByKind()).as("the fee and the interest; nothing for the booking reported twice")
                .containsExactlyEntriesOf(Map.of("UNMATCHED_ENTRY", 2L));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM recon_match WHERE entry_key = :k",
                Map.of("k", "B" + account), Integer.class)).isEqualTo(sent.size());
        assertThat(jdbc.queryForList("SELECT message_kind FROM recon_statement WHERE run_id = :r ORDER BY seq_num,"
                + " message_kind DESC", Map.of("r", run.runId()), String.class))
                .containsExactly("camt.054", "camt.053", "camt.053");
    }
}
