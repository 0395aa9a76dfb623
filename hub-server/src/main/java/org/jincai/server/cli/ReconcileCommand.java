package org.jincai.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jincai.batch.reconcile.ReconcileLauncher;
import org.jincai.batch.reconcile.ReconcileSummary;
import org.jincai.core.bank.BankDirectory;

/**
 * {@code jincai reconcile [--bank CODE] [--from DATE --to DATE] [--run ID] [FILE...]}: runs the {@code reconcile}
 * job over the given statement files (of the bank {@code --bank} names), or over the statements received from each
 * bank ({@code <home>/statements/<BANK>/}) dated within the range; prints each run's summary and where its
 * reconciliation.csv is. {@code --run ID} starts a failed run again (given the same bank, dates and files). Exit 1 when a run
 * failed.
 */
final class ReconcileCommand {

    static final String USE = "use 'reconcile [--bank CODE] [--from YYYY-MM-DD --to YYYY-MM-DD] [--run ID] [FILE...]'"
            + " (files need --bank)";
    static final String STATEMENTS = "statements";

    /** What the command line asked for. */
    record Options(String bank, LocalDate from, LocalDate to, String runId, List<Path> files) {
    }

    private final ReconcileLauncher launcher;
    private final BankDirectory banks;
    private final Path home;
    private final PrintStream out;

    ReconcileCommand(ReconcileLauncher launcher, BankDirectory banks, Path home, PrintStream out) {
        this.launcher = launcher;
        this.banks = banks;
        this.home = home;
        this.out = out;
    }

    static Options parse(List<String> args) {
        String bank = null;
        LocalDate from = null;
        LocalDate to = null;
        String run = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                files.add(Path.of(a));
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new CliArguments.UsageException(a + " needs a value; " + USE);
            }
            String value = args.get(++i);
            switch (a) {
                case "--bank" -> bank = value;
                case "--from" -> from = date(value);
                case "--to" -> to = date(value);
                case "--run" -> run = value;
                default -> throw new CliArguments.UsageException("unknown option " + a + "; " + USE);
            }
        }
        if (!files.isEmpty() && bank == null || from != null && to != null && from.isAfter(to)) {
            throw new CliArguments.UsageException(USE);
        }
        return new Options(bank, from, to, run, List.copyOf(files));
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliArguments.UsageException("a date is YYYY-MM-DD, got '" + value + "'");
        }
    }

    int run(Options o) {
        List<String> codes = o.bank() != null ? List.of(banks.require(o.bank()).code())
                : banks.all().stream().map(b -> b.code()).toList();
        boolean failed = false;
        for (String code : codes) {
            List<Path> files = o.files().isEmpty() ? received(code) : o.files();
            if (files.isEmpty() && o.runId() == null) {
                out.println(code + ": no statements under " + home.resolve(STATEMENTS).resolve(code));
                continue;
            }
            ReconcileSummary s = launcher.run(new ReconcileLauncher.Request(code, files, o.from(), o.to(), o.runId()));
            print(s);
            failed |= !"COMPLETED".equals(s.status());
        }
        return failed ? 1 : 0;
    }

    /** The statement files received from the bank, in name order. */
    private List<Path> received(String bank) {
        Path folder = home.resolve(STATEMENTS).resolve(bank);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".xml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private void print(ReconcileSummary s) {
        out.println("reconcile run " + s.runId() + " (" + s.bankCode() + "): " + s.status());
        out.println("  statements read     " + s.statementsRead() + " (already imported: " + s.alreadyImported() + ")");
        out.println("  booked entries      " + s.entries());
        out.println("  payments matched    " + s.matched() + by(s.matchedByRule()));
        out.println("  payments returned   " + s.returned() + " (returns sent upstream: " + s.returnsSent() + ")");
        out.println("  exceptions opened   " + s.exceptions() + by(s.exceptionsByKind()));
        out.println("  reconciliation.csv  " + (s.csv() == null ? "(not written: the run did not finish)" : s.csv()));
    }

    private static String by(Map<String, Long> counts) {
        return counts.isEmpty() ? "" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
