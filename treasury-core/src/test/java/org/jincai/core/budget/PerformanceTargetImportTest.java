package org.jincai.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jincai.core.testing.ControlVouchers.user;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlException;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.testing.CoreFixture;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Performance targets (绩效目标) of indicators from CSV: checked whole, set anew by a later file, never twice. */
class PerformanceTargetImportTest {

    static final Actor OPERATOR = user("operator", "OPERATOR");
    static final String HEADER = "AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,Month,Measure,"
            + "Unit,Target,Actual,DocNo\n";

    @TempDir
    Path home;
    CoreFixture core;
    PerformanceTargetImport targets;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home, Clock.systemUTC(), new CoreFixture.Controls(BudgetOptions.defaults(),
                ApprovalRules.off(), RiskOptions.off()));
        targets = new PerformanceTargetImport(core.db.jdbc(), core.db.tx(), core.audit, core.clock);
        core.budgetImport.importIndicators(file("indicators.csv", """
                AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo
                420000,2026,219011,2050201,50201,11,,INITIAL,1200000.00,鄂财预〔2026〕1号
                """), OPERATOR);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void targetsAreSetAndALaterFileSetsThemAnew() {
        PerformanceTargetImport.TargetsImported first = targets.importFile(file("performance-1.csv", HEADER + """
                420000,2026,219011,2050201,50201,11,6,执行率,,40,,鄂财绩〔2026〕1号
                420000,2026,219011,2050201,50201,11,11,培训人次,人次,1200,,鄂财绩〔2026〕1号
                """), OPERATOR);
        assertThat(first.created()).isEqualTo(2);
        PerformanceTargetImport.TargetsImported second = targets.importFile(file("performance-2.csv", HEADER + """
                420000,2026,219011,2050201,50201,11,11,培训人次,人次,1200,800,鄂财绩〔2026〕2号
                """), OPERATOR);
        assertThat(second.replaced()).isEqualTo(1);
        assertThat(core.db.jdbc().queryForObject("""
                SELECT actual_value FROM budget_performance_target WHERE measure = '培训人次'""",
                new MapSqlParameterSource(), BigDecimal.class)).isEqualByComparingTo("800");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_performance_target WHERE measure = 'EXECUTION_RATE'"
                + " AND unit = '%'")).isEqualTo(1);
    }

    @Test
    void aFileWithBadLinesIsRefusedWholeWithEveryProblem() {
        ControlException e = (ControlException) catchThrowable(() -> targets.importFile(
                file("performance-bad.csv", HEADER + """
                        420000,2026,219011,2050201,50201,11,13,执行率,,40,,鄂财绩〔2026〕1号
                        420000,2026,999999,2050201,50201,11,6,执行率,,40,,鄂财绩〔2026〕1号
                        420000,2026,219011,2050201,50201,11,6,执行率,,4x,,鄂财绩〔2026〕1号
                        420000,2026,219011,2050201,50201,11,6,执行率,,40,12,鄂财绩〔2026〕1号
                        """), OPERATOR));
        assertThat(e.problems().stream().map(Problem::code).toList()).containsExactlyInAnyOrder(
                BudgetCodes.BUDGET_FIELD_INVALID, BudgetCodes.BUDGET_FIELD_INVALID, BudgetCodes.BUDGET_FIELD_INVALID,
                BudgetCodes.BUDGET_NOT_FOUND);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_performance_target")).isZero();
    }

    @Test
    void theSameFileTwiceIsRefused() {
        BudgetFile f = file("performance.csv", HEADER + "420000,2026,219011,2050201,50201,11,6,执行率,,40,,鄂财绩〔2026〕1号\n");
        targets.importFile(f, OPERATOR);
        assertThatThrownBy(() -> targets.importFile(f, OPERATOR)).isInstanceOfSatisfying(ControlException.class,
                e -> assertThat(e.problems()).extracting(Problem::code)
                        .isEqualTo(List.of(BudgetCodes.BUDGET_FILE_ALREADY_IMPORTED)));
    }

    private static BudgetFile file(String name, String text) {
        return BudgetFile.of(name, text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
