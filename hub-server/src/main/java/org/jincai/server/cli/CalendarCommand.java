package org.jincai.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.scheduler.calendar.CalendarFile;
import org.jincai.scheduler.calendar.CalendarStore;

/**
 * {@code jincai calendar [list]}: the bank calendar's years, whether each is the published arrangement or the
 * statutory dates only; {@code jincai calendar import FILE [--statutory]}: load a year's days from CSV
 * (docs/operations.md, "Calendars"), replacing the years the file holds, whole or not at all.
 */
final class CalendarCommand {

    static final String USE = "use 'calendar [list]' or 'calendar import FILE [--statutory]'";

    /** What the command line asked for. */
    record Options(String action, Path file, boolean statutory) {
    }

    private final CalendarStore calendars;
    private final PrintStream out;
    private final String actor;

    CalendarCommand(CalendarStore calendars, PrintStream out, String actor) {
        this.calendars = calendars;
        this.out = out;
        this.actor = actor;
    }

    static Options parse(List<String> args) {
        if (args.isEmpty() || args.equals(List.of("list"))) {
            return new Options("list", null, false);
        }
        if (args.get(0).equals("import") && (args.size() == 2 || args.size() == 3 && args.get(2).equals("--statutory"))
                && !args.get(1).startsWith("--")) {
            return new Options("import", Path.of(args.get(1)).toAbsolutePath().normalize(), args.size() == 3);
        }
        throw new CliArguments.UsageException(USE);
    }

    int run(Options o) {
        if (o.action().equals("import")) {
            CalendarFile file;
            try (InputStream in = Files.newInputStream(o.file())) {
                file = CalendarFile.read(in, o.file().getFileName().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + o.file(), e);
            }
            calendars.importFile(file, o.statutory() ? CalendarStore.Arrangement.STATUTORY
                    : CalendarStore.Arrangement.PUBLISHED, o.file().toString(), actor, AuditEntry.Channel.CLI);
            out.printf("imported %s: year(s) %s replaced%n", o.file().getFileName(), file.years());
        }
        List<CalendarStore.Year> years = calendars.years();
        out.printf("%d calendar year(s)%n", years.size());
        for (CalendarStore.Year y : years) {
            out.printf("  %d %-9s %3d holiday(s) %2d working weekend day(s)  %s (%s, %s)%n", y.year(), y.arrangement(),
                    y.holidays(), y.workdays(), y.source(), y.loadedBy(), y.loadedAt());
            calendars.warnings(java.time.LocalDate.of(y.year(), 1, 1)).forEach(w -> out.printf("      warning: %s%n", w));
        }
        return 0;
    }
}
