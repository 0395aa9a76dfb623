package org.jincai.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.scheduler.schedule.PayrollRequest;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;

/**
 * {@code jincai schedule payroll FILE --agency CODE --month yyyy-MM --at yyyy-MM-ddTHH:mm [--bank CODE]}: a payroll
 * disbursement planned ahead (Beijing time), placed on the bank calendar; {@code jincai schedule list};
 * {@code jincai schedule pause|resume ID}; {@code jincai schedule cancel ID [--reason TEXT]}. Every change is audited
 * as the operator's (channel CLI).
 */
final class ScheduleCommand {

    static final String USE = "use 'schedule payroll FILE --agency CODE --month yyyy-MM --at yyyy-MM-ddTHH:mm"
            + " [--bank CODE]', 'schedule list' or 'schedule pause|resume|cancel ID [--reason TEXT]'";

    /** What the command line asked for, checked before anything starts. */
    record Options(String action, String id, PayrollRequest payroll, String reason) {
    }

    private final ScheduleService schedules;
    private final PrintStream out;
    private final String actor;

    ScheduleCommand(ScheduleService schedules, PrintStream out, String actor) {
        this.schedules = schedules;
        this.out = out;
        this.actor = actor;
    }

    static Options parse(List<String> args) {
        if (args.isEmpty()) {
            throw new CliArguments.UsageException(USE);
        }
        String action = args.get(0);
        switch (action) {
            case "list" -> {
                if (args.size() != 1) {
                    throw new CliArguments.UsageException(USE);
                }
                return new Options(action, null, null, null);
            }
            case "pause", "resume", "cancel" -> {
                if (args.size() < 2 || args.get(1).startsWith("--")) {
                    throw new CliArguments.UsageException(USE);
                }
                String reason = null;
                for (int i = 2; i < args.size(); i++) {
                    if (!action.equals("cancel") || !args.get(i).equals("--reason") || i + 1 >= args.size()) {
                        throw new CliArguments.UsageException(USE);
                    }
                    reason = args.get(++i);
                }
                return new Options(action, args.get(1), null, reason);
            }
            case "payroll" -> {
                return new Options(action, null, payroll(args), null);
            }
            default -> throw new CliArguments.UsageException(USE);
        }
    }

    private static PayrollRequest payroll(List<String> args) {
        if (args.size() < 2 || args.get(1).startsWith("--")) {
            throw new CliArguments.UsageException("'schedule payroll' needs the payroll FILE");
        }
        Path file = Path.of(args.get(1));
        String agency = null;
        YearMonth month = null;
        LocalDateTime at = null;
        String bank = null;
        for (int i = 2; i < args.size(); i++) {
            if (i + 1 >= args.size()) {
                throw new CliArguments.UsageException(USE);
            }
            String value = args.get(++i);
            try {
                switch (args.get(i - 1)) {
                    case "--agency" -> agency = value;
                    case "--month" -> month = YearMonth.parse(value);
                    case "--at" -> at = LocalDateTime.parse(value);
                    case "--bank" -> bank = value;
                    default -> throw new CliArguments.UsageException(USE);
                }
            } catch (DateTimeParseException e) {
                throw new CliArguments.UsageException(args.get(i - 1) + " needs "
                        + (args.get(i - 1).equals("--month") ? "yyyy-MM" : "yyyy-MM-ddTHH:mm") + ", got '" + value + "'");
            }
        }
        if (agency == null || month == null || at == null) {
            throw new CliArguments.UsageException("'schedule payroll' needs --agency CODE, --month yyyy-MM and --at"
                    + " yyyy-MM-ddTHH:mm");
        }
        return new PayrollRequest(file.toAbsolutePath().normalize(), agency, month, at, bank);
    }

    int run(Options o) {
        AuditEntry.Channel cli = AuditEntry.Channel.CLI;
        switch (o.action()) {
            case "payroll" -> print(schedules.schedulePayroll(o.payroll(), actor, cli), "scheduled");
            case "list" -> {
                List<Schedule> all = schedules.list();
                out.printf("%d schedule(s)%n", all.size());
                all.forEach(s -> print(s, null));
            }
            case "pause" -> print(schedules.pause(o.id(), actor, cli), "paused");
            case "resume" -> print(schedules.resume(o.id(), actor, cli), "resumed");
            case "cancel" -> print(schedules.cancel(o.id(), actor, cli, o.reason()), "cancelled");
            default -> throw new IllegalStateException("unhandled schedule action " + o.action());
        }
        return 0;
    }

    private void print(Schedule s, String done) {
        out.printf("%s%s %-9s %s %s run at %s%s%n", done == null ? "  " : done + " ", s.id(), s.state(), s.target(),
                s.parameters(), s.runAt() == null ? "-" : s.runAt(), s.requestedAt() != null
                        && !s.requestedAt().equals(s.runAt()) && s.runAt() != null ? " (asked for " + s.requestedAt() + ")"
                        : "");
        if (s.movedBecause() != null) {
            out.printf("      moved: %s%n", s.movedBecause());
        }
        if (s.executionId() != null || s.outcome() != null) {
            out.printf("      launched: execution %s, %s%n", s.executionId() == null ? "-" : s.executionId(),
                    s.outcome());
        }
        s.warnings().forEach(w -> out.printf("      warning: %s%n", w));
    }
}
