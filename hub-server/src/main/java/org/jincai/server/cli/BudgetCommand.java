package org.jincai.server.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jincai.core.access.DataScope;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.controls.Actor;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;

/**
 * {@code jincai budget import indicators|plans|performance FILE [--charset UTF-8|GBK|GB18030] --as USER}: an
 * operator imports a budget file, or the performance targets of indicators (docs/budget.md) — whole, or refused whole with every bad line (exit 1). {@code jincai budget show
 * [--agency CODE] [--history] [--as USER]}: each indicator and monthly plan with approved, reserved, spent and
 * available, and with {@code --history} every movement that made them (inside the user's scope when {@code --as}
 * is given).
 */
final class BudgetCommand {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    static final String USE = "use 'budget import indicators|plans|performance FILE [--charset UTF-8|GBK|GB18030] --as USER'"
            + " or 'budget show [--agency CODE] [--history] [--as USER]'";

    /** What the command line asked for, checked before anything starts. */
    record Options(boolean show, BudgetImportService.Kind kind, Path file, Charset charset, String agency,
                   boolean history, String as) {

        /** Performance targets (绩效目标): an import of no budget kind. */
        boolean performance() {
            return !show && kind == null;
        }
    }

    private final BudgetImportService imports;
    private final BudgetQueries queries;
    private final PerformanceTargetImport targets;
    private final ControlUsers users;
    private final PrintStream out;

    BudgetCommand(BudgetImportService imports, BudgetQueries queries, PerformanceTargetImport targets, ControlUsers users,
                  PrintStream out) {
        this.imports = imports;
        this.queries = queries;
        this.targets = targets;
        this.users = users;
        this.out = out;
    }

    static Options parse(List<String> args) {
        if (args.isEmpty()) {
            throw new CliArguments.UsageException(USE);
        }
        boolean show = args.get(0).equals("show");
        int from;
        BudgetImportService.Kind kind = null;
        Path file = null;
        if (show) {
            from = 1;
        } else if (args.get(0).equals("import") && args.size() >= 3
                && List.of("indicators", "plans", "performance").contains(args.get(1))) {
            kind = args.get(1).equals("indicators") ? BudgetImportService.Kind.INDICATORS
                    : args.get(1).equals("plans") ? BudgetImportService.Kind.PLANS : null;
            file = Path.of(args.get(2));
            from = 3;
        } else {
            throw new CliArguments.UsageException(USE);
        }
        Charset charset = StandardCharsets.UTF_8;
        String agency = null;
        boolean history = false;
        String as = null;
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--history") && show) {
                history = true;
                continue;
            }
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (a.equals("--as") && value != null) {
                as = value;
            } else if (a.equals("--agency") && show && value != null) {
                agency = value;
            } else if (a.equals("--charset") && !show && value != null) {
                String name = value.toUpperCase(Locale.ROOT);
                if (!BudgetFile.CHARSETS.contains(name)) {
                    throw new CliArguments.UsageException("--charset is one of " + String.join(", ",
                            BudgetFile.CHARSETS.stream().sorted().toList()));
                }
                charset = Charset.forName(name);
            } else {
                throw new CliArguments.UsageException(USE);
            }
            i++;
        }
        if (!show && as == null) {
            throw new CliArguments.UsageException("an import is made by a configured operator: --as USER");
        }
        return new Options(show, kind, file, charset, agency, history, as);
    }

    int run(Options o) {
        return o.show() ? show(o) : importFile(o);
    }

    private int importFile(Options o) {
        if (!Files.isRegularFile(o.file())) {
            throw new IllegalStateException("cannot read " + o.file() + ": no such file");
        }
        Actor who = users.cli(o.as(), Roles.OPERATOR);
        BudgetFile file = BudgetFile.of(o.file(), o.charset());
        if (o.performance()) {
            PerformanceTargetImport.TargetsImported r = targets.importFile(file, who);
            out.printf("imported %s (performance targets, %s): %d line(s): %d created, %d replaced%n", r.fileName(),
                    o.charset().name(), r.lines(), r.created(), r.replaced());
            return 0;
        }
        BudgetImportService.ImportResult r = o.kind() == BudgetImportService.Kind.INDICATORS
                ? imports.importIndicators(file, who) : imports.importPlans(file, who);
        out.printf("imported %s (%s, %s): %d line(s): %d created, %d increased, %d decreased; net %s CNY%n",
                r.fileName(), o.kind().name().toLowerCase(Locale.ROOT), o.charset().name(), r.lines(), r.created(),
                r.increased(), r.decreased(), r.net().toPlainString());
        return 0;
    }

    private int show(Options o) {
        DataScope scope = o.as() == null ? DataScope.everything()
                : users.cli(o.as(), Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR).scope();
        List<BudgetQueries.IndicatorBalance> indicators = queries.indicators(scope, o.agency());
        out.printf("%d indicator(s)%s%n", indicators.size(), o.agency() == null ? "" : " of agency " + o.agency());
        if (!indicators.isEmpty()) {
            out.printf("  %-6s %-4s %-8s %-8s %-7s %-5s %-22s %16s %16s %16s %16s %6s%n", "div", "year", "agency",
                    "ExpFunc", "GovEco", "fund", "project", "approved", "reserved", "spent", "available", "used");
        }
        for (BudgetQueries.IndicatorBalance b : indicators) {
            out.printf("  %-6s %-4s %-8s %-8s %-7s %-5s %-22s %16s %16s %16s %16s %6s%n", b.subject().admDivCode(),
                    b.subject().stYear(), b.subject().agencyCode(), b.subject().expFuncCode(),
                    b.subject().govExpEcoCode(), b.subject().fundTypeCode(), b.subject().depProCode(),
                    b.approved().toPlainString(), b.reserved().toPlainString(), b.spent().toPlainString(),
                    b.available().toPlainString(), used(b.approved(), b.reserved().add(b.spent())));
        }
        List<BudgetQueries.PlanBalance> plans = queries.plans(scope, o.agency());
        out.printf("%n%d monthly plan(s)%n", plans.size());
        if (!plans.isEmpty()) {
            out.printf("  %-6s %-7s %-8s %-5s %16s %16s %16s %16s %6s%n", "div", "month", "agency", "fund", "approved",
                    "reserved", "spent", "available", "used");
        }
        for (BudgetQueries.PlanBalance p : plans) {
            out.printf("  %-6s %-7s %-8s %-5s %16s %16s %16s %16s %6s%n", p.plan().admDivCode(),
                    p.plan().stYear() + "-" + String.format("%02d", p.plan().month()), p.plan().agencyCode(),
                    p.plan().fundTypeCode(), p.approved().toPlainString(), p.reserved().toPlainString(),
                    p.spent().toPlainString(), p.available().toPlainString(),
                    used(p.approved(), p.reserved().add(p.spent())));
        }
        if (o.history()) {
            List<BudgetQueries.Movement> movements = queries.movements(scope, o.agency());
            out.printf("%n%d movement(s), in the order imported%n", movements.size());
            for (BudgetQueries.Movement m : movements) {
                out.printf("  %s %-9s %-52s %-8s %16s %-22s %s:%d by %s (%s)%s%n",
                        TIME.format(m.importedAt()), m.targetKind(), m.targetKey(), m.type(), m.amount().toPlainString(),
                        m.docNo(), m.fileName(), m.lineNo(), m.importedBy(), m.channel(),
                        m.remark() == null ? "" : " " + m.remark());
            }
        }
        return 0;
    }

    private static String used(BigDecimal approved, BigDecimal used) {
        if (approved.signum() == 0) {
            return "-";
        }
        return used.multiply(BigDecimal.valueOf(100)).divide(approved, 1, RoundingMode.DOWN) + "%";
    }
}
