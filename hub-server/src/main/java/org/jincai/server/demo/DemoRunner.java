package org.jincai.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.release.ReleaseResult;
import org.jincai.core.release.StagedFile;
import org.jincai.core.report.BankTotals;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.routes.RouteIds;
import org.jincai.server.config.HubProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * {@code ./jincai demo}: the whole payment path on embedded defaults. The bundled sample envelopes go
 * through the intake route, approved payments are released into bank files and uploaded over SFTP to
 * the simulated banks, their answers are polled back and applied; then a summary is printed. A second
 * run on the same home pays nothing twice: every voucher is refused as a duplicate.
 */
@Component
@Profile("demo")
public class DemoRunner {

    static final String ACTOR = "demo";
    static final String SAMPLES = "classpath:demo/vouchers/*.xml";

    private final ProducerTemplate producer;
    private final SummaryQueries summary;
    private final BankDirectory banks;
    private final HubProperties props;
    private final Duration answerTimeout;

    public DemoRunner(ProducerTemplate producer, SummaryQueries summary, BankDirectory banks, HubProperties props,
                      @Value("${jincai.demo.answer-timeout:PT90S}") Duration answerTimeout) {
        this.producer = producer;
        this.summary = summary;
        this.banks = banks;
        this.props = props;
        this.answerTimeout = answerTimeout;
    }

    /** Runs the demo and prints its summary to {@code out}; returns the process exit code. */
    public int run(PrintStream out) {
        Instant started = Instant.now();
        out.println("Jincai demo - home " + props.home());
        for (BankProfile b : banks.all()) {
            out.printf("  bank %-10s %-16s %-6s sftp://%s@%s:%d/%s%n", b.code(), b.outboundFormat().id(), b.charset(),
                    b.sftp().user(), b.sftp().host(), b.sftp().port(), b.sftp().inbox());
        }
        List<VoucherOutcome> outcomes = receiveSamples();
        ReleaseResult release = producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null,
                RouteIds.HEADER_ACTOR, ACTOR, ReleaseResult.class);
        List<String> deliveries = release.staged().stream().map(StagedFile::deliveryId).toList();
        boolean answered = awaitAnswers(deliveries);
        List<BankTotals> thisRun = summary.byBank(deliveries);
        List<String> xsd = checkIsoFiles(release.staged());

        DemoReport.print(out, outcomes, release, thisRun, xsd, summary.paymentsByStatus(),
                Duration.between(started, Instant.now()));
        if (!answered) {
            out.println("FAILED: not every file was answered by its bank within " + answerTimeout.toSeconds() + " s");
            return 1;
        }
        if (!release.failures().isEmpty() || xsd.stream().anyMatch(line -> line.contains("INVALID"))) {
            return 1;
        }
        return 0;
    }

    private List<VoucherOutcome> receiveSamples() {
        List<VoucherOutcome> outcomes = new ArrayList<>();
        for (Resource r : samples()) {
            byte[] envelope;
            try (var in = r.getInputStream()) {
                envelope = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled sample " + r.getFilename(), e);
            }
            @SuppressWarnings("unchecked")
            List<VoucherOutcome> result = producer.requestBodyAndHeaders(RouteIds.VOUCHER_INTAKE_ENDPOINT, envelope,
                    Map.of(RouteIds.HEADER_SOURCE, "demo:" + r.getFilename(), RouteIds.HEADER_ACTOR, ACTOR), List.class);
            outcomes.addAll(result);
        }
        return outcomes;
    }

    private static List<Resource> samples() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(SAMPLES);
            return Arrays.stream(found).sorted(Comparator.comparing(Resource::getFilename)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled sample vouchers", e);
        }
    }

    /** Waits, polling the database, until every file of this run is answered or the timeout passes. */
    private boolean awaitAnswers(List<String> deliveries) {
        Instant deadline = Instant.now().plus(answerTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (summary.byBank(deliveries).stream().allMatch(t -> t.awaitingAnswer() == 0)) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
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
