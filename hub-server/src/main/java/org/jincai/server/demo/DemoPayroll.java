package org.jincai.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.server.config.HubProperties;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo's payroll (docs/payroll.md): a payroll file of {@code jincai.demo.payroll-rows} lines for agency 105001
 * across the three demo banks — some lines refused by design, some accounts the simulated banks reject — paid by the
 * payroll job with its budget loaded and approved by the demo's department head; its summary printed. The file is the
 * same on every run, so a demo run again on the same home resumes an unfinished payroll, or reports the one done.
 * 0 rows: no payroll.
 */
@Component
class DemoPayroll {

    static final PayrollCsv.Spec SPEC = new PayrollCsv.Spec("105001", "2010601", "50101", "11",
            List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED"), 97, 53);
    static final String MONTH = "2026-11";

    private final PayrollLauncher launcher;
    private final BudgetImportService imports;
    private final ControlUsers users;
    private final HubProperties props;
    private final int rows;

    DemoPayroll(PayrollLauncher launcher, BudgetImportService imports, ControlUsers users, HubProperties props,
                @Value("${jincai.demo.payroll-rows:0}") int rows) {
        this.launcher = launcher;
        this.imports = imports;
        this.users = users;
        this.props = props;
        this.rows = rows;
    }

    /** Runs the payroll and prints its summary; true when it completed (or had completed before), or when off. */
    boolean run(PrintStream out) {
        if (rows <= 0) {
            return true;
        }
        Path dir = props.home().resolve("demo-payroll");
        Path file = dir.resolve("payroll-" + MONTH + "-" + SPEC.agency() + ".csv");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PayrollCsv.write(file, rows, SPEC, StandardCharsets.UTF_8);
        loadBudget();
        out.println();
        out.println("Payroll: " + rows + " lines for agency " + SPEC.agency() + ", " + MONTH + ", approved by dept-head");
        try {
            PayrollLauncher.Outcome o = launcher.run(new PayrollLauncher.Request(file, SPEC.agency(), MONTH,
                    "dept-head", null, null, "demo"));
            out.print(o.summary().toText());
            out.println("  job " + o.exitCode() + "; outputs " + launcher.outputs(o.run().runId()));
            return o.completed();
        } catch (PayrollException e) {
            if (!PayrollCodes.PAYROLL_ALREADY_RUN.equals(e.code())) {
                throw e;
            }
            out.println("  paid by an earlier demo run: " + e.getMessage());
            return true;
        }
    }

    /** The payroll's indicator and a November plan increase for it, once. */
    private void loadBudget() {
        var operator = users.cli("operator", Roles.OPERATOR);
        BudgetFile indicators = BudgetFile.of("payroll-indicators-2026.csv", ("AdmDivCode,StYear,AgencyCode,ExpFuncCode,"
                + "GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo\n420000,2026,105001,2010601,50101,11,,下达,"
                + "200000000.00,鄂财预〔2026〕8号\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        if (!imports.imported(indicators, BudgetImportService.Kind.INDICATORS)) {
            imports.importIndicators(indicators, operator);
        }
        BudgetFile plan = BudgetFile.of("payroll-plans-2026-11.csv", ("AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,"
                + "Type,Amount,DocNo\n420000,2026,11,105001,11,追加,200000000.00,鄂财库〔2026〕18号\n")
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        if (!imports.imported(plan, BudgetImportService.Kind.PLANS)) {
            imports.importPlans(plan, operator);
        }
    }
}
