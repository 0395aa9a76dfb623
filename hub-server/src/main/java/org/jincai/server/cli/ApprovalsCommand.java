package org.jincai.server.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertService;
import org.jincai.core.approval.ApprovalRule;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.approval.FundUse;
import org.jincai.core.controls.Actor;
import org.jincai.core.risk.RiskOptions;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;

/**
 * {@code jincai approvals list --as USER}: the vouchers waiting for that configured approver.
 * {@code jincai approvals show ID [--as USER]}: one chain, its levels and the alerts about its voucher.
 * {@code jincai approvals approve ID --as USER [--comment TEXT]} and {@code jincai approvals reject ID --as USER
 * --reason TEXT}: decide the level waiting, as that user (maker-checker, roles and scope as over REST; recorded
 * with the CLI channel). {@code jincai approvals rules}: the fund uses and approval rules in force.
 */
final class ApprovalsCommand {

    static final String USE = "use 'approvals list --as USER', 'approvals show ID [--as USER]', 'approvals approve ID"
            + " --as USER [--comment TEXT]', 'approvals reject ID --as USER --reason TEXT' or 'approvals rules'";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** What the command line asked for, checked before anything starts. */
    record Options(String action, String id, String as, String comment, String reason) {
    }

    private final ApprovalService approvals;
    private final ApprovalRules rules;
    private final RiskOptions risk;
    private final AlertService alerts;
    private final ControlUsers users;
    private final PrintStream out;

    ApprovalsCommand(ApprovalService approvals, ApprovalRules rules, RiskOptions risk, AlertService alerts,
                     ControlUsers users, PrintStream out) {
        this.approvals = approvals;
        this.rules = rules;
        this.risk = risk;
        this.alerts = alerts;
        this.users = users;
        this.out = out;
    }

    static Options parse(List<String> args) {
        if (args.isEmpty()) {
            throw new CliArguments.UsageException(USE);
        }
        String action = args.get(0);
        boolean withId = List.of("show", "approve", "reject").contains(action);
        if (!withId && !List.of("list", "rules").contains(action) || withId && args.size() < 2) {
            throw new CliArguments.UsageException(USE);
        }
        String id = withId ? args.get(1) : null;
        String as = null;
        String comment = null;
        String reason = null;
        for (int i = withId ? 2 : 1; i < args.size(); i += 2) {
            String a = args.get(i);
            if (i + 1 >= args.size() || action.equals("rules")) {
                throw new CliArguments.UsageException(USE);
            }
            String value = args.get(i + 1);
            switch (a) {
                case "--as" -> as = value;
                case "--comment" -> {
                    if (!action.equals("approve")) {
                        throw new CliArguments.UsageException(USE);
                    }
                    comment = value;
                }
                case "--reason" -> {
                    if (!action.equals("reject")) {
                        throw new CliArguments.UsageException(USE);
                    }
                    reason = value;
                }
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        if (as == null && List.of("list", "approve", "reject").contains(action)) {
            throw new CliArguments.UsageException("'approvals " + action + "' acts as a configured approver: --as USER");
        }
        if (action.equals("reject") && (reason == null || reason.isBlank())) {
            throw new CliArguments.UsageException("a rejection needs its reason: --reason TEXT");
        }
        return new Options(action, id, as, comment, reason);
    }

    int run(Options o) {
        switch (o.action()) {
            case "rules" -> printRules();
            case "list" -> {
                List<ApprovalView> pending = approvals.pending(users.cli(o.as(), Roles.APPROVER));
                out.printf("%d approval(s) waiting for %s%n", pending.size(), o.as());
                for (ApprovalView a : pending) {
                    ApprovalView.Level w = a.waiting();
                    out.printf("  %s  %-16s %16s CNY  %-11s %-14s level %d/%d %s%s%n", a.approvalId(), a.voucherNo(),
                            a.amount().toPlainString(), a.fundUse(), a.rule(), w.levelNo(), a.levels().size(), w.role(),
                            ApprovalService.RISK_HOLD.equals(w.kind()) ? " (" + w.note() + ")" : "");
                }
            }
            case "show" -> {
                Actor who = o.as() == null ? null : users.cli(o.as(), Roles.APPROVER, Roles.OPERATOR, Roles.AUDITOR);
                ApprovalView a = who == null ? approvals.find(o.id(), users.hub()) : approvals.find(o.id(), who);
                print(a);
                List<Alert> about = alerts.forVoucher(a.voucherId());
                if (!about.isEmpty()) {
                    out.println("  alerts about the voucher:");
                    about.forEach(x -> out.printf("    %s %-19s %s%s %s%n", x.alertId(), x.rule(), x.status(),
                            x.hold() ? " hold" : "", x.detail()));
                }
            }
            case "approve" -> {
                ApprovalView a = approvals.approve(o.id(), users.cli(o.as(), Roles.APPROVER), o.comment());
                out.println(a.status() == ApprovalView.Status.APPROVED
                        ? "approved: voucher " + a.voucherNo() + " is APPROVED and may be released"
                        : "approved level " + (a.currentLevel() - 1) + " of " + a.levels().size() + " of voucher "
                                + a.voucherNo() + "; waiting for " + a.waiting().role());
                print(a);
            }
            case "reject" -> {
                ApprovalView a = approvals.reject(o.id(), users.cli(o.as(), Roles.APPROVER), o.reason());
                out.println("rejected: voucher " + a.voucherNo() + " is cancelled, its budget released, and it is"
                        + " returned upstream with the reason");
                print(a);
            }
            default -> throw new IllegalStateException("unhandled approvals action " + o.action());
        }
        return 0;
    }

    private void print(ApprovalView a) {
        out.printf("  approval %s: voucher %s (%s/%s), %s CNY, fund use %s, rule %s%s, submitted by %s: %s%n",
                a.approvalId(), a.voucherNo(), a.admDivCode(), a.agencyCode(), a.amount().toPlainString(), a.fundUse(),
                a.rule(), a.filing() ? " (filing)" : "", a.submitter(), a.status()
                        + (a.decisionReason() == null ? "" : " \"" + a.decisionReason() + "\""));
        for (ApprovalView.Level l : a.levels()) {
            out.printf("    level %d %-16s %-9s %s%n", l.levelNo(), l.role(), l.kind(), l.decision() == null
                    ? (a.status() == ApprovalView.Status.PENDING && l.levelNo() == a.currentLevel() ? "waiting" : "")
                    : l.decision() + " by " + l.decidedBy() + " (" + l.channel() + ") " + TIME.format(l.decidedAt())
                    + (l.comment() == null ? "" : " \"" + l.comment() + "\""));
            if (l.note() != null) {
                out.println("      " + l.note());
            }
        }
    }

    private void printRules() {
        out.println("approval control " + (rules.enabled() ? "on" : "OFF: every voucher approved by the hub"));
        out.println("fund uses (first match; otherwise " + rules.defaultFundUse() + "):");
        for (FundUse f : rules.fundUses()) {
            List<String> when = new ArrayList<>();
            if (!f.businessTypeCodes().isEmpty()) {
                when.add("BusinessTypeCode " + String.join("/", f.businessTypeCodes().stream().sorted().toList()));
            }
            if (!f.proCatCodes().isEmpty()) {
                when.add("ProCatCode " + String.join("/", f.proCatCodes().stream().sorted().toList()));
            }
            if (f.govProcurement()) {
                when.add("a GovProcurementID");
            }
            out.printf("  %-12s %s: %s%n", f.name(), f.label(), String.join(", or ", when));
        }
        out.println("rules (first match):");
        for (ApprovalRule r : rules.rules()) {
            String range = r.minAmount() == null && r.maxAmount() == null ? "any amount"
                    : (r.minAmount() == null ? "" : ">= " + r.minAmount().toPlainString())
                    + (r.minAmount() != null && r.maxAmount() != null ? " and " : "")
                    + (r.maxAmount() == null ? "" : "< " + r.maxAmount().toPlainString());
            out.printf("  %-14s %-12s %-26s -> %s%s%n", r.name(), r.fundUse() == null ? "any" : r.fundUse(), range,
                    r.levels().isEmpty() ? "no approver" : String.join(" > ", r.levels()),
                    r.filing() ? " + filing (备案)" : "");
        }
        out.println("a risk rule's hold adds one level: " + risk.holdRole());
    }
}
