package org.jincai.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.indicator;
import static org.jincai.core.testing.ControlVouchers.indicators;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.plan;
import static org.jincai.core.testing.ControlVouchers.plans;
import static org.jincai.core.testing.ControlVouchers.refused;
import static org.jincai.core.testing.ControlVouchers.user;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jincai.core.access.DataScope;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budget files from real CSV files (UTF-8 with a byte order mark, GBK with CRLF): whole or nothing, history kept. */
class BudgetImportTest {

    static final Actor OPERATOR = user("operator", "OPERATOR");
    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home, Clock.systemUTC(), new CoreFixture.Controls(BudgetOptions.defaults(),
                ApprovalRules.off(), RiskOptions.off()));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private static BudgetFile resource(String name, Charset charset) {
        try {
            return BudgetFile.of(Path.of(BudgetImportTest.class.getResource("/budget/" + name).toURI()), charset);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, BudgetQueries.IndicatorBalance> indicatorsByKey() {
        return core.budgetQueries.indicators(DataScope.everything(), null).stream()
                .collect(Collectors.toMap(b -> b.subject().key(), Function.identity()));
    }

    private static List<String> codes(ControlException e) {
        return e.problems().stream().map(Problem::code).toList();
    }

    @Test
    void aUtf8FileCreatesItsIndicatorsAndKeepsEachLineAsAMovement() {
        BudgetImportService.ImportResult r = core.budgetImport.importIndicators(
                resource("indicators-2026-utf8.csv", StandardCharsets.UTF_8), OPERATOR);

        assertThat(r.lines()).isEqualTo(3);
        assertThat(r.created()).isEqualTo(3);
        assertThat(r.net()).isEqualByComparingTo("6500000.50");
        Map<String, BudgetQueries.IndicatorBalance> all = indicatorsByKey();
        assertThat(all).containsOnlyKeys("420000|2026|219011|2050201|50201|11|", "420000|2026|219011|2050201|50205|11|",
                "420000|2026|305001|2100101|50201|11|42000024219P007000051");
        assertThat(all.get("420000|2026|219011|2050201|50205|11|").approved()).isEqualByComparingTo("300000.00");
        assertThat(all.get("420000|2026|305001|2100101|50201|11|42000024219P007000051").available())
                .isEqualByComparingTo("5000000.50");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_movement WHERE movement_type = 'INITIAL'")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_movement WHERE remark = '项目 \"基层医疗\" 专项'"))
                .as("quotes inside a quoted field").isEqualTo(1);
        assertThat(core.audit.recent("BUDGET_IMPORT", r.importId(), 1)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("BUDGET_IMPORTED");
            assertThat(a.actor()).isEqualTo("operator");
            assertThat(a.channel()).isEqualTo("REST");
        });
    }

    @Test
    void aGbkFileWithChineseTypesIsReadInGbkAndRefusedReadAsUtf8() {
        ControlException asUtf8 = refused(() -> core.budgetImport.importIndicators(
                resource("indicators-2026-gbk.csv", StandardCharsets.UTF_8), OPERATOR));
        assertThat(codes(asUtf8)).containsExactly(BudgetCodes.BUDGET_FILE_UNREADABLE);
        assertThat(asUtf8.problems().get(0).location()).isEqualTo("indicators-2026-gbk.csv:2");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_indicator")).isZero();

        BudgetImportService.ImportResult r = core.budgetImport.importIndicators(
                resource("indicators-2026-gbk.csv", GBK), OPERATOR);

        assertThat(r.created()).isEqualTo(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_movement WHERE remark = '农业农村厅 日常公用'")).isEqualTo(1);
    }

    @Test
    void aBadLineRefusesTheWholeFileWithEveryLineAndReasonAndImportsNothing() {
        ControlException e = refused(() -> core.budgetImport.importIndicators(
                resource("indicators-bad-lines.csv", StandardCharsets.UTF_8), OPERATOR));

        assertThat(e.kind()).isEqualTo(ControlException.Kind.INVALID);
        assertThat(e.problems()).extracting(Problem::code, Problem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_FIELD_INVALID, "indicators-bad-lines.csv:3 / AdmDivCode"),
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_AMOUNT_INVALID, "indicators-bad-lines.csv:4 / Amount"),
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_TYPE_INVALID, "indicators-bad-lines.csv:5 / Type"),
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_FIELD_INVALID, "indicators-bad-lines.csv:6 / FundTypeCode"),
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_LINE_MALFORMED, "indicators-bad-lines.csv:7"));
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_indicator")).as("not even the good line").isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_import")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_movement")).isZero();
    }

    @Test
    void adjustmentsIncreaseAndDecreaseAndHistoryIsNeverOverwritten() {
        core.budgetImport.importIndicators(resource("indicators-2026-utf8.csv", StandardCharsets.UTF_8), OPERATOR);

        BudgetImportService.ImportResult r = core.budgetImport.importIndicators(
                resource("adjustments-2026.csv", StandardCharsets.UTF_8), OPERATOR);

        assertThat(r.increased()).isEqualTo(1);
        assertThat(r.decreased()).isEqualTo(1);
        assertThat(r.net()).isEqualByComparingTo("150000.00");
        Map<String, BudgetQueries.IndicatorBalance> all = indicatorsByKey();
        assertThat(all.get("420000|2026|219011|2050201|50201|11|").approved()).isEqualByComparingTo("1400000.00");
        assertThat(all.get("420000|2026|219011|2050201|50205|11|").approved()).isEqualByComparingTo("250000.00");
        assertThat(core.db.count("""
                SELECT COUNT(*) FROM budget_movement m JOIN budget_indicator i ON i.indicator_id = m.target_id
                 WHERE i.subject_key = '420000|2026|219011|2050201|50205|11|'""")).isEqualTo(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_movement WHERE movement_type = 'DECREASE'"
                + " AND amount = 50000.00 AND doc_no = '鄂财预〔2026〕22号'")).isEqualTo(1);
        assertThat(core.budgetQueries.movements(DataScope.everything(), "219011"))
                .extracting(BudgetQueries.Movement::targetKey, BudgetQueries.Movement::type,
                        BudgetQueries.Movement::fileName, BudgetQueries.Movement::lineNo)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("420000|2026|219011|2050201|50201|11|", "INITIAL",
                                "indicators-2026-utf8.csv", 2),
                        org.assertj.core.groups.Tuple.tuple("420000|2026|219011|2050201|50205|11|", "INITIAL",
                                "indicators-2026-utf8.csv", 3),
                        org.assertj.core.groups.Tuple.tuple("420000|2026|219011|2050201|50201|11|", "INCREASE",
                                "adjustments-2026.csv", 2),
                        org.assertj.core.groups.Tuple.tuple("420000|2026|219011|2050201|50205|11|", "DECREASE",
                                "adjustments-2026.csv", 3));
        assertThat(core.budgetQueries.movements(DataScope.of(List.of("430000"), List.of()), null)).isEmpty();
    }

    @Test
    void theSameFileTwiceIsRefusedTheSecondTime() {
        core.budgetImport.importIndicators(resource("indicators-2026-utf8.csv", StandardCharsets.UTF_8), OPERATOR);

        ControlException e = refused(() -> core.budgetImport.importIndicators(
                resource("indicators-2026-utf8.csv", StandardCharsets.UTF_8), OPERATOR));

        assertThat(codes(e)).containsExactly(BudgetCodes.BUDGET_FILE_ALREADY_IMPORTED);
        assertThat(e.kind()).isEqualTo(ControlException.Kind.CONFLICT);
        assertThat(core.budgetImport.imported(resource("indicators-2026-utf8.csv", StandardCharsets.UTF_8),
                BudgetImportService.Kind.INDICATORS)).isTrue();
        assertThat(indicatorsByKey().get("420000|2026|219011|2050201|50201|11|").approved())
                .isEqualByComparingTo("1200000.00");
    }

    @Test
    void aDecreaseBelowWhatIsReservedRefusesTheFileAndRollsBackItsOtherLines() {
        core.budgetImport.importIndicators(indicators("i.csv", indicator("10000.00"),
                String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "105001", "2010601", "50201", "11", "",
                        "INITIAL", "100.00", "鄂财预〔2026〕1号")), OPERATOR);
        core.budgetImport.importPlans(plans("p.csv", plan("10000.00")), OPERATOR);
        assertThat(core.intake.receive(EnvelopeSource.of(envelope(voucher("CB2026000001",
                line("6222000000000001", "王喆", "6000.00")))), "test", "finance").get(0).accepted()).isTrue();

        ControlException e = refused(() -> core.budgetImport.importIndicators(indicators("cut.csv",
                String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "105001", "2010601", "50201", "11", "",
                        "追加", "900.00", "鄂财预〔2026〕30号"),
                String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, ControlVouchers.AGENCY, ControlVouchers.FUNC,
                        ControlVouchers.ECO, ControlVouchers.FUND, "", "追减", "4000.01", "鄂财预〔2026〕31号")), OPERATOR));

        assertThat(codes(e)).containsExactly(BudgetCodes.BUDGET_DECREASE_TOO_LARGE);
        assertThat(e.problems().get(0).location()).isEqualTo("cut.csv:3 / Amount");
        assertThat(e.problems().get(0).message()).contains("4000.00 available");
        assertThat(indicatorsByKey().get("420000|2026|105001|2010601|50201|11|").approved())
                .as("the increase on line 2 rolled back").isEqualByComparingTo("100.00");
        assertThat(core.budgetImport.importIndicators(indicators("cut2.csv",
                String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, ControlVouchers.AGENCY, ControlVouchers.FUNC,
                        ControlVouchers.ECO, ControlVouchers.FUND, "", "DECREASE", "4000.00", "鄂财预〔2026〕31号")),
                OPERATOR).decreased()).as("down to what is reserved").isEqualTo(1);
    }

    @Test
    void initialAmountsTwiceAdjustmentsOfNothingAndADocumentTwiceAreRefused() {
        core.budgetImport.importIndicators(indicators("i.csv", indicator("1000.00")), OPERATOR);
        String again = String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, ControlVouchers.AGENCY,
                ControlVouchers.FUNC, ControlVouchers.ECO, ControlVouchers.FUND, "", "下达", "5.00", "鄂财预〔2026〕39号");
        String unknown = String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "999999", "2010601", "50201", "11",
                "", "追加", "1.00", "鄂财预〔2026〕40号");
        String repeatedDoc = String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, ControlVouchers.AGENCY,
                ControlVouchers.FUNC, ControlVouchers.ECO, ControlVouchers.FUND, "", "追加", "1.00", "鄂财预〔2026〕1号");

        ControlException e = refused(() -> core.budgetImport.importIndicators(
                indicators("mixed.csv", again, unknown, repeatedDoc), OPERATOR));

        assertThat(e.problems()).extracting(Problem::code, Problem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_ALREADY_EXISTS, "mixed.csv:2 / Type"),
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_NOT_FOUND, "mixed.csv:3"),
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_DOC_REPEATED, "mixed.csv:4 / DocNo"));
        ControlException inFile = refused(() -> core.budgetImport.importIndicators(indicators("twice.csv",
                String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "105001", "2010601", "50201", "11", "",
                        "INITIAL", "1.00", "D1"),
                String.join(",", ControlVouchers.ADM, ControlVouchers.YEAR, "105001", "2010601", "50201", "11", "",
                        "INITIAL", "2.00", "D2")), OPERATOR));
        assertThat(codes(inFile)).containsExactly(BudgetCodes.BUDGET_ALREADY_EXISTS);
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_indicator")).isEqualTo(1);
    }

    @Test
    void theHeaderMustNameTheColumnsOfItsKind() {
        ControlException e = refused(() -> core.budgetImport.importPlans(BudgetFile.of("p.csv",
                "AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,Type,Amont,DocNo\n420000,2026,11,219011,11,下达,1.00,D\n"
                        .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), OPERATOR));

        assertThat(codes(e)).containsExactly(BudgetCodes.BUDGET_COLUMN_UNKNOWN, BudgetCodes.BUDGET_COLUMN_MISSING);
        assertThat(codes(refused(() -> core.budgetImport.importPlans(BudgetFile.of("empty.csv", new byte[0],
                StandardCharsets.UTF_8), OPERATOR)))).containsExactly(BudgetCodes.BUDGET_FILE_EMPTY);
    }

    @Test
    void plansAreMonthlyAndAMonthOutsideTheYearIsRefused() {
        ControlException e = refused(() -> core.budgetImport.importPlans(
                resource("plans-2026-bad-month.csv", StandardCharsets.UTF_8), OPERATOR));
        assertThat(e.problems()).extracting(Problem::code, Problem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BudgetCodes.BUDGET_FIELD_INVALID, "plans-2026-bad-month.csv:4 / Month"));

        core.budgetImport.importPlans(plans("p.csv", plan("900000.00")), OPERATOR);
        assertThat(core.budgetQueries.plans(DataScope.everything(), ControlVouchers.AGENCY)).singleElement()
                .satisfies(p -> {
                    assertThat(p.plan().month()).isEqualTo(11);
                    assertThat(p.available()).isEqualByComparingTo("900000.00");
                });
    }

    @Test
    void anOperatorImportsOnlyInsideTheirDataScope() {
        Actor wuhan = new Actor("wuhan-op", Set.of("OPERATOR"), DataScope.of(List.of("420100"), List.of()),
                AuditEntry.Channel.CLI);

        ControlException e = refused(() -> core.budgetImport.importIndicators(indicators("i.csv", indicator("1.00")),
                wuhan));

        assertThat(codes(e)).containsExactly(ControlCodes.OUT_OF_SCOPE);
        assertThat(e.problems().get(0).location()).isEqualTo("i.csv:2");
        assertThat(core.budgetQueries.indicators(DataScope.of(List.of("420100"), List.of()), null)).isEmpty();
    }
}
