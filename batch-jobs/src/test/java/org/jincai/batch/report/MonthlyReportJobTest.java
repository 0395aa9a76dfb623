package org.jincai.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jincai.batch.report.ReportSeed.Pay;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.controls.Actor;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The job monthly-report on a small seeded year (H2, or PostgreSQL with JINCAI_TEST_DB=postgres): its figures
 * checked by hand and against the database, its CSV files, workbook and PDF agreeing to the fen, the PDF's first
 * page drawn and not blank.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthlyReportJobTest {

    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private static TestDatabase db;

    @TempDir
    static Path home;

    private AnnotationConfigApplicationContext ctx;
    private MonthlyReports.Run run;
    private List<ReportTable> tables;

    @BeforeAll
    void runTheReport() {
        db = TestDatabase.create();
        seed(new ReportSeed(db.jdbc()));
        ctx = ReportTestContext.start(db, Map.of("jincai.home", home.toString(),
                "jincai.report.analysis.large-payment", "10000.00", "jincai.report.analysis.repeat-count", "2",
                "jincai.report.analysis.surge-minimum", "10000.00"));
        ctx.getBean(PerformanceTargetImport.class).importFile(BudgetFile.of("performance-2026.csv",
                TARGETS.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                Actor.system("operator", AuditEntry.Channel.CLI));
        run = ctx.getBean(MonthlyReports.class).run(NOVEMBER, "operator", AuditEntry.Channel.CLI);
        tables = CsvTables.read(run.dir(), ReportTables.ALL);
    }

    @AfterAll
    void close() {
        ctx.close();
        db.close();
    }

    @Test
    void theJobCompletesWithItsThreeOutputsInTheMonthsFolder() {
        assertThat(run.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.dir()).isEqualTo(home.resolve("reports").resolve("2026-11"));
        List<String> names = run.files().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("monthly-report-2026-11.xlsx", "monthly-report-2026-11.pdf");
        for (TableSpec spec : ReportTables.ALL) {
            assertThat(names).contains(spec.fileName());
        }
        assertThat(names).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void csvFilesStartWithAByteOrderMarkAndAreUtf8() throws Exception {
        byte[] bytes = Files.readAllBytes(run.dir().resolve("budget-agency.csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("湖北省教育厅").contains("\r\n");
    }

    @Test
    void budgetTotalsAreTheHandCountedOnesInEveryClassification() {
        for (TableSpec spec : List.of(ReportTables.BUDGET_ADM_DIV, ReportTables.BUDGET_AGENCY,
                ReportTables.BUDGET_FUNC_CLASS, ReportTables.BUDGET_FUNC_SECTION, ReportTables.BUDGET_FUNC_ITEM,
                ReportTables.BUDGET_ECONOMIC, ReportTables.BUDGET_FUND_TYPE, ReportTables.BUDGET_PAY_TYPE)) {
            ReportTable t = table(spec);
            List<Object> total = t.total();
            assertThat(money(t, total, "本月支付")).as(spec.name()).isEqualTo("42345.68");
            assertThat(money(t, total, "累计支付")).as(spec.name()).isEqualTo("135345.68");
            assertThat(money(t, total, "占用")).as(spec.name()).isEqualTo("9012.33");
            if (spec != ReportTables.BUDGET_PAY_TYPE) {
                assertThat(money(t, total, "指标")).as(spec.name()).isEqualTo("2500000.00");
            } else {
                assertThat(t.cell(total, "指标")).as("indicators have no payment type").isNull();
            }
        }
        ReportTable agency = table(ReportTables.BUDGET_AGENCY);
        List<Object> a001 = row(agency, "A001");
        assertThat(agency.cell(a001, "名称")).isEqualTo("湖北省教育厅");
        assertThat(money(agency, a001, "本月计划")).isEqualTo("150000.00");
        assertThat(money(agency, a001, "累计计划")).isEqualTo("270000.00");
        assertThat(money(agency, a001, "累计支付")).isEqualTo("47345.68");
        assertThat((BigDecimal) agency.cell(a001, "执行率")).isEqualByComparingTo("3.16");
        assertThat((BigDecimal) agency.cell(a001, "计划执行率")).isEqualByComparingTo("28.23");
        assertThat(money(agency, row(agency, "A002"), "本月支付")).as("amounts keep their fen").isEqualTo("0.00");
        assertThat(table(ReportTables.BUDGET_FUNC_CLASS).body()).extracting(r -> r.get(0)).containsExactly("205", "208");
        assertThat(table(ReportTables.BUDGET_FUNC_SECTION).body()).extracting(r -> r.get(0))
                .containsExactly("20502", "20801");
        assertThat(table(ReportTables.BUDGET_FUNC_ITEM).body()).extracting(r -> r.get(0))
                .containsExactly("2050201", "2050202", "2080101");
        assertThat(table(ReportTables.BUDGET_FUNC_CLASS).cell(table(ReportTables.BUDGET_FUNC_CLASS).total(), "本月计划"))
                .as("plans carry no functional classification").isNull();
    }

    @Test
    void budgetTotalsAgreeWithTheDatabase() {
        NamedParameterJdbcTemplate jdbc = db.jdbc();
        MapSqlParameterSource none = new MapSqlParameterSource();
        BigDecimal approved = jdbc.queryForObject("SELECT SUM(approved) FROM budget_indicator WHERE st_year = '2026'",
                none, BigDecimal.class);
        BigDecimal reserved = jdbc.queryForObject("SELECT SUM(reserved) FROM budget_indicator WHERE st_year = '2026'",
                none, BigDecimal.class);
        BigDecimal paidYtd = jdbc.queryForObject("""
                SELECT SUM(p.amount) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE v.st_year = '2026' AND p.paid_date BETWEEN DATE '2026-01-01' AND DATE '2026-11-30'
                   AND p.status <> 'RETURNED'""", none, BigDecimal.class);
        ReportTable adm = table(ReportTables.BUDGET_ADM_DIV);
        assertThat(money(adm, adm.total(), "指标")).isEqualTo(approved.toPlainString());
        assertThat(money(adm, adm.total(), "占用")).isEqualTo(reserved.toPlainString());
        assertThat(money(adm, adm.total(), "累计支付")).isEqualTo(paidYtd.toPlainString());
        ReportTable daily = table(ReportTables.DAILY_PAID);
        assertThat(daily.body()).hasSize(30);
        assertThat(money(daily, daily.total(), "金额")).isEqualTo("42345.68");
        assertThat(daily.cell(row(daily, "2026-11-15"), "金额")).isEqualTo(new BigDecimal("30000.01"));
    }

    @Test
    void banksCountTheirPaymentsRejectionsAndTimeToBooking() {
        ReportTable banks = table(ReportTables.BANKS);
        List<Object> icbc = row(banks, "ICBC");
        assertThat(banks.cell(icbc, "本月笔数")).isEqualTo(4L);
        assertThat(money(banks, icbc, "本月金额")).isEqualTo("20080.48");
        assertThat(banks.cell(icbc, "累计笔数")).isEqualTo(6L);
        assertThat(money(banks, icbc, "累计金额")).isEqualTo("113080.48");
        List<Object> ccb = row(banks, "CCB");
        assertThat(banks.cell(ccb, "拒绝笔数")).isEqualTo(1L);
        assertThat((BigDecimal) banks.cell(ccb, "拒绝率")).isEqualByComparingTo("50.00");
        assertThat((BigDecimal) banks.cell(ccb, "平均")).isEqualByComparingTo("480.00");
        assertThat(banks.cell(banks.total(), "本月笔数")).isEqualTo(6L);
        assertThat(money(banks, banks.total(), "本月金额")).isEqualTo("55080.99");
    }

    @Test
    void alertsAreCountedByRule() {
        ReportTable alerts = table(ReportTables.ALERTS);
        List<Object> daily = row(alerts, "DAILY_TOTAL");
        assertThat(alerts.cell(daily, "本月")).isEqualTo(1L);
        assertThat(alerts.cell(daily, "累计")).isEqualTo(2L);
        List<Object> total = alerts.total();
        assertThat(total.subList(1, 5)).containsExactly(2L, 3L, 2L, 1L);
        assertThat(money(alerts, total, "本月金额")).isEqualTo("600100.00");
    }

    @Test
    void reconciliationExceptionsAreCountedOpenedResolvedAndOpenAtTheMonthsEnd() {
        ReportTable exceptions = table(ReportTables.EXCEPTIONS);
        List<Object> unmatched = row(exceptions, "UNMATCHED_ENTRY");
        assertThat(exceptions.cell(unmatched, "本月新增")).isEqualTo(2L);
        assertThat(exceptions.cell(unmatched, "本月解决")).isEqualTo(1L);
        assertThat(exceptions.cell(unmatched, "月末未解决")).as("one opened in the month, one in October resolved in December")
                .isEqualTo(2L);
        assertThat(exceptions.cell(unmatched, "累计新增")).isEqualTo(3L);
        assertThat(money(exceptions, unmatched, "本月金额")).isEqualTo("320.00");
        List<Object> notBooked = row(exceptions, "NOT_BOOKED");
        assertThat(exceptions.cell(notBooked, "本月新增")).as("opened on 1 December, Beijing").isEqualTo(0L);
        assertThat(exceptions.cell(notBooked, "本月解决")).isEqualTo(1L);
        assertThat(exceptions.cell(notBooked, "月末未解决")).isEqualTo(0L);
        List<Object> total = exceptions.total();
        assertThat(exceptions.cell(total, "月末未解决")).isEqualTo(2L);
        assertThat(money(exceptions, total, "本月金额")).isEqualTo("320.00");
    }

    @Test
    void targetsBehindAreWarningsRaisedAsAlertsOncePerMonth() {
        ReportTable perf = table(ReportTables.PERFORMANCE);
        assertThat(perf.rows()).extracting(r -> perf.cell(r, "绩效指标"), r -> perf.cell(r, "目标值"),
                        r -> perf.cell(r, "实际值"), r -> perf.cell(r, "状态"))
                .containsExactlyInAnyOrder(
                        tuple("EXECUTION_RATE", new BigDecimal("75"), new BigDecimal("1.23"),
                                MonthlyAnalysis.EXPLAIN),
                        tuple("培训人次", new BigDecimal("1200"), new BigDecimal("800"),
                                MonthlyAnalysis.EXPLAIN),
                        tuple("设备采购台数", new BigDecimal("30"), null,
                                MonthlyAnalysis.NOT_REPORTED));
        assertThat(db.count("SELECT COUNT(*) FROM control_alert WHERE rule_code = 'PERFORMANCE_BEHIND'")).isEqualTo(3);
        MonthlyReports.Run again = ctx.getBean(MonthlyReports.class).run(NOVEMBER, "operator", AuditEntry.Channel.CLI);
        assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.executionId()).isNotEqualTo(run.executionId());
        assertThat(db.count("SELECT COUNT(*) FROM control_alert WHERE rule_code = 'PERFORMANCE_BEHIND'"))
                .as("raised once per target and month").isEqualTo(3);
    }

    @Test
    void trendsCompareWithTheMonthBeforeAndTheYearBefore() {
        ReportTable trends = table(ReportTables.TRENDS);
        List<Object> a001 = row(trends, "A001");
        assertThat(money(trends, a001, "上月支付")).isEqualTo("0.00");
        assertThat(trends.cell(a001, "环比")).as("nothing the month before").isNull();
        assertThat(money(trends, a001, "去年同月")).isEqualTo("10000.00");
        assertThat((BigDecimal) trends.cell(a001, "同比")).isEqualByComparingTo("323.46");
        assertThat(money(trends, a001, "累计支付")).isEqualTo("47345.68");
        List<Object> a002 = row(trends, "A002");
        assertThat(money(trends, a002, "本月支付")).isEqualTo("0.00");
        assertThat((BigDecimal) trends.cell(a002, "环比")).isEqualByComparingTo("-100.00");
        assertThat(money(trends, trends.total(), "累计支付")).isEqualTo("135345.68");
    }

    @Test
    void unusualPatternsAreFlaggedWithTheirRule() {
        ReportTable anomalies = table(ReportTables.ANOMALIES);
        assertThat(anomalies.rows()).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2), r -> r.get(4),
                r -> r.get(5)).containsExactly(
                tuple(MonthlyAnalysis.REPEATED_LARGE_PAYMENTS, "420000", null, 2L,
                        new BigDecimal("42345.68")),
                tuple(MonthlyAnalysis.SPENDING_SURGE, "420000", "A001", 2L,
                        new BigDecimal("42345.68")));
    }

    @Test
    void theWorkbookHasOneSheetPerTableWithNumbersAsNumbersAndAFrozenHeader() throws Exception {
        try (InputStream in = Files.newInputStream(run.dir().resolve("monthly-report-2026-11.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(ReportTables.ALL.size());
            for (ReportTable t : tables) {
                Sheet sheet = wb.getSheet(t.spec().sheet());
                assertThat(sheet).as(t.spec().sheet()).isNotNull();
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(sheet.getLastRowNum()).isEqualTo(t.rows().size());
                Row last = sheet.getRow(t.rows().size());
                List<ReportColumn> columns = t.spec().columns();
                for (int c = 0; c < columns.size(); c++) {
                    Object expected = t.rows().get(t.rows().size() - 1).get(c);
                    if (columns.get(c).kind() == ReportColumn.Kind.MONEY && expected != null) {
                        assertThat(last.getCell(c).getCellType()).isEqualTo(CellType.NUMERIC);
                        assertThat(BigDecimal.valueOf(last.getCell(c).getNumericCellValue()).setScale(2))
                                .as(t.spec().name() + " " + columns.get(c).header())
                                .isEqualTo(((BigDecimal) expected).setScale(2));
                    }
                }
            }
        }
    }

    @Test
    void thePdfEmbedsItsChineseFontShowsTheTotalsAndItsFirstPageIsNotBlank() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(run.dir().resolve("monthly-report-2026-11.pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(ReportTables.ALL.size());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("月度财政报告").contains("湖北省教育厅").contains("135,345.68")
                    .contains("42,345.68").contains("55,080.99");
            for (var name : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 40);
            int ink = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    if ((page.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                        ink++;
                    }
                }
            }
            assertThat(ink).as("pixels not white on page 1").isGreaterThan(page.getWidth() * page.getHeight() / 50);
        }
    }

    private ReportTable table(TableSpec spec) {
        return tables.stream().filter(t -> t.spec().equals(spec)).findFirst().orElseThrow();
    }

    private static List<Object> row(ReportTable t, String code) {
        return t.body().stream().filter(r -> code.equals(r.get(0))).findFirst().orElseThrow(() ->
                new AssertionError(t.spec().name() + " has no row " + code));
    }

    private static String money(ReportTable t, List<Object> row, String header) {
        return ((BigDecimal) t.cell(row, header)).toPlainString();
    }

    static void seed(ReportSeed s) {
        s.indicator("2026", "A001", "2050201", "50201", "1", "1000000.00", "7777.77", "14845.92");
        s.indicator("2026", "A001", "2050202", "50201", "1", "500000.00", "0", "30000.01");
        s.indicator("2026", "A002", "2080101", "50502", "1", "800000.00", "1234.56", "88000.00");
        s.indicator("2026", "A002", "2080101", "50502", "2", "200000.00", "0", "0");
        s.indicator("2025", "A001", "2050201", "50201", "1", "999999.99", "0", "0");
        s.plan("2026", 11, "A001", "1", "150000.00");
        s.plan("2026", 10, "A001", "1", "120000.00");
        s.plan("2026", 11, "A002", "1", "100000.00");
        s.plan("2026", 12, "A002", "1", "100000.00");
        s.plan("2025", 11, "A001", "1", "5555.55");
        s.payment(new Pay("2026", "A001", "2050201", "50201", "1", "5201", "ICBC", "12345.67", "PAID",
                LocalDate.parse("2026-11-03"), at("2026-11-02T02:00:00Z"), at("2026-11-03T04:30:00Z"), "SPENT"));
        s.payment(new Pay("2026", "A001", "2050202", "50201", "1", "8202", "CCB", "30000.01", "RECONCILED",
                LocalDate.parse("2026-11-15"), at("2026-11-14T01:00:00Z"), at("2026-11-14T09:00:00Z"), "SPENT"));
        s.payment(new Pay("2026", "A002", "2080101", "50502", "1", "5201", "ICBC", "88000.00", "RECEIPTED",
                LocalDate.parse("2026-10-20"), at("2026-10-19T03:00:00Z"), at("2026-10-20T03:00:00Z"), "SPENT"));
        s.payment(new Pay("2026", "A002", "2080101", "50502", "2", "5201", "CCB", "5000.50", "REJECTED",
                null, at("2026-11-20T03:00:00Z"), null, "RELEASED"));
        s.payment(new Pay("2026", "A001", "2050201", "50201", "1", "5201", "ICBC", "7777.77", "APPROVED",
                null, null, null, "RESERVED"));
        s.payment(new Pay("2026", "A002", "2080101", "50502", "1", "8202", "ICBC", "1234.56", "SENT",
                null, at("2026-11-28T03:00:00Z"), null, "RESERVED"));
        s.payment(new Pay("2026", "A001", "2050201", "50201", "1", "5201", "ICBC", "4000.00", "RETURNED",
                LocalDate.parse("2026-11-05"), at("2026-11-04T03:00:00Z"), at("2026-11-05T03:00:00Z"), "RETURNED"));
        s.payment(new Pay("2026", "A001", "2050201", "50201", "1", "5201", "ICBC", "2500.25", "PAID",
                LocalDate.parse("2026-12-01"), at("2026-11-30T10:00:00Z"), at("2026-12-01T02:00:00Z"), "SPENT"));
        s.payment(new Pay("2026", "A001", "2050201", "50201", "1", "5201", "ICBC", "999.00", "SENT",
                null, at("2026-11-30T17:00:00Z"), null, null));
        s.payment(new Pay("2026", "A001", "2050201", "50201", "1", "5201", "ICBC", "5000.00", "PAID",
                LocalDate.parse("2026-09-10"), at("2026-09-09T03:00:00Z"), at("2026-09-10T03:00:00Z"), null));
        s.payment(new Pay("2025", "A001", "2050201", "50201", "1", "5201", "ICBC", "10000.00", "PAID",
                LocalDate.parse("2025-11-10"), at("2025-11-09T03:00:00Z"), at("2025-11-10T03:00:00Z"), null));
        s.alert("DAILY_TOTAL", "OPEN", "600000.00", at("2026-11-10T02:00:00Z"));
        s.alert("DUPLICATE_PAYMENT", "ACKNOWLEDGED", "100.00", at("2026-11-11T02:00:00Z"));
        s.alert("DAILY_TOTAL", "OPEN", "1.00", at("2026-10-10T02:00:00Z"));
        s.alert("DAILY_TOTAL", "OPEN", "7.00", at("2026-11-30T16:30:00Z"));
        s.exception("UNMATCHED_ENTRY", "ICBC", "300.00", at("2026-11-03T02:00:00Z"), null);
        s.exception("UNMATCHED_ENTRY", "ICBC", "20.00", at("2026-11-04T02:00:00Z"), at("2026-11-06T02:00:00Z"));
        s.exception("UNMATCHED_ENTRY", "ICBC", "1.00", at("2026-10-04T02:00:00Z"), at("2026-12-02T02:00:00Z"));
        s.exception("NOT_BOOKED", "CCB", "5000.50", at("2026-10-30T02:00:00Z"), at("2026-11-02T02:00:00Z"));
        s.exception("NOT_BOOKED", "CCB", "9.00", at("2026-11-30T16:30:00Z"), null);
    }

    static final String TARGETS = """
            AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,DepProCode,Month,Measure,Unit,Target,Actual,DocNo
            420000,2026,A001,2050201,50201,1,,9,执行率,,60,,鄂财绩〔2026〕1号
            420000,2026,A001,2050201,50201,1,,11,执行率,,75,,鄂财绩〔2026〕1号
            420000,2026,A001,2050201,50201,1,,12,执行率,,90,,鄂财绩〔2026〕1号
            420000,2026,A002,2080101,50502,1,,11,EXECUTION_RATE,,5,,鄂财绩〔2026〕1号
            420000,2026,A001,2050202,50201,1,,11,培训人次,人次,1200,800,鄂财绩〔2026〕1号
            420000,2026,A002,2080101,50502,2,,10,设备采购台数,台,30,,鄂财绩〔2026〕1号
            """;

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
