package org.jincai.server.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertService;
import org.jincai.core.controls.Actor;
import org.jincai.core.risk.RiskService;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;

/**
 * {@code jincai alerts [--open] [--limit N] [--as USER]}: the alerts of the fiscal controls, newest first.
 * {@code jincai alerts ack ID --reason TEXT --as USER}: acknowledged once, with the reason, as that user.
 * {@code jincai alerts scan [--date YYYY-MM-DD] [--as USER]}: the dormant-account scan as of that day (today in
 * Beijing by default), which the scheduler will run nightly.
 */
final class AlertsCommand {

    static final String USE = "use 'alerts [--open] [--limit N] [--as USER]', 'alerts ack ID --reason TEXT --as USER'"
            + " or 'alerts scan [--date YYYY-MM-DD] [--as USER]'";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** What the command line asked for, checked before anything starts. */
    record Options(String action, String id, boolean open, int limit, String reason, LocalDate date, String as) {
    }

    private final AlertService alerts;
    private final RiskService risk;
    private final ControlUsers users;
    private final PrintStream out;

    AlertsCommand(AlertService alerts, RiskService risk, ControlUsers users, PrintStream out) {
        this.alerts = alerts;
        this.risk = risk;
        this.users = users;
        this.out = out;
    }

    static Options parse(List<String> args) {
        String action = args.isEmpty() || args.get(0).startsWith("--") ? "list" : args.get(0);
        if (!List.of("list", "ack", "scan").contains(action) || action.equals("ack") && args.size() < 2) {
            throw new CliArguments.UsageException(USE);
        }
        String id = action.equals("ack") ? args.get(1) : null;
        int from = action.equals("list") ? (args.isEmpty() || args.get(0).startsWith("--") ? 0 : 1)
                : action.equals("ack") ? 2 : 1;
        boolean open = false;
        int limit = 200;
        String reason = null;
        LocalDate date = null;
        String as = null;
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--open") && action.equals("list")) {
                open = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new CliArguments.UsageException(USE);
            }
            String value = args.get(++i);
            switch (a) {
                case "--as" -> as = value;
                case "--limit" -> {
                    if (!action.equals("list")) {
                        throw new CliArguments.UsageException(USE);
                    }
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new CliArguments.UsageException("--limit needs a number");
                    }
                    if (limit < 1) {
                        throw new CliArguments.UsageException("--limit must be positive");
                    }
                }
                case "--reason" -> {
                    if (!action.equals("ack")) {
                        throw new CliArguments.UsageException(USE);
                    }
                    reason = value;
                }
                case "--date" -> {
                    if (!action.equals("scan")) {
                        throw new CliArguments.UsageException(USE);
                    }
                    try {
                        date = LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new CliArguments.UsageException("--date needs YYYY-MM-DD");
                    }
                }
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        if (action.equals("ack") && (as == null || reason == null || reason.isBlank())) {
            throw new CliArguments.UsageException("'alerts ack ID' needs --reason TEXT and --as USER");
        }
        return new Options(action, id, open, limit, reason, date, as);
    }

    int run(Options o) {
        switch (o.action()) {
            case "list" -> {
                DataScope scope = o.as() == null ? DataScope.everything()
                        : users.cli(o.as(), Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR).scope();
                List<Alert> found = alerts.list(scope, o.open(), o.limit());
                out.printf("%d %salert(s)%n", found.size(), o.open() ? "open " : "");
                for (Alert a : found) {
                    out.printf("  %s %s %-19s %-12s%s %-16s %s%n", a.alertId(), TIME.format(a.raisedAt()), a.rule(),
                            a.status(), a.hold() ? " hold" : "     ", a.voucherNo() == null ? "" : a.voucherNo(),
                            a.detail());
                    if (a.status() == Alert.Status.ACKNOWLEDGED) {
                        out.printf("      acknowledged by %s %s: %s%n", a.ackedBy(), TIME.format(a.ackedAt()),
                                a.ackReason());
                    }
                }
            }
            case "ack" -> {
                Alert a = alerts.acknowledge(o.id(), users.cli(o.as(), Roles.OPERATOR, Roles.APPROVER), o.reason());
                out.printf("acknowledged %s (%s) by %s: %s%n", a.alertId(), a.rule(), a.ackedBy(), a.ackReason());
            }
            case "scan" -> {
                Actor who = o.as() == null ? users.hub() : users.cli(o.as(), Roles.OPERATOR);
                RiskService.ScanResult r = risk.scanDormant(o.date() == null ? risk.today() : o.date(), who);
                out.printf("dormant-account scan as of %s (quiet window %s to %s): %d account(s) checked, %d newly"
                                + " quiet%s%n", r.asOf(), r.quietDays().get(0), r.asOf(), r.accountsChecked(),
                        r.dormantAccounts().size(), r.dormantAccounts().isEmpty() ? ""
                                : ": " + String.join(", ", r.dormantAccounts()));
            }
            default -> throw new IllegalStateException("unhandled alerts action " + o.action());
        }
        return 0;
    }
}
