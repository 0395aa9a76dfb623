package org.jincai.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The monthly report over real HTTP, with the hub's security: performance targets loaded, the report run by an
 * operator (its target behind raised as an alert), listed and downloaded by an auditor — each endpoint with its
 * roles and its refusals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportApiTest {

    static final Path HOME = HubTestSupport.newHome("report-api");
    static final TestDatabase DB = TestDatabase.create();
    static final YearMonth MONTH = YearMonth.now(ZoneId.of("Asia/Shanghai"));
    static final String YEAR = String.valueOf(MONTH.getYear());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.registerWithControls(registry, HOME, DB);
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<byte[]> call(String method, String path, String contentType, String body, String user)
            throws Exception {
        return http.send(ApiCalls.request(port, method, path, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), user).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode read(HttpResponse<byte[]> r) {
        return json.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void anOperatorLoadsTheBudgetAndItsPerformanceTargets() throws Exception {
        String indicators = """
                AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo
                420000,%1$s,219011,2050201,50201,11,,INITIAL,1200000.00,鄂财预〔%1$s〕1号
                420000,%1$s,305001,2100201,50201,11,,INITIAL,800000.50,鄂财预〔%1$s〕1号
                """.formatted(YEAR);
        assertThat(call("POST", "/api/v1/budget/indicators", "text/csv", indicators, "operator").statusCode())
                .isEqualTo(200);
        String targets = """
                AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,Month,Measure,Target,DocNo
                420000,%1$s,219011,2050201,50201,11,1,执行率,50,鄂财绩〔%1$s〕1号
                """.formatted(YEAR);
        assertThat(call("POST", "/api/v1/budget/performance", "text/csv", targets, "auditor").statusCode())
                .isEqualTo(403);
        HttpResponse<byte[]> loaded = call("POST", "/api/v1/budget/performance", "text/csv", targets, "operator");
        assertThat(loaded.statusCode()).as(new String(loaded.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(read(loaded).get("created").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anOperatorRunsTheReportAndItsTargetBehindIsAnAlert() throws Exception {
        assertThat(call("POST", "/api/v1/reports/monthly?month=" + MONTH, null, null, "auditor").statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/v1/reports/monthly?month=" + MONTH, null, null, null).statusCode())
                .isEqualTo(401);
        HttpResponse<byte[]> future = call("POST", "/api/v1/reports/monthly?month=" + MONTH.plusMonths(1), null, null,
                "operator");
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(read(future).get("code").asString()).isEqualTo("REPORT_MONTH_INVALID");

        HttpResponse<byte[]> run = call("POST", "/api/v1/reports/monthly?month=" + MONTH, null, null, "operator");
        assertThat(run.statusCode()).as(new String(run.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode view = read(run);
        assertThat(view.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(view.get("files").toString()).contains("monthly-report-" + MONTH + ".pdf")
                .contains("monthly-report-" + MONTH + ".xlsx").contains("budget-agency.csv");
        assertThat(DB.count("SELECT COUNT(*) FROM control_alert WHERE rule_code = 'PERFORMANCE_BEHIND'"
                + " AND agency_code = '219011'")).isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE action = 'REPORT_RUN'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anAuditorListsAndDownloadsItsFilesWithTotalsAgreeingWithTheDatabase() throws Exception {
        HttpResponse<byte[]> list = call("GET", "/api/v1/reports/monthly/" + MONTH, null, null, "auditor");
        assertThat(list.statusCode()).isEqualTo(200);
        String base = "/api/v1/reports/monthly/" + MONTH + "/files/";
        assertThat(read(list).get("downloads").toString()).contains(base + "performance.csv");

        BigDecimal approved = DB.jdbc().queryForObject("SELECT SUM(approved) FROM budget_indicator WHERE st_year = :y",
                new MapSqlParameterSource("y", YEAR), BigDecimal.class);
        HttpResponse<byte[]> csv = call("GET", base + "budget-adm-div.csv", null, null, "auditor");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("合计 Total,," + approved.toPlainString() + ",");

        HttpResponse<byte[]> xlsx = call("GET", base + "monthly-report-" + MONTH + ".xlsx", null, null, "auditor");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = wb.getSheetAt(0);
            Row total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计 Total");
            assertThat(BigDecimal.valueOf(total.getCell(2).getNumericCellValue()).setScale(2)).isEqualTo(approved);
        }

        HttpResponse<byte[]> pdf = call("GET", base + "monthly-report-" + MONTH + ".pdf", null, null, "auditor");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        HttpResponse<byte[]> missing = call("GET", base + "nothing.csv", null, null, "auditor");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(read(missing).get("code").asString()).isEqualTo("REPORT_NOT_FOUND");
        assertThat(call("GET", "/api/v1/reports/monthly/" + MONTH.minusYears(3), null, null, "operator").statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/reports/monthly/2026-13", null, null, "operator").statusCode()).isEqualTo(400);
        assertThat(call("GET", base + "budget-adm-div.csv", null, null, "finance").statusCode()).isEqualTo(403);
    }
}
