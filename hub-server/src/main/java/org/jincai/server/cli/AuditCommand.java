package org.jincai.server.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jincai.core.audit.AuditRecord;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.audit.AuditVerifier;

/**
 * {@code jincai audit verify [--expect-head HASH]} checks the whole hash chain of the audit trail: exit 0
 * when intact (printing the record count and the hash of the last record, which an auditor keeps), 1
 * naming the first record altered, removed or inserted. {@code jincai audit list [--object TYPE [ID]]
 * [--limit N]} prints the latest records.
 */
final class AuditCommand {

    static final String USE = "use 'audit verify [--expect-head HASH]' or 'audit list [--object TYPE [ID]] [--limit N]'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final AuditTrail trail;
    private final AuditVerifier verifier;
    private final PrintStream out;

    AuditCommand(AuditTrail trail, AuditVerifier verifier, PrintStream out) {
        this.trail = trail;
        this.verifier = verifier;
        this.out = out;
    }

    /** The arguments as parsed before anything starts. */
    record Args(boolean verify, String expectHead, String objectType, String objectId, int limit) {
    }

    static Args parse(List<String> args) {
        if (args.isEmpty()) {
            throw new CliArguments.UsageException(USE);
        }
        boolean verify = args.get(0).equals("verify");
        if (!verify && !args.get(0).equals("list")) {
            throw new CliArguments.UsageException(USE);
        }
        String head = null;
        String type = null;
        String id = null;
        int limit = 50;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (verify && a.equals("--expect-head") && i + 1 < args.size()) {
                head = args.get(++i);
            } else if (!verify && a.equals("--object") && i + 1 < args.size()) {
                type = args.get(++i);
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    id = args.get(++i);
                }
            } else if (!verify && a.equals("--limit") && i + 1 < args.size()) {
                try {
                    limit = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    throw new CliArguments.UsageException("--limit takes a whole number");
                }
                if (limit < 1) {
                    throw new CliArguments.UsageException("--limit must be positive");
                }
            } else {
                throw new CliArguments.UsageException(USE);
            }
        }
        return new Args(verify, head, type, id, limit);
    }

    int run(Args args) {
        if (args.verify()) {
            AuditVerifier.Result r = verifier.verify(args.expectHead());
            if (r.intact()) {
                out.println("audit trail intact: " + r.records() + " record(s), last hash " + r.lastHash());
                return 0;
            }
            out.println("AUDIT TRAIL NOT INTACT: " + r.code() + (r.seq() == null ? "" : " at record " + r.seq())
                    + (r.recordId() == null ? "" : " (" + r.recordId() + ")"));
            out.println("  " + r.message());
            out.println("  " + r.records() + " record(s) verified before it");
            return 1;
        }
        for (AuditRecord r : trail.recent(args.objectType(), args.objectId(), args.limit())) {
            out.printf("%6d %s %-16s %-7s %-24s %s %s%s%s%n", r.seq(), TIME.format(r.occurredAt()), r.actor(),
                    r.channel(), r.action(), r.objectType(), r.objectId(),
                    r.before() == null && r.after() == null ? "" : " [" + r.before() + " -> " + r.after() + "]",
                    r.reason() == null ? "" : " \"" + r.reason() + "\"");
        }
        return 0;
    }
}
