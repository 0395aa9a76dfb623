package org.jincai.server.cli;

import java.io.PrintStream;
import java.util.List;
import org.jincai.core.TreasuryException;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryEvent;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.DeliveryStatus;

/**
 * {@code jincai deliveries [--uncertain]} lists the payment files on their way to the banks (those held as
 * DELIVERY_UNCERTAIN only); {@code deliveries show ID} one with its trail; {@code deliveries confirm ID
 * --reason TEXT} records that a held file reached the bank, {@code deliveries resend ID --reason TEXT} has
 * the very same file sent again. Decisions are recorded with the operator (the system user running the
 * command), the time and the reason. Exit 0 done, 1 refused with a code, 2 bad usage.
 */
final class DeliveriesCommand {

    private final DeliveryService deliveries;
    private final PrintStream out;
    private final PrintStream err;
    private final String actor;

    DeliveriesCommand(DeliveryService deliveries, PrintStream out, PrintStream err, String actor) {
        this.deliveries = deliveries;
        this.out = out;
        this.err = err;
        this.actor = actor;
    }

    /** The parsed arguments: what to do, on which delivery, why. */
    record Request(String action, String id, String reason) {
    }

    /** Checks the arguments before anything starts. */
    static Request parse(List<String> args) {
        if (args.isEmpty()) {
            return new Request("list", null, null);
        }
        if (args.size() == 1 && args.get(0).equals("--uncertain")) {
            return new Request("uncertain", null, null);
        }
        if (args.size() == 2 && args.get(0).equals("show") && !args.get(1).startsWith("-")) {
            return new Request("show", args.get(1), null);
        }
        if (args.size() == 4 && (args.get(0).equals("confirm") || args.get(0).equals("resend"))
                && !args.get(1).startsWith("-") && args.get(2).equals("--reason")) {
            if (args.get(3).isBlank()) {
                throw new CliArguments.UsageException("--reason needs a text: an operator's decision is recorded with why");
            }
            return new Request(args.get(0), args.get(1), args.get(3));
        }
        throw new CliArguments.UsageException("use 'deliveries [--uncertain]', 'deliveries show ID', "
                + "'deliveries confirm ID --reason TEXT' or 'deliveries resend ID --reason TEXT'");
    }

    int run(Request r) {
        try {
            switch (r.action()) {
                case "list" -> list(deliveries.list(null));
                case "uncertain" -> list(deliveries.list(DeliveryStatus.DELIVERY_UNCERTAIN));
                case "show" -> show(deliveries.find(r.id()).orElseThrow(() -> new TreasuryException(
                        DeliveryService.DELIVERY_NOT_FOUND, "no delivery " + r.id(), "delivery " + r.id())));
                case "confirm" -> {
                    Delivery d = deliveries.confirm(r.id(), actor, AuditEntry.Channel.CLI, r.reason());
                    out.println("confirmed: " + d.fileName() + " reached " + d.bankCode() + "; its " + d.transactions()
                            + " payments are SENT");
                }
                case "resend" -> {
                    Delivery d = deliveries.resend(r.id(), actor, AuditEntry.Channel.CLI, r.reason());
                    out.println("to be resent: " + d.fileName() + " (message id " + d.messageId() + ", the same file) to "
                            + d.bankCode() + " at the hub's next upload");
                }
                default -> throw new IllegalStateException("unhandled action " + r.action());
            }
            return 0;
        } catch (TreasuryException e) {
            err.println("jincai: " + e.code() + ": " + e.getMessage());
            return 1;
        }
    }

    private void list(List<Delivery> all) {
        out.printf("%-32s %-10s %-19s %8s %8s %16s  %-24s %-40s %s%n", "id", "bank", "status", "attempts", "payments",
                "amount", "since", "file", "reason");
        for (Delivery d : all) {
            out.printf("%-32s %-10s %-19s %8d %8d %16s  %-24s %-40s %s%n", d.deliveryId(), d.bankCode(), d.status(),
                    d.attempts(), d.transactions(), d.totalAmount().toPlainString(), d.statusAt(), d.fileName(),
                    d.statusReason() == null ? "" : d.statusReason());
        }
        out.println(all.size() + " deliver" + (all.size() == 1 ? "y" : "ies"));
    }

    private void show(Delivery d) {
        out.println("delivery   " + d.deliveryId());
        out.println("bank       " + d.bankCode());
        out.println("file       " + d.fileName() + " (message id " + d.messageId() + ", SHA-256 " + d.fileSha256() + ")");
        out.println("payments   " + d.transactions() + ", " + d.totalAmount().toPlainString() + " CNY");
        out.println("status     " + d.status() + " since " + d.statusAt() + (d.statusReason() == null ? ""
                : ": " + d.statusReason()));
        out.println("attempts   " + d.attempts());
        for (DeliveryEvent e : deliveries.history(d.deliveryId())) {
            out.printf("  %s  %-19s -> %-19s %-24s %s%n", e.at(), e.from() == null ? "" : e.from(), e.to(), e.actor(),
                    e.reason() == null ? "" : e.reason());
        }
    }
}
