package org.jincai.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertService;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.ApprovalView;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.controls.Actor;
import org.jincai.server.config.HubProperties;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The fiscal controls in the demo: the sample budget (demo/budget/, docs/budget.md) loaded by the demo's operator
 * before the vouchers arrive — once: a second run finds it loaded — and, once the vouchers are taken, every
 * waiting approval decided by the demo's approvers ({@code jincai.users} holding APPROVER and the levels' roles),
 * each acting as themselves, level by level, until nothing waits; then the summary of what the controls did.
 */
@Component
@Profile("demo")
class DemoControls {

    static final String OPERATOR = "operator";
    static final String COMMENT = "审核通过（演示）";
    /** The sample budget, in the order it is imported: indicators, their adjustments, then the month's plans. */
    static final List<String> BUDGET = List.of("indicators-2026.csv", "indicators-2026-adjustments.csv",
            "plans-2026-11.csv");

    private final BudgetImportService imports;
    private final ApprovalService approvals;
    private final AlertService alerts;
    private final ControlUsers users;
    private final HubProperties props;

    DemoControls(BudgetImportService imports, ApprovalService approvals, AlertService alerts, ControlUsers users,
                 HubProperties props) {
        this.imports = imports;
        this.approvals = approvals;
        this.alerts = alerts;
        this.users = users;
        this.props = props;
    }

    /** Loads the sample budget files not loaded before; one line per file. */
    List<String> loadBudget() {
        Actor operator = users.cli(OPERATOR, Roles.OPERATOR);
        List<String> lines = new ArrayList<>();
        for (String name : BUDGET) {
            BudgetFile file = BudgetFile.of(name, bytes("demo/budget/" + name), StandardCharsets.UTF_8);
            BudgetImportService.Kind kind = name.startsWith("plans") ? BudgetImportService.Kind.PLANS
                    : BudgetImportService.Kind.INDICATORS;
            if (imports.imported(file, kind)) {
                lines.add(name + ": loaded before, not counted twice");
                continue;
            }
            BudgetImportService.ImportResult r = kind == BudgetImportService.Kind.PLANS
                    ? imports.importPlans(file, operator) : imports.importIndicators(file, operator);
            lines.add(String.format("%s: %d line(s), %d created, %d increased, %d decreased, net %s CNY", name,
                    r.lines(), r.created(), r.increased(), r.decreased(), r.net().toPlainString()));
        }
        return lines;
    }

    /**
     * Decides every waiting approval: each round, every demo approver approves what waits for them, until a round
     * decides nothing. Returns how many levels were approved.
     */
    int approveAll() {
        List<Actor> approvers = props.users().stream().filter(u -> u.roles().contains(Roles.APPROVER))
                .map(u -> users.cli(u.name(), Roles.APPROVER)).toList();
        int decided = 0;
        for (boolean progress = true; progress; ) {
            progress = false;
            for (Actor who : approvers) {
                for (ApprovalView a : approvals.pending(who)) {
                    approvals.approve(a.approvalId(), who, COMMENT);
                    decided++;
                    progress = true;
                }
            }
        }
        return decided;
    }

    /** What the controls did in one run. */
    record Summary(List<String> budget, List<ApprovalView> approvals, List<Alert> alerts, List<ApprovalView> waiting) {
    }

    Summary summary(List<String> budget, Instant since) {
        List<ApprovalView> all = approvals.list(DataScope.everything(), null, 10_000);
        return new Summary(budget, all.stream().filter(a -> !a.createdAt().isBefore(since)).toList(),
                alerts.list(DataScope.everything(), false, 10_000).stream().filter(a -> !a.raisedAt().isBefore(since))
                        .toList(),
                all.stream().filter(a -> a.status() == ApprovalView.Status.PENDING).toList());
    }

    static void print(PrintStream out, Summary s) {
        out.println();
        out.println("Fiscal controls (this run)");
        s.budget().forEach(line -> out.println("  budget  " + line));
        Map<Integer, Long> byLevels = s.approvals().stream().collect(Collectors.groupingBy(a -> a.levels().size(),
                TreeMap::new, Collectors.counting()));
        out.printf("  approvals %d: %s%n", s.approvals().size(), s.approvals().isEmpty() ? "none new"
                : byLevels.entrySet().stream().map(e -> e.getValue() + " of " + e.getKey() + " level(s)")
                .collect(Collectors.joining(", ")));
        for (ApprovalView a : s.approvals()) {
            if (a.levels().size() < 2) {
                continue;
            }
            boolean held = a.levels().stream().anyMatch(l -> ApprovalService.RISK_HOLD.equals(l.kind()));
            out.printf("    %s %s CNY, %s (rule %s)%s: %s -> %s%n", a.voucherNo(), a.amount().toPlainString(),
                    a.fundUse(), a.rule(), held ? ", held by a risk rule" : "", a.levels().stream()
                            .map(l -> l.role() + " " + (l.decidedBy() == null ? "(waiting)" : l.decidedBy()))
                            .collect(Collectors.joining(", then ")), a.status());
            a.levels().stream().filter(l -> l.note() != null).forEach(l -> out.println("      " + l.note()));
        }
        Map<String, Long> byRule = s.alerts().stream().collect(Collectors.groupingBy(Alert::rule, TreeMap::new,
                Collectors.counting()));
        out.printf("  alerts %d%s%n", s.alerts().size(), byRule.isEmpty() ? "" : ": " + byRule.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        s.alerts().forEach(a -> out.printf("    %-18s %s%s%n", a.rule(), a.hold() ? "(hold) " : "", a.detail()));
        if (!s.waiting().isEmpty()) {
            out.println("  STILL WAITING FOR APPROVAL: " + s.waiting().stream().map(a -> a.voucherNo() + " ("
                    + a.waiting().role() + ")").collect(Collectors.joining(", ")));
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's " + resource, e);
        }
    }
}
