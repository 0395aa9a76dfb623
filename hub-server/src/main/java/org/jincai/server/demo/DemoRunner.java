package org.jincai.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.ReleaseResult;
import org.jincai.core.release.StagingArea;
import org.jincai.core.release.StagedFile;
import org.jincai.core.report.SummaryQueries;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.routes.RouteIds;
import org.jincai.server.config.HubProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * {@code ./jincai demo}: the whole payment path on embedded defaults. The sample budget is loaded first
 * ({@link DemoControls}); the bundled sample envelopes are dropped into the finance system's inbox folder as the
 * finance system would (written under a temporary name, then renamed), taken in by its inbox route through the
 * fiscal controls, refused vouchers (one over its budget) answered with returns; the demo's approvers decide every
 * chain, as themselves (one held by a risk rule until its extra level, one of two levels); approved payments are
 * released into bank files and uploaded over SFTP to the simulated banks, whose answers and
 * statements are polled back and applied; settled vouchers get their receipts in the finance system's
 * outbox. Then a summary is printed. A second run on the same home pays nothing twice: the same files are
 * recognised as already taken. A run killed at any point is finished by the next one: start-up recovery
 * resumes what was in flight and the run waits until every voucher ever taken is answered and every receipt
 * delivered; a payment file held as DELIVERY_UNCERTAIN (which the simulated banks never cause) fails it.
 */
@Component
@Profile("demo")
public class DemoRunner {

    static final String ACTOR = "demo";
    static final String SAMPLES = "classpath:demo/vouchers/*.xml";
    static final Duration POLL = Duration.ofMillis(200);

    private final ProducerTemplate producer;
    private final SummaryQueries summary;
    private final BankDirectory banks;
    private final FinanceDirectory finance;
    private final HubProperties props;
    private final DeliveryService deliveries;
    private final StagingArea financeStaging;
    private final DemoControls controls;
    private final DemoPayroll payroll;
    private final DemoReconcile reconcile;
    private final Duration timeout;

    public DemoRunner(ProducerTemplate producer, SummaryQueries summary, BankDirectory banks, FinanceDirectory finance,
                      HubProperties props, DeliveryService deliveries,
                      @Qualifier(TreasuryCoreConfiguration.FINANCE_STAGING) StagingArea financeStaging,
                      DemoControls controls, DemoPayroll payroll, DemoReconcile reconcile,
                      @Value("${jincai.demo.answer-timeout:PT90S}") Duration timeout) {
        this.producer = producer;
        this.summary = summary;
        this.banks = banks;
        this.finance = finance;
        this.props = props;
        this.deliveries = deliveries;
        this.financeStaging = financeStaging;
        this.controls = controls;
        this.payroll = payroll;
        this.reconcile = reconcile;
        this.timeout = timeout;
    }

    /** Runs the demo and prints its summary to {@code out}; returns the process exit code. */
    public int run(PrintStream out) {
        Instant started = Instant.now();
        FinanceSystem fin = finance.all().stream().filter(FinanceSystem::local).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo needs a finance system on a local folder"));
        Path finFolder = props.home().resolve(fin.folder());
        out.println("Jincai demo - home " + props.home());
        for (BankProfile b : banks.all()) {
            out.printf("  bank    %-10s %-16s %-6s sftp://%s@%s:%d/%s%n", b.code(), b.outboundFormat().id(),
                    b.charset(), b.sftp().user(), b.sftp().host(), b.sftp().port(), b.sftp().inbox());
        }
        out.printf("  finance %-10s AdmDivCode %s, inbox %s%n", fin.code(), String.join(",", fin.admDivCodes()),
                finFolder.resolve("inbox"));

        List<String> budget = controls.loadBudget();
        List<String> dropped = dropSamples(finFolder.resolve("inbox"));
        boolean taken = await(() -> dropped.stream().noneMatch(n -> Files.exists(finFolder.resolve("inbox").resolve(n))));
        controls.approveAll();
        DemoControls.Summary controlled = controls.summary(budget, started);
        ReleaseResult release = producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null,
                RouteIds.HEADER_ACTOR, ACTOR, ReleaseResult.class);
        // every voucher ever taken, not only this run's: a run killed before may have left payments on their way
        boolean settled = controlled.waiting().isEmpty()
                && await(() -> summary.vouchersAwaitingAnswerSince(Instant.EPOCH) == 0
                || !deliveries.list(DeliveryStatus.DELIVERY_UNCERTAIN).isEmpty());
        List<Delivery> held = deliveries.list(DeliveryStatus.DELIVERY_UNCERTAIN);
        List<String> xsd = checkIsoFiles(release.staged());
        boolean delivered = await(() -> financeStaging.waiting(fin.code()).isEmpty()
                && outboxHolds(finFolder.resolve("outbox"), summary.answersSince(started)
                .values().stream().mapToInt(SummaryQueries.AnswerTotals::count).sum()));

        DemoReport.print(out, new DemoReport.Run(dropped, summary.vouchersAcceptedSince(started),
                summary.refusalsSince(started), controlled, release, summary.byBank(summary.deliveriesSince(started)),
                xsd, summary.answersSince(started), files(finFolder.resolve("outbox")), summary.paymentsByStatus(),
                Duration.between(started, Instant.now())));
        boolean reconciled = taken && settled && delivered && reconcile.run(out);
        if (!held.isEmpty()) {
            out.println("FAILED: " + held.size() + " payment file(s) held as DELIVERY_UNCERTAIN: the hub cannot tell"
                    + " whether the bank received them; see ./jincai deliveries --uncertain");
            return 1;
        }
        if (!controlled.waiting().isEmpty()) {
            out.println("FAILED: vouchers wait for an approver the demo's users cannot stand in for");
            return 1;
        }
        if (!taken || !settled || !delivered) {
            out.println("FAILED: " + (!taken ? "the inbox files were not taken" : !settled
                    ? "not every voucher was settled by its bank and answered" : "not every receipt reached the outbox")
                    + " within " + timeout.toSeconds() + " s");
            return 1;
        }
        if (!payroll.run(out)) {
            out.println("FAILED: the payroll did not complete");
            return 1;
        }
        if (!reconciled) {
            out.println("FAILED: bank-flow reconciliation did not complete");
            return 1;
        }
        return !release.failures().isEmpty() || xsd.stream().anyMatch(line -> line.contains("INVALID")) ? 1 : 0;
    }

    /** Drops each bundled envelope into the inbox as a finance system would: a temporary name, then a rename. */
    private static List<String> dropSamples(Path inbox) {
        List<String> names = new ArrayList<>();
        try {
            Files.createDirectories(inbox);
            for (Resource r : samples()) {
                Path part = inbox.resolve(r.getFilename() + ".part");
                try (InputStream in = r.getInputStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, inbox.resolve(r.getFilename()), StandardCopyOption.ATOMIC_MOVE);
                names.add(r.getFilename());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop the sample vouchers into " + inbox, e);
        }
        return names;
    }

    private static List<Resource> samples() throws IOException {
        Resource[] found = new PathMatchingResourcePatternResolver().getResources(SAMPLES);
        return Arrays.stream(found).sorted(Comparator.comparing(Resource::getFilename)).toList();
    }

    private static boolean outboxHolds(Path outbox, int receipts) {
        return files(outbox).stream().filter(n -> n.endsWith("_receipt.xml") || n.endsWith("_return.xml")).count()
                >= receipts;
    }

    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds or the demo's timeout passes. */
    private boolean await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Validates each pain.001 as the bank received it (in the simulator's inbox) against the official XSD. */
    private List<String> checkIsoFiles(List<StagedFile> staged) {
        IsoXsdValidator validator = new IsoXsdValidator();
        List<String> lines = new ArrayList<>();
        for (StagedFile f : staged) {
            BankProfile bank = banks.require(f.bankCode());
            if (bank.outboundFormat() != BankFormat.PAIN_001_001_09) {
                continue;
            }
            Path received = props.home().resolve("bank-simulator").resolve(bank.code()).resolve(bank.sftp().inbox())
                    .resolve(f.fileName());
            try {
                List<Problem> problems = validator.validate(Files.readAllBytes(received), "pain.001.001.09");
                lines.add(f.fileName() + ": " + (problems.isEmpty() ? "valid" : "INVALID " + problems.get(0)));
            } catch (IOException e) {
                lines.add(f.fileName() + ": INVALID (not found at the bank: " + e.getMessage() + ")");
            }
        }
        return lines;
    }
}
