package org.jincai.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jincai.batch.report.MonthlyReports;
import org.jincai.core.controls.Actor;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;

/**
 * {@code jincai report monthly --month yyyy-MM [--as USER]}: runs the job monthly-report for that month and waits
 * for it; prints where its files are. Exit 0 when the job completed, 1 when it failed (say, no CJK font for the
 * PDF: the CSV files and the workbook are there, and a new run after the fix makes the whole report again).
 */
final class ReportCommand {

    static final String USE = "use 'report monthly --month yyyy-MM [--as USER]'";

    /** What the command line asked for, checked before anything starts. */
    record Options(YearMonth month, String as) {
    }

    private final MonthlyReports reports;
    private final ControlUsers users;
    private final PrintStream out;
    private final PrintStream err;

    ReportCommand(MonthlyReports reports, ControlUsers users, PrintStream out, PrintStream err) {
        this.reports = reports;
        this.users = users;
        this.out = out;
        this.err = err;
    }

    static Options parse(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("monthly")) {
            throw new CliArguments.UsageException(USE);
        }
        YearMonth month = null;
        String as = null;
        for (int i = 1; i < args.size(); i++) {
            if (i + 1 >= args.size()) {
                throw new CliArguments.UsageException(USE);
            }
            String value = args.get(++i);
            switch (args.get(i - 1)) {
                case "--month" -> {
                    try {
                        month = YearMonth.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new CliArguments.UsageException("--month is yyyy-MM, e.g. 2026-11");
                    }
                }
                case "--as" -> as = value;
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        if (month == null) {
            throw new CliArguments.UsageException("--month yyyy-MM is required");
        }
        return new Options(month, as);
    }

    int run(Options o) {
        Actor who = o.as() == null ? users.hub() : users.cli(o.as(), Roles.OPERATOR);
        MonthlyReports.Run run = reports.run(o.month(), who.name(), who.channel());
        out.printf("monthly-report %s: %s (job execution %d)%n", o.month(), run.status(), run.executionId());
        out.printf("in %s%n", run.dir());
        for (Path f : run.files()) {
            out.printf("  %s%n", f.getFileName());
        }
        if (!run.completed()) {
            err.println("jincai: the report did not complete: " + firstLine(run.exitDescription()));
            return 1;
        }
        return 0;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "see the log";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
