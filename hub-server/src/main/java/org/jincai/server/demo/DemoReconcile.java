package org.jincai.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.EndOfDay;
import org.jincai.batch.reconcile.ReconcileLauncher;
import org.jincai.batch.reconcile.ReconcileSummary;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconException;
import org.jincai.core.release.StagingArea;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo's bank-flow reconciliation: each simulated bank that sends statements closes the days its payments
 * were executed on, and the next bank day (when the first and every twentieth credit comes back: a return, then a
 * reversal), each with a fee and a credit nobody announced ({@link EndOfDay#demo()}). The hub's inbound route keeps
 * every statement and intraday notification it takes ({@code <home>/statements/<BANK>/}); once it has taken the
 * end-of-day ones, the {@code reconcile} job runs over those of the days closed (by bank and date range, no files): the payments matched, the return moved to RETURNED with its budget
 * given back and its 退回 sent upstream, the fees and the stray credits left as exceptions.
 */
@Component
@Profile("demo")
class DemoReconcile {

    private final BankSimulator simulator;
    private final BankDirectory banks;
    private final ReconcileLauncher launcher;
    private final ExceptionQueue exceptions;
    private final NamedParameterJdbcTemplate jdbc;
    private final BankCalendar calendar;
    private final FinanceDirectory finance;
    private final StagingArea financeStaging;
    private final Duration timeout;

    DemoReconcile(BankSimulator simulator, BankDirectory banks, ReconcileLauncher launcher, ExceptionQueue exceptions,
                  NamedParameterJdbcTemplate jdbc, BankCalendar calendar, FinanceDirectory finance,
                  @Qualifier(TreasuryCoreConfiguration.FINANCE_STAGING) StagingArea financeStaging,
                  @Value("${jincai.demo.answer-timeout:PT90S}") Duration timeout) {
        this.simulator = simulator;
        this.banks = banks;
        this.launcher = launcher;
        this.exceptions = exceptions;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.finance = finance;
        this.financeStaging = financeStaging;
        this.timeout = timeout;
    }

    /** Closes the banks' days, reconciles what they booked and prints it; false when a run failed. */
    boolean run(PrintStream out) {
        boolean ok = true;
        out.println();
        out.println("Bank-flow reconciliation (银行流水对账)");
        for (BankProfile bank : banks.all()) {
            if (bank.statementFormat() == null) {
                continue;
            }
            LocalDate[] range = closeDays(bank);
            if (range == null) {
                out.println("  " + bank.code() + ": no statement reached the hub within " + timeout.toSeconds() + " s");
                ok = false;
                continue;
            }
            // no files given: the statements and notifications the route received from the bank, in the range
            ReconcileSummary s = launcher.run(new ReconcileLauncher.Request(bank.code(), List.of(), range[0], range[1],
                    null));
            out.printf("  %-10s run %s %s: %d statements (%d already taken), %d booked entries%n", bank.code(),
                    s.runId(), s.status(), s.statementsRead(), s.alreadyImported(), s.entries());
            out.println("             matched " + s.matched() + by(s.matchedByRule()) + "; returned " + s.returned()
                    + " (退回 sent upstream: " + s.returnsSent() + ")");
            out.println("             exceptions opened " + s.exceptions() + by(s.exceptionsByKind()));
            out.println("             " + (s.csv() == null ? "no reconciliation.csv" : s.csv()));
            ok &= "COMPLETED".equals(s.status());
        }
        // the returns (退回) reconciliation staged reach the finance systems' outboxes before the demo ends
        ok &= until(() -> finance.all().stream().allMatch(f -> financeStaging.waiting(f.code()).isEmpty()));
        List<ReconException> open = exceptions.list(true, null, 5);
        out.println("  open exceptions (./jincai exceptions list --open; resolve with ./jincai exceptions resolve ID"
                + " --reason TEXT):");
        open.forEach(x -> out.println("    " + x.id() + "  " + x.kind() + "  " + x.detail()));
        return ok;
    }

    /**
     * Closes the days the bank executed the hub's payments on and the next bank day, and waits until the hub's
     * inbound route has taken (and kept under {@code <home>/statements/<BANK>/}) every end-of-day statement: the
     * days closed, first and last, or null when there was nothing to close or the route did not take them in time.
     */
    private LocalDate[] closeDays(BankProfile bank) {
        TreeSet<LocalDate> days = new TreeSet<>(jdbc.queryForList("SELECT DISTINCT execution_date FROM payment_batch"
                + " WHERE bank_code = :bank", new MapSqlParameterSource("bank", bank.code()), LocalDate.class));
        if (days.isEmpty()) {
            return null;
        }
        days.add(calendar.onOrAfter(days.last().plusDays(1)));
        List<String> names = new ArrayList<>();
        try {
            for (LocalDate day : days) {
                names.addAll(simulator.closeDay(bank.code(), day, EndOfDay.demo()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated bank " + bank.code() + " cannot close its day", e);
        }
        Path archive = simulator.home(bank.code()).resolve(bank.sftp().archive());
        // the route keeps a statement before it archives it on the bank's server
        if (!until(() -> names.stream().allMatch(n -> Files.exists(archive.resolve(n))))) {
            return null;
        }
        return new LocalDate[] {days.first(), days.last()};
    }

    /** Polls {@code condition} until it holds (true) or the demo's timeout passes (false). */
    private boolean until(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(DemoRunner.POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static String by(Map<String, Long> counts) {
        return counts.isEmpty() ? "" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
