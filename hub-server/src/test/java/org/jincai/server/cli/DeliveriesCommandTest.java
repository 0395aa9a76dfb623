package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jincai.core.alert.AlertService;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetOptions;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.controls.FiscalControls;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.risk.RiskService;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.jincai.core.testing.TestDatabase;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.VoucherIntakeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code jincai deliveries} on a hub's home whose embedded database holds a payment file held as
 * DELIVERY_UNCERTAIN (the state a hub leaves when nothing at the bank tells whether its upload completed):
 * the operator lists it, is refused without a reason or for an unknown id, resends it — the same staged
 * file back among the waiting ones — and sees the decision, with who and why, in its trail.
 */
class DeliveriesCommandTest {

    static final String CONFIG = "spring.config.additional-location";

    @TempDir
    Path home;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final JincaiCli cli = new JincaiCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    /**
     * The hub's configuration, as an operator's {@code application.yml} beside the jar gives it: the crash
     * tests' banks and finance system (the command needs the hub's configuration, not its banks' servers).
     */
    @BeforeEach
    void configuration() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/crash/crash-hub.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@PORT@", "2222")
                    .replace("@KNOWN_HOSTS@", "[127.0.0.1]:2222 " + TestBanks.TEST_HOST_KEY);
        }
        Path config = Files.writeString(home.resolve("hub.yml"), yaml, StandardCharsets.UTF_8);
        System.setProperty(CONFIG, "file:" + config);
    }

    @AfterEach
    void noConfiguration() {
        System.clearProperty(CONFIG);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    /** What a hub killed after asking for a rename, on a bank that shows nothing, leaves in its home. */
    private StagedFile heldDelivery() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:file:" + home.resolve("db").resolve("jincai")
                + ";WRITE_DELAY=0", "sa", "");
        Flyway.configure().dataSource(ds).locations(TestDatabase.migrations("h2"))
                .placeholders(Map.of("binary_type", TestDatabase.binaryType("h2"))).load().migrate();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        Clock clock = Clock.systemUTC();
        BankDirectory banks = new BankDirectory(TestBanks.both(22));
        PaymentRepository payments = new PaymentRepository(jdbc, clock);
        AuditTrail audit = new AuditTrail(jdbc, tx, clock);
        // the fiscal controls off: this hub's vouchers are approved at intake
        BudgetControl budget = new BudgetControl(jdbc, audit, BudgetOptions.off(), clock);
        PaymentLifecycle lifecycle = new PaymentLifecycle(jdbc, clock, List.of(budget));
        StagingArea staging = new StagingArea(home.resolve("outbound"));
        FinanceDirectory finance = new FinanceDirectory(List.of(TestFinance.hubei()));
        AlertService alerts = new AlertService(jdbc, tx, audit, clock);
        FiscalControls controls = new FiscalControls(budget, new RiskService(jdbc, alerts, audit,
                BankCalendar.standard(), RiskOptions.off(), clock), ApprovalRules.off(), new ApprovalService(jdbc, tx,
                payments, lifecycle, budget, alerts, audit, new ReceiptService(jdbc, tx, payments, lifecycle, finance,
                new StagingArea(home.resolve("finance-outbound")), clock), clock), alerts, lifecycle, audit);
        new VoucherIntakeService(jdbc, tx, payments, lifecycle, banks, finance, controls, clock)
                .receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        StagedFile iso = new ReleaseService(jdbc, tx, payments, lifecycle, banks, staging, BankCalendar.standard(), clock)
                .release("operator-test").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
                .findFirst().orElseThrow();
        DeliveryService deliveries = new DeliveryService(jdbc, tx, payments, lifecycle, staging, audit, clock);
        deliveries.startTransfer(iso.deliveryId(), "route:bank-upload");
        deliveries.renameAsked(iso.deliveryId(), "route:bank-upload");
        deliveries.uncertain(iso.deliveryId(), "route:bank-upload", "not in the bank's inbox, no archive, no answer");
        deliveries.placeFile(deliveries.find(iso.deliveryId()).orElseThrow());
        return iso;
    }

    @Test
    void anOperatorListsAHeldFileAndResendsTheSameFileWithAReasonRecorded() throws Exception {
        StagedFile iso = heldDelivery();
        Path held = home.resolve("outbound").resolve("DEMO-ISO").resolve(StagingArea.HELD).resolve(iso.fileName());
        assertThat(held).exists();

        assertThat(run("deliveries", "--uncertain")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(iso.deliveryId()).contains("DELIVERY_UNCERTAIN")
                .contains(iso.fileName()).contains("1 delivery");

        assertThat(run("deliveries", "resend", iso.deliveryId())).as("no reason: bad usage").isEqualTo(2);
        assertThat(run("deliveries", "confirm", "NO-SUCH-DELIVERY", "--reason", "checked")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DELIVERY_NOT_FOUND");

        assertThat(run("deliveries", "resend", iso.deliveryId(), "--reason", "the bank has no trace of it"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("to be resent").contains(iso.messageId());
        assertThat(held).doesNotExist();
        assertThat(home.resolve("outbound").resolve("DEMO-ISO").resolve(iso.fileName())).exists();

        assertThat(run("deliveries", "show", iso.deliveryId())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PREPARED")
                .contains("cli:" + System.getProperty("user.name")).contains("the bank has no trace of it");
        try (Stream<Path> waiting = Files.list(home.resolve("outbound").resolve("DEMO-ISO"))) {
            assertThat(waiting.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly(iso.fileName());
        }
    }
}
