package org.jincai.server.cli;

import java.io.PrintStream;
import java.util.List;
import org.jincai.core.answer.StatementQueries;

/**
 * {@code jincai statements [--bank CODE] [--pending] [--limit N]}: the statement lines the banks sent, newest
 * first — status (BOOK pays; PDNG and INFO do not), what was booked, the payment it booked or names and that
 * payment's status now, and why a line paid nothing — then the warnings kept with the statements.
 * {@code --pending} keeps the lines not booked that no later file has booked since.
 */
final class StatementsCommand {

    /** What the command line asked for, checked before anything starts. */
    record Options(String bank, boolean pending, int limit) {
    }

    private final StatementQueries statements;
    private final PrintStream out;

    StatementsCommand(StatementQueries statements, PrintStream out) {
        this.statements = statements;
        this.out = out;
    }

    static Options parse(List<String> args) {
        String bank = null;
        boolean pending = false;
        int limit = 200;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--bank" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                        throw new CliArguments.UsageException("--bank needs a bank code");
                    }
                    bank = args.get(++i);
                }
                case "--pending" -> pending = true;
                case "--limit" -> {
                    try {
                        limit = Integer.parseInt(i + 1 < args.size() ? args.get(++i) : "");
                    } catch (NumberFormatException e) {
                        throw new CliArguments.UsageException("--limit needs a number");
                    }
                    if (limit < 1 || limit > StatementQueries.MAX_LIMIT) {
                        throw new CliArguments.UsageException("--limit must be 1 to " + StatementQueries.MAX_LIMIT);
                    }
                }
                default -> throw new CliArguments.UsageException("unknown argument '" + args.get(i)
                        + "'; use 'statements [--bank CODE] [--pending] [--limit N]'");
            }
        }
        return new Options(bank, pending, limit);
    }

    int run(Options o) {
        StatementQueries.Listing listing = statements.list(o.bank(), o.pending(), o.limit());
        out.printf("%d %sstatement line(s)%s%n", listing.lines().size(), o.pending() ? "pending " : "",
                o.bank() == null ? "" : " of " + o.bank());
        if (!listing.lines().isEmpty()) {
            out.printf("%-19s %-10s %-28s %-22s %-4s %-4s %16s %-3s %-10s %-20s %-10s  %s%n", "received", "bank", "file",
                    "entry/tx", "sts", "d/c", "amount", "ccy", "booked", "end-to-end id", "payment", "reason");
        }
        for (StatementQueries.Line l : listing.lines()) {
            String reason = l.reason() == null ? "" : l.reason();
            if (l.settledBy() != null) {
                reason = (reason.isEmpty() ? "" : reason + "; ") + "booked later in " + l.settledBy();
            }
            out.printf("%-19s %-10s %-28s %-22s %-4s %-4s %16s %-3s %-10s %-20s %-10s  %s%n",
                    l.receivedAt() == null ? "" : l.receivedAt().toString().replace('T', ' ').substring(0, 19),
                    l.bankCode(), text(l.fileName()), l.entryKey() + "/" + l.txSeq(), text(l.status()), text(l.creditDebit()),
                    l.amount() == null ? "(none)" : l.amount().toPlainString(), text(l.currency()),
                    l.bookingDate() == null ? "" : l.bookingDate().toString(), text(l.endToEndId()),
                    text(l.paymentStatus()), reason);
        }
        if (!listing.warnings().isEmpty()) {
            out.printf("%n%d warning(s) kept with the statements%n", listing.warnings().size());
            for (StatementQueries.Warning w : listing.warnings()) {
                out.printf("%-10s %-28s %-22s %s  %s%n", w.bankCode(), w.fileName(), w.code(), text(w.location()),
                        w.message());
            }
        }
        return 0;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
