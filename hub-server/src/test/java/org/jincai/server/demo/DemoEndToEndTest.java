package org.jincai.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jincai.batch.report.CsvTables;
import org.jincai.batch.report.MonthlyReports;
import org.jincai.batch.report.ReportTable;
import org.jincai.batch.report.ReportTables;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.testing.TestDatabase;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo end to end, twice on the same home: the sample budget loaded, the bundled vouchers (see
 * demo/vouchers/README.md) dropped into the finance inbox and taken in through the fiscal controls — one refused
 * for its budget, one held by a risk rule until its extra approval, one chain of two levels decided by two users —
 * approved by the demo's approvers, released, uploaded over SFTP to the three simulated banks, their answers and
 * statements applied, receipts and returns written to the finance outbox. The second run pays nothing twice and
 * loads no budget twice; then the monthly report on its data, its totals agreeing with the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {

    static final Path HOME = HubTestSupport.newHome("demo");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.registerHomeAndDatabase(registry, HOME, DB);
        // these counts are the vouchers' alone: the demo's payroll is tested as a job (PayrollCrashTest, PayrollApiTest)
        registry.add("jincai.demo.payroll-rows", () -> "0");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Autowired
    DemoRunner demo;

    @Autowired
    MonthlyReports reports;

    private String run(int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = demo.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    @Order(1)
    void firstRunTakesTheInboxPaysTheValidVouchersAndAnswersTheFinanceSystem() throws Exception {
        String printed = run(0);

        assertThat(printed).contains("received 35, accepted 32, refused 2, duplicates 1")
                .containsPattern("not new\\s+DUPLICATE_VOUCHER\\s+1")
                .containsPattern("refused\\s+PAY_AMT_MISMATCH\\s+1")
                .containsPattern("refused\\s+BUDGET_EXCEEDED\\s+1")
                .contains("HB2026112700023").contains("HB2026112700004").contains("HB2026112700032")
                .contains("budget  indicators-2026.csv: 20 line(s), 20 created")
                .contains("budget  indicators-2026-adjustments.csv: 2 line(s), 0 created, 1 increased, 1 decreased")
                .contains("budget  plans-2026-11.csv: 8 line(s), 8 created")
                .contains("approvals 32: 30 of 1 level(s), 2 of 2 level(s)")
                .contains("HB2026112700034 260000.00 CNY, SPECIAL (rule special): DIVISION_LEADER division-leader,"
                        + " then FINANCE_CHIEF finance-chief -> APPROVED")
                .contains("HB2026112700033 38537.91 CNY, DAILY (rule daily), held by a risk rule: DEPARTMENT_HEAD"
                        + " dept-head, then RISK_OFFICER risk-officer -> APPROVED")
                .contains("alerts 5: BUDGET_WARNING 1, DAILY_TOTAL 3, DUPLICATE_PAYMENT 1")
                .containsPattern("DEMO-FIXED\\s+1\\s+16\\s+621099.46\\s+15\\s+15\\s+1\\s+0")
                .containsPattern("DEMO-ISO\\s+1\\s+40\\s+1208031.77\\s+39\\s+39\\s+1\\s+0")
                .containsPattern("DEMO-PIPE\\s+1\\s+28\\s+723588.38\\s+27\\s+27\\s+1\\s+0")
                .containsPattern("DEMO-ISO_\\S+\\.xml: valid")
                .contains("receipts (回单) 31, reporting 2473579.49 CNY paid")
                .contains("returns (退回) of settled vouchers 1; returns of refused vouchers 2; duplicate notices 1")
                .contains("finance outbox now holds 35 file(s)");

        assertThat(DB.count("SELECT COUNT(*) FROM voucher")).isEqualTo(32);
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(84);
        // reconciliation: DEMO-ISO's 39 booked payments matched, two of them given back a bank day later; its intraday
        // notification and its two end-of-day statements, as the inbound route kept them, read by bank and dates
        assertThat(printed).contains("Bank-flow reconciliation (银行流水对账)")
                .containsPattern("DEMO-ISO\\s+run R\\S+ COMPLETED: 3 statements \\(0 already taken\\)")
                .contains("matched 39 (END_TO_END 39); returned 2 (退回 sent upstream: 2)")
                .contains("exceptions opened 4 (UNMATCHED_ENTRY 4)");
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'RECEIPTED'")).isEqualTo(84 - 39);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'RECONCILED'")).isEqualTo(37);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE status = 'RETURNED'")).isEqualTo(2);
        assertThat(DB.count("SELECT COUNT(*) FROM recon_return WHERE sent_at IS NOT NULL")).isEqualTo(2);
        assertThat(names(HOME.resolve("statements").resolve("DEMO-ISO"))).hasSize(3)
                .filteredOn(n -> n.endsWith(".camt054.xml")).hasSize(1);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE paid_date IS NOT NULL")).isEqualTo(81);
        assertThat(DB.count("SELECT COUNT(*) FROM payment WHERE paid_date IS NULL AND bank_reason_code = 'AC04'"
                + " AND payee_acct_no IN ('6222166093960000', '6222895947000000', '6217596392130000')")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_answer WHERE voucher_flag = 1")).isEqualTo(31);
        assertThat(DB.count("SELECT COUNT(*) FROM intake_file WHERE status = 'DONE'")).isEqualTo(4);
        assertThat(DB.count("SELECT COUNT(*) FROM statement_entry WHERE payment_id IS NOT NULL")).isEqualTo(39);

        // the controls: every payment reserved at intake and spent when paid, or released when the bank rejected it;
        // the voucher over its budget took nothing; two different users decided the two levels of one chain
        assertThat(DB.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'SPENT'")).isEqualTo(81 - 2);
        assertThat(DB.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RETURNED'")).as("given back")
                .isEqualTo(2);
        assertThat(DB.count("SELECT COUNT(*) FROM budget_reservation WHERE state = 'RELEASED'")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM budget_indicator WHERE reserved <> 0")).isZero();
        assertThat(DB.count("SELECT COUNT(*) FROM budget_indicator WHERE agency_code = '401001'"
                + " AND exp_func_code = '2140106' AND spent = 0 AND approved = 150000.00")).isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM approval WHERE status = 'APPROVED'")).isEqualTo(32);
        assertThat(DB.count("SELECT COUNT(DISTINCT l.decided_by) FROM approval_level l JOIN approval a"
                + " ON a.approval_id = l.approval_id WHERE a.voucher_no = 'HB2026112700034'")).isEqualTo(2);
        assertThat(DB.count("SELECT COUNT(*) FROM approval_level WHERE kind = 'RISK_HOLD' AND decided_by = 'risk-officer'"
                + " AND channel = 'CLI'")).isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM payment_event WHERE to_status = 'APPROVED' AND actor = 'dept-head'"))
                .as("the demo's department head approved the daily expenses").isPositive();

        // the banks received each file once, under its final name; every answer was archived after its commit
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED")) {
            Path root = HOME.resolve("bank-simulator").resolve(bank);
            assertThat(names(root.resolve("inbox"))).hasSize(1).noneMatch(n -> n.endsWith(".part"));
            // DEMO-ISO: its answer, its intraday notification, and its two end-of-day statements
            assertThat(names(root.resolve("archive"))).hasSize(bank.equals("DEMO-ISO") ? 4 : 1);
            assertThat(names(root.resolve("outbox"))).isEmpty();
            assertThat(names(root.resolve("error"))).isEmpty();
        }
        Path finance = HOME.resolve("finance").resolve("HUBEI-FIN");
        assertThat(names(finance.resolve("inbox"))).isEmpty();
        assertThat(names(finance.resolve("archive"))).hasSize(4);
        List<String> outbox = names(finance.resolve("outbox"));
        assertThat(outbox).hasSize(37).contains("420000_2026_8202_HB2026112700003_receipt.xml",
                "420000_2026_8202_HB2026112700006_return.xml");
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700023_return_"))).hasSize(1);
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700032_return_"))).as("refused for its budget")
                .hasSize(1);
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700004_duplicate_"))).as("never a return").hasSize(1);
        assertThat(outbox.stream().filter(n -> n.contains("HB2026112700004_return"))).isEmpty();

        VoucherBody receipt = onlyBody(finance.resolve("outbox").resolve("420000_2026_8202_HB2026112700003_receipt.xml"));
        PaymentVoucher paid = new PaymentVoucherReader().read(receipt).voucher();
        assertThat(receipt.voucherFlag()).isEqualTo(VoucherBody.FLAG_RECEIPT);
        assertThat(paid.xPayAmt()).isEqualByComparingTo("31764.75");
        assertThat(paid.details().get(1).xPayAmt()).isEqualByComparingTo("0.00");
        assertThat(paid.details().get(1).xAddWord()).contains("AC04");
        VoucherBody returned = onlyBody(finance.resolve("outbox").resolve("420000_2026_8202_HB2026112700006_return.xml"));
        assertThat(returned.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(returned.returnReason()).contains("AC04");
    }

    @Test
    @Order(2)
    void secondRunOnTheSameHomePaysNothingTwice() throws Exception {
        String printed = run(0);

        assertThat(printed).contains("received 0, accepted 0, refused 0, duplicates 0").contains("nothing new to send")
                .contains("budget  indicators-2026.csv: loaded before, not counted twice")
                .contains("budget  plans-2026-11.csv: loaded before, not counted twice")
                .contains("approvals 0: none new").contains("alerts 0");
        assertThat(DB.count("SELECT COUNT(*) FROM payment")).isEqualTo(84);
        assertThat(DB.count("SELECT COUNT(*) FROM bank_delivery")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_answer")).isEqualTo(32);
        assertThat(DB.count("SELECT COUNT(*) FROM budget_import")).isEqualTo(3);
        assertThat(DB.count("SELECT COUNT(*) FROM budget_movement")).isEqualTo(30);
        for (String bank : List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED")) {
            assertThat(names(HOME.resolve("bank-simulator").resolve(bank).resolve("inbox"))).hasSize(1);
        }
        // the two returns (退回) reconciliation found, beside the 35 answers of the first run
        assertThat(names(HOME.resolve("finance").resolve("HUBEI-FIN").resolve("outbox"))).hasSize(37)
                .filteredOn(n -> n.contains("_returned_")).hasSize(2);
        assertThat(printed).containsPattern("COMPLETED: 3 statements \\(3 already taken\\), 0 booked entries")
                .contains("exceptions opened 0");
        assertThat(DB.count("SELECT COUNT(*) FROM recon_match")).isEqualTo(39 + 2);
    }

    @Test
    @Order(3)
    void theMonthlyReportOnTheDemosDataAgreesWithTheDatabase() throws Exception {
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        LocalDate lastPaid = DB.jdbc().queryForObject("SELECT MAX(paid_date) FROM payment", new MapSqlParameterSource(),
                LocalDate.class);
        YearMonth month = YearMonth.from(lastPaid).isAfter(now) ? now : YearMonth.from(lastPaid);
        MonthlyReports.Run run = reports.run(month, "demo-test", AuditEntry.Channel.CLI);
        assertThat(run.status()).as(run.exitDescription()).isEqualTo(BatchStatus.COMPLETED);

        BigDecimal paid = DB.jdbc().queryForObject("""
                SELECT COALESCE(SUM(p.amount), 0) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE v.st_year = :year AND p.paid_date >= :from AND p.paid_date <= :to AND p.status <> 'RETURNED'""",
                new MapSqlParameterSource("year", String.valueOf(month.getYear()))
                        .addValue("from", Date.valueOf(LocalDate.of(month.getYear(), 1, 1)))
                        .addValue("to", Date.valueOf(month.atEndOfMonth())), BigDecimal.class);
        assertThat(paid).isPositive();
        ReportTable division = CsvTables.read(run.dir(), List.of(ReportTables.BUDGET_ADM_DIV)).get(0);
        assertThat((BigDecimal) division.cell(division.total(), "累计支付")).isEqualByComparingTo(paid);
        try (var in = Files.newInputStream(run.dir().resolve("monthly-report-" + month + ".xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            var sheet = wb.getSheet(ReportTables.BUDGET_ADM_DIV.sheet());
            var total = sheet.getRow(sheet.getLastRowNum());
            assertThat(BigDecimal.valueOf(total.getCell(ReportTables.BUDGET_ADM_DIV.column("累计支付"))
                    .getNumericCellValue()).setScale(2)).isEqualTo(paid.setScale(2));
        }
        byte[] pdf = Files.readAllBytes(run.dir().resolve("monthly-report-" + month + ".pdf"));
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    private static VoucherBody onlyBody(Path envelope) throws Exception {
        try (var in = Files.newInputStream(envelope)) {
            List<VoucherBody> bodies = new MofEnvelopeReader().read(in, envelope.toString()).bodies();
            assertThat(bodies).hasSize(1);
            return bodies.get(0);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }
}
