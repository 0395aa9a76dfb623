package org.jincai.server.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconException;
import org.jincai.core.reconcile.ReconcileException;

/**
 * {@code jincai exceptions [list] [--open] [--bank CODE] [--limit N]}: the exceptions of bank-flow reconciliation,
 * newest first. {@code jincai exceptions resolve ID --reason TEXT}: resolved once, with the reason, as the operator
 * running the command ({@code cli:<user>}), audited. Exit 1 when the queue refuses (unknown id, already resolved).
 */
final class ExceptionsCommand {

    static final String USE = "use 'exceptions [list] [--open] [--bank CODE] [--limit N]'"
            + " or 'exceptions resolve ID --reason TEXT'";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** What the command line asked for. */
    record Options(String action, String id, boolean open, String bank, int limit, String reason) {
    }

    private final ExceptionQueue queue;
    private final PrintStream out;
    private final PrintStream err;
    private final String actor;

    ExceptionsCommand(ExceptionQueue queue, PrintStream out, PrintStream err, String actor) {
        this.queue = queue;
        this.out = out;
        this.err = err;
        this.actor = actor;
    }

    static Options parse(List<String> args) {
        String action = args.isEmpty() || args.get(0).startsWith("--") ? "list" : args.get(0);
        if (!List.of("list", "resolve").contains(action) || action.equals("resolve") && args.size() < 2) {
            throw new CliArguments.UsageException(USE);
        }
        String id = action.equals("resolve") ? args.get(1) : null;
        int from = action.equals("resolve") ? 2 : args.isEmpty() || args.get(0).startsWith("--") ? 0 : 1;
        boolean open = false;
        String bank = null;
        int limit = 200;
        String reason = null;
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
            switch (action + " " + a) {
                case "list --bank" -> bank = value;
                case "list --limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new CliArguments.UsageException("--limit needs a number");
                    }
                    if (limit < 1) {
                        throw new CliArguments.UsageException("--limit needs a number of at least 1");
                    }
                }
                case "resolve --reason" -> reason = value;
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        if (action.equals("resolve") && (reason == null || reason.isBlank())) {
            throw new CliArguments.UsageException("resolving an exception needs --reason TEXT");
        }
        return new Options(action, id, open, bank, limit, reason);
    }

    int run(Options o) {
        if (o.action().equals("resolve")) {
            try {
                ReconException r = queue.resolve(o.id(), actor, AuditEntry.Channel.CLI, o.reason());
                out.println("exception " + r.id() + " (" + r.kind() + ") resolved by " + r.resolvedBy() + ": " + r.reason());
                return 0;
            } catch (ReconcileException e) {
                err.println("jincai: " + e.code() + ": " + e.getMessage());
                return 1;
            }
        }
        List<ReconException> list = queue.list(o.open(), o.bank(), o.limit());
        if (list.isEmpty()) {
            out.println(o.open() ? "no open exceptions" : "no exceptions");
            return 0;
        }
        for (ReconException x : list) {
            out.printf("%s  %-17s %-10s %s  %s%s%n", x.id(), x.kind(), x.bankCode(), TIME.format(x.openedAt()),
                    x.open() ? "OPEN" : "RESOLVED by " + x.resolvedBy() + " (" + x.reason() + ")",
                    x.amount() == null ? "" : "  " + x.amount().toPlainString());
            out.println("      " + x.detail());
        }
        return 0;
    }
}
