package org.jincai.routes.bank;

import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.jincai.routes.ReasonFiles;
import org.jincai.routes.RouteIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements and notifications through the real inbound route: a bank's SFTP server (the simulator's
 * embedded one), camel-sftp polling its outbox, the core on a real database. Each test drops one file into
 * the outbox as the bank would and waits for the route to be done with it.
 */
class BankInboundStatementsTest {

    static final String BANK = "DEMO-ISO";

    @TempDir
    Path root;
    BankSimulator simulator;
    CoreFixture core;
    DefaultCamelContext camel;
    StagedFile file;
    List<Payment> sent;
    ReceivedStatements received;

    @BeforeEach
    void start() throws Exception {
        simulator = new BankSimulator(root.resolve("banks"), TestBanks.both(0), RejectionRule.none()).start();
        BankProfile iso = simulator.clientProfile(BANK);
        core = new CoreFixture(root.resolve("core"), Clock.systemUTC(), List.of(iso, simulator.clientProfile("DEMO-PIPE")));
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        file = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals(BANK)).findFirst().orElseThrow();
        core.deliveries.markUploaded(BANK, file.fileName(), "route");
        sent = core.payments.findByDelivery(file.deliveryId());
        core.answers.apply(BANK, "p2".getBytes(), new BankAnswer("s.pain002.xml", file.messageId(),
                sent.stream().map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList()), false, "inbound");
        received = new ReceivedStatements(root.resolve("home"), Clock.systemUTC());
        camel = new DefaultCamelContext();
        camel.addRoutes(new BankInboundRoutes(core.banks, core.answers, core.statements, core.receipts,
                new SftpUris(root.resolve("known-hosts")), received));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
        core.close();
    }

    /** Puts {@code content} in the bank's outbox whole (written aside, then moved) and waits until the route is done. */
    private void bankSends(String name, byte[] content) throws Exception {
        // this file's exchange: a notifier counting any would be satisfied by the end of the previous file's
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute(RouteIds.bankInbound(BANK))
                .filter(header(Exchange.FILE_NAME_ONLY).isEqualTo(name)).whenDone(1).create();
        Path aside = simulator.home(BANK).resolve(name + ".writing");
        Files.write(aside, content);
        Files.move(aside, simulator.home(BANK).resolve("outbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        assertThat(done.matches(60, TimeUnit.SECONDS)).as("the route took " + name).isTrue();
    }

    private BigDecimal total() {
        return sent.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<CamtFiles.Tx> txs(boolean withAmounts) {
        return sent.stream().map(p -> new CamtFiles.Tx(p.paymentId(), withAmounts ? p.amount() : null)).toList();
    }

    private List<PaymentStatus> statuses() {
        return core.payments.findByDelivery(file.deliveryId()).stream().map(Payment::status).toList();
    }

    private boolean inFolder(String folder, String name) {
        return Files.exists(simulator.home(BANK).resolve(folder).resolve(name));
    }

    private int answered() {
        return core.db.count("SELECT COUNT(*) FROM voucher_answer a JOIN payment p ON p.voucher_id = a.voucher_id"
                + " WHERE p.delivery_id = '" + file.deliveryId() + "'");
    }

    /** Regression: a pending entry paid its payments, and the receipt went upstream with a pay date. */
    @Test
    void aPendingEntryPaysNothingAndSendsNoReceiptUntilTheBankBooksIt() throws Exception {
        bankSends("stmt-pdng.xml", CamtFiles.statement("S-PDNG",
                new CamtFiles.Entry("BK-1", "PDNG", total(), "DBIT", file.messageId(), txs(true))));

        assertThat(inFolder("archive", "stmt-pdng.xml")).isTrue();
        assertThat(statuses()).containsOnly(PaymentStatus.ACCEPTED);
        assertThat(answered()).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE status = 'PDNG' AND payment_id IS NULL"))
                .isEqualTo(3);

        bankSends("stmt-book.xml", CamtFiles.statement("S-BOOK",
                new CamtFiles.Entry("BK-1", "BOOK", total(), "DBIT", file.messageId(), txs(true))));

        assertThat(statuses()).containsOnly(PaymentStatus.RECEIPTED);
        assertThat(answered()).isPositive();
    }

    /** Regression: TxDtls without amounts threw a NullPointerException and the statement went to the error folder. */
    @Test
    void aBatchWhoseTransactionsCarryNoAmountsIsAppliedAsAWhole() throws Exception {
        bankSends("stmt-batch.xml", CamtFiles.statement("S-BATCH",
                new CamtFiles.Entry("BK-2", "BOOK", total(), "DBIT", file.messageId(), txs(false))));

        assertThat(inFolder("error", "stmt-batch.xml")).isFalse();
        assertThat(inFolder("archive", "stmt-batch.xml")).isTrue();
        assertThat(statuses()).containsOnly(PaymentStatus.RECEIPTED);
    }

    /** Regression: a camt.054 notification was not taken for a statement and failed in the pain.002 reader. */
    @Test
    void aDebitNotificationBooksLikeAStatement() throws Exception {
        bankSends("ntfctn.xml", CamtFiles.notification("N-1",
                new CamtFiles.Entry("BK-3", "BOOK", total(), "DBIT", file.messageId(), txs(true))));

        assertThat(inFolder("archive", "ntfctn.xml")).isTrue();
        assertThat(statuses()).containsOnly(PaymentStatus.RECEIPTED);
    }

    private List<String> kept() throws Exception {
        Path folder = root.resolve("home").resolve(ReceivedStatements.FOLDER).resolve(BANK);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachStatementAndNotificationReceivedIsKeptOnceForReconciliation() throws Exception {
        byte[] notification = CamtFiles.notification("N-K",
                new CamtFiles.Entry("BK-K", "BOOK", total(), "DBIT", file.messageId(), txs(true)));
        byte[] statement = CamtFiles.statement("S-K",
                new CamtFiles.Entry("BK-K", "BOOK", total(), "DBIT", file.messageId(), txs(true)));

        bankSends("kept.camt054.xml", notification);
        bankSends("kept.camt053.xml", statement);
        // the bank sends the same statement again under another name: applied and archived, not kept twice
        bankSends("kept-copy2.camt053.xml", statement);

        assertThat(kept()).hasSize(2).allMatch(n -> n.matches("\\d{14}-[0-9a-f]{16}-kept\\.camt05[34]\\.xml"));
        assertThat(kept()).anyMatch(n -> n.endsWith("-kept.camt054.xml")).anyMatch(n -> n.endsWith("-kept.camt053.xml"));
        Path keptStatement = received.folder(BANK).resolve(kept().stream().filter(n -> n.endsWith("053.xml"))
                .findFirst().orElseThrow());
        assertThat(Files.readAllBytes(keptStatement)).isEqualTo(statement);
        assertThat(inFolder("archive", "kept-copy2.camt053.xml")).isTrue();
        assertThat(statuses()).containsOnly(PaymentStatus.RECEIPTED);
    }

    @Test
    void aStatementWithErrorsIsNotKept() throws Exception {
        bankSends("stmt-bad2.xml", CamtFiles.statement("S-BAD2",
                new CamtFiles.Entry("BK-9", "BOOK", null, "DBIT", file.messageId(), txs(true))));

        assertThat(inFolder("error", "stmt-bad2.xml")).isTrue();
        assertThat(kept()).isEmpty();
    }

    @Test
    void aStatementWithErrorsGoesToTheErrorFolderWithEveryCode() throws Exception {
        bankSends("stmt-bad.xml", CamtFiles.statement("S-BAD",
                new CamtFiles.Entry("BK-4", "BOOK", null, "DBIT", file.messageId(), txs(true)),
                new CamtFiles.Entry("BK-5", "BOOK", total(), null, file.messageId(), txs(true))));

        assertThat(inFolder("error", "stmt-bad.xml")).isTrue();
        String reason = Files.readString(simulator.home(BANK).resolve("error").resolve("stmt-bad.xml" + ReasonFiles.SUFFIX),
                StandardCharsets.UTF_8);
        assertThat(reason).contains("code: ISO_FIELD_MISSING").contains("problems:")
                .contains("ISO_FIELD_MISSING at stmt-bad.xml:").doesNotContain("UNEXPECTED_");
        assertThat(reason.lines().filter(l -> l.startsWith("  ISO_FIELD_MISSING"))).hasSize(2);
        assertThat(statuses()).containsOnly(PaymentStatus.ACCEPTED);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry")).isZero();
    }

    /** Regression: what the reader warned about was thrown away, and a foreign-namespace entry was summed as ISO. */
    @Test
    void warningsAreKeptWithTheStatementAndAForeignEntryIsNotApplied() throws Exception {
        String xml = new String(CamtFiles.statement("S-WARN",
                new CamtFiles.Entry("BK-6", "BOOK", total(), "DBIT", file.messageId(), txs(true))), StandardCharsets.UTF_8)
                .replace("<Ntry>", "<Ntry xmlns=\"urn:other\"><Amt Ccy=\"CNY\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>"
                        + "<Sts><Cd>BOOK</Cd></Sts><AcctSvcrRef>FOREIGN</AcctSvcrRef></Ntry><Ntry>");

        bankSends("stmt-warn.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertThat(statuses()).containsOnly(PaymentStatus.RECEIPTED);
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_entry WHERE entry_key = 'FOREIGN'")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM statement_warning WHERE file_name = 'stmt-warn.xml'"
                + " AND code = 'ISO_FOREIGN_ELEMENT'")).isEqualTo(1);
    }
}
