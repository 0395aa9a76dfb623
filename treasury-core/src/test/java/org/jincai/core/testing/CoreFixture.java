package org.jincai.core.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.answer.StatementService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.InboxIntakeService;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.voucher.VoucherIntakeService;

/** The core's services wired by hand over a real test database, the two test banks and a staging folder. */
public final class CoreFixture implements AutoCloseable {

    public final TestDatabase db;
    public final Clock clock;
    public final BankDirectory banks;
    public final FinanceDirectory finance = new FinanceDirectory(List.of(TestFinance.hubei()));
    public final StagingArea staging;
    public final StagingArea financeStaging;
    public final PaymentRepository payments;
    public final PaymentLifecycle lifecycle;
    public final VoucherIntakeService intake;
    public final ReleaseService release;
    public final AuditTrail audit;
    public final DeliveryService deliveries;
    public final BankAnswerService answers;
    public final StatementService statements;
    public final SummaryQueries summary;
    public final InboxIntakeService inbox;
    public final ReceiptService receipts;

    public CoreFixture(Path stagingRoot) {
        this(stagingRoot, Clock.systemUTC());
    }

    /** With a fixed clock, for what depends on the time of day (cut-off times). */
    public CoreFixture(Path stagingRoot, Clock clock) {
        this(stagingRoot, clock, TestBanks.both(2222));
    }

    /** With other bank profiles. */
    public CoreFixture(Path stagingRoot, Clock clock, List<BankProfile> bankProfiles) {
        this.clock = clock;
        this.banks = new BankDirectory(bankProfiles);
        db = TestDatabase.create();
        var jdbc = db.jdbc();
        var tx = db.tx();
        staging = new StagingArea(stagingRoot.resolve("banks"));
        financeStaging = new StagingArea(stagingRoot.resolve("finance"));
        payments = new PaymentRepository(jdbc, clock);
        lifecycle = new PaymentLifecycle(jdbc, clock);
        intake = new VoucherIntakeService(jdbc, tx, payments, lifecycle, banks, finance, clock);
        release = new ReleaseService(jdbc, tx, payments, lifecycle, banks, staging, BankCalendar.standard(), clock);
        audit = new AuditTrail(jdbc, tx, clock);
        deliveries = new DeliveryService(jdbc, tx, payments, lifecycle, staging, audit, clock);
        answers = new BankAnswerService(jdbc, tx, payments, lifecycle, deliveries, clock);
        statements = new StatementService(jdbc, tx, payments, lifecycle, answers, clock);
        summary = new SummaryQueries(jdbc);
        inbox = new InboxIntakeService(jdbc, intake, financeStaging, new StagingArea(stagingRoot.resolve("received")), clock);
        receipts = new ReceiptService(jdbc, tx, payments, lifecycle, finance, financeStaging, clock);
    }

    @Override
    public void close() {
        db.close();
    }
}
