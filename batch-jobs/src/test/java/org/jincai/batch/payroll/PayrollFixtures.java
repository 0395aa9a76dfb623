package org.jincai.batch.payroll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.controls.Actor;
import org.springframework.context.ConfigurableApplicationContext;

/** Payroll CSV files for the tests: valid lines with real resident IDs, and lines that break one rule each. */
public final class PayrollFixtures {

    static final String HEADER = "employee_id,name,id_type,id_number,bank_code,account_no,account_name,net_amount,"
            + "agency_code,exp_func_code,eco_code,fund_type_code,remark";
    static final String FUNC = "2050201";
    static final String ECO = "50101";
    static final String FUND = "11";

    private PayrollFixtures() {
    }

    /** A resident ID with its check character: born 1980-01-01 in 420106, sequence {@code n}. */
    public static String residentId(int n) {
        String first17 = "42010619800101" + String.format("%03d", n % 1000);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** A valid line of employee {@code n}: banks alternate ISO and PIPE, amounts 5000.00 + n fen. */
    public static String valid(int n) {
        String bank = n % 2 == 0 ? "DEMO-ISO" : "DEMO-PIPE";
        String amount = String.format("%d.%02d", 5000 + n / 100, n % 100);
        return line("E" + String.format("%06d", n), "职工" + n, "01", residentId(n), bank,
                "62220210" + String.format("%011d", n), "职工" + n, amount, PayrollTestApp.AGENCY, "");
    }

    public static String line(String employee, String name, String idType, String id, String bank, String account,
                       String accountName, String amount, String agency, String remark) {
        return String.join(",", employee, name, idType, id, bank, account, accountName, amount, agency, FUNC, ECO,
                FUND, remark);
    }

    public static Path write(Path file, Charset charset, Iterable<String> lines) {
        try (Writer w = Files.newBufferedWriter(file, charset)) {
            w.write(HEADER + "\n");
            for (String l : lines) {
                w.write(l + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The budget the fixtures' lines draw on, imported as the budget office would: agency 219011's indicator for
     * 2050201/50101/11 and its November plan, 10,000,000.00 each.
     */
    public static void importBudget(ConfigurableApplicationContext ctx) {
        Actor budgeter = new Actor("budget-office", Set.of("OPERATOR"), DataScope.everything(), AuditEntry.Channel.CLI);
        BudgetImportService budget = ctx.getBean(BudgetImportService.class);
        budget.importIndicators(BudgetFile.of("indicators.csv", ("AdmDivCode,StYear,AgencyCode,ExpFuncCode,"
                + "GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo\n420000,2026,219011,2050201,50101,11,,下达,"
                + "10000000.00,鄂财预〔2026〕1号\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), budgeter);
        budget.importPlans(BudgetFile.of("plans.csv", ("AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,Type,Amount,"
                + "DocNo\n420000,2026,11,219011,11,下达,10000000.00,鄂财库〔2026〕11号\n").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8), budgeter);
    }
}
