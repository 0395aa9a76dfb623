package org.jincai.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser: Debian's headless Chromium ({@value #CHROMIUM}) driven through its driver
 * ({@value #CHROMEDRIVER}) — never a browser downloaded at test time — against the whole hub on a random port, its
 * real H2, the simulated banks over real SFTP. An operator submits a voucher envelope in the console and sees it wait;
 * an approver approves it in the console; the operator releases it and watches the dashboard refresh itself until the
 * bank has paid it, follows its timeline and downloads its bank file; a user of another division sees nothing of it.
 * A screenshot of each page is kept under {@code target/console-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final Set<String> SETTLED = Set.of("PAID", "RECEIPTED", "RECONCILED");

    static final Path HOME = HubTestSupport.newHome("console");
    static final TestDatabase DB = TestDatabase.create();
    static final String VOUCHER_NO = "CN2026000001";
    static final String PAYEE_ACCOUNT = "6222000000000011";

    static WebDriver browser;
    static String paymentId;
    static String deliveryId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.registerWithControls(registry, HOME, DB);
        // the approval chain on, the budget and risk rules off: the scenario is the console's, not the budget's
        registry.add("jincai.controls.budget.enabled", () -> "false");
        registry.add("jincai.controls.risk.enabled", () -> "false");
        HubTestSupport.user(registry, 3, "head", "APPROVER", "DEPARTMENT_HEAD");
        // an operator of Beijing (110000): the Hubei voucher is outside their scope
        HubTestSupport.scopedUser(registry, 4, "beijing", "110000", null, "OPERATOR");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(Path.of(CHROMIUM)).as("Debian's chromium is needed: apt-get install -y chromium chromium-driver"
                + " (.ci/run installs it)").isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).as("Debian's chromium-driver is needed: apt-get install -y chromium"
                + " chromium-driver (.ci/run installs it)").isExecutable();
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void open(String path) {
        browser.get(url(path));
    }

    private void shot(String name) throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    /** The element once the page shows it: a click that submits a form returns before the next page is there. */
    private WebElement await(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(css)).stream()
                .findFirst().orElse(null));
    }

    private List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private String text() {
        return find("body").getText();
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        open("/console/login");
        find("#username").sendKeys(user);
        find("#password").sendKeys(user + "-pw");
        find("#sign-in").click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/console"));
    }

    private void signOut() {
        find("#logout").click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/console/login"));
    }

    @Test
    @Order(1)
    void theLoginPageIsChineseFirstRefusesAWrongPasswordAndEveryControlHasItsLabel() throws Exception {
        open("/console/login");
        assertThat(find("label[for=username]").getText()).isEqualTo("用户名");
        assertThat(find("html").getAttribute("lang")).isEqualTo("zh-CN");
        shot("login");
        find("#username").sendKeys("operator");
        find("#password").sendKeys("wrong");
        find("#sign-in").click();
        assertThat(await("[role=alert]").getText()).isEqualTo("用户名或密码错误。");

        open("/console/login?lang=en");
        assertThat(find("label[for=password]").getText()).isEqualTo("Password");
        open("/console/login?lang=zh_CN");
        assertThat(find("label[for=password]").getText()).isEqualTo("密码");

        // the form carries its CSRF token: a sign-in posted without it is refused
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=operator-pw")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location")).as("back to the sign-in, not into the console").get()
                .asString().contains("/console/login");
        // signed out, every page sends to the sign-in; the REST API still answers in JSON, without a session
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url("/console/payments"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).get().asString().endsWith("/console/login");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/alerts")))
                .header("Authorization", basic("operator")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Set-Cookie")).as("the API stays stateless").isEmpty();
    }

    @Test
    @Order(2)
    void aVoucherSubmittedInTheConsoleWaitsForItsApproverAndOnlyAnApproverMayDecide() throws Exception {
        Path env = Files.write(Files.createTempFile("envelope-", ".xml"),
                envelope(voucher(VOUCHER_NO, line(PAYEE_ACCOUNT, "王喆", "1234.56"))));
        signIn("operator");
        open("/console/vouchers");
        find("#envelope").sendKeys(env.toAbsolutePath().toString());
        find("#submit-envelope").click();
        WebElement submitted = await("#submitted tbody tr");
        assertThat(submitted.getAttribute("data-status")).isEqualTo("ACCEPTED");
        assertThat(submitted.getText()).contains(VOUCHER_NO, "已接收", "1,234.56");
        assertThat(find("#submitted caption").getText()).isEqualTo("共 1 张：接收 1，拒绝 0，重复 0");
        assertThat(DB.count("SELECT COUNT(*) FROM voucher WHERE voucher_no = '" + VOUCHER_NO + "'"
                + " AND source = 'console:operator'")).as("its source: the console, not the REST API").isEqualTo(1);
        shot("voucher-submitted");

        open("/console/payments?voucherNo=" + VOUCHER_NO);
        List<WebElement> rows = all("#payments tbody tr td[data-status]");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getAttribute("data-status")).isEqualTo("PENDING_APPROVAL");
        assertThat(rows.get(0).getText()).isEqualTo("待审批");
        shot("payments");
        String href = find("#payments tbody tr a").getAttribute("href");
        paymentId = href.substring(href.lastIndexOf('/') + 1);

        open("/console/approvals");
        assertThat(find("h1").getText()).as("approvals are for approvers").isEqualTo("无权访问");
        assertThat(all("nav a[href$='/console/approvals']")).as("nor offered in the menu").isEmpty();
        signOut();

        signIn("head");
        open("/console/approvals");
        shot("approvals");
        WebElement card = find("article[data-voucher='" + VOUCHER_NO + "']");
        card.findElement(By.cssSelector("form.decide input[name=comment]")).sendKeys("核对无误");
        card.findElement(By.cssSelector("button.approve")).click();
        assertThat(await("[role=status]").getText()).contains(VOUCHER_NO);
        assertThat(all("article[data-voucher='" + VOUCHER_NO + "']")).isEmpty();
        assertThat(DB.count("SELECT COUNT(*) FROM approval_level WHERE decided_by = 'head' AND decision = 'APPROVED'"))
                .isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE actor = 'head' AND action = 'APPROVAL_APPROVED'"
                + " AND channel = 'CONSOLE'")).as("the approval audited as the console's, not REST's").isEqualTo(1);
        assertThat(all("form[action$='/console/release']")).as("approvers do not release").isEmpty();
        signOut();
    }

    @Test
    @Order(3)
    void theOperatorReleasesAndTheDashboardRefreshesItselfUntilTheBankHasPaid() throws Exception {
        signIn("operator");
        find("#release").click();
        assertThat(await("[role=status]").getText()).startsWith("已完成：DEMO-ISO_").endsWith(".xml");
        assertThat(find("#released-h").getText()).isEqualTo("已生成银行文件 1 个");
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE actor = 'operator' AND action = 'RELEASE_REQUESTED'"
                + " AND channel = 'CONSOLE'")).as("the release audited as the console's").isEqualTo(1);
        // no reload from here: the dashboard's own script fetches its live part until the bank has paid
        new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(500)).until(d ->
                d.findElements(By.cssSelector("#today [data-status]")).stream()
                        .anyMatch(td -> SETTLED.contains(td.getAttribute("data-status"))));
        assertThat(find("#today").getText()).contains("DEMO-ISO").contains("1,234.56");
        shot("dashboard");

        open("/console/payments/" + paymentId);
        List<String> timeline = all("#timeline li").stream().map(li -> li.getAttribute("data-to")).toList();
        assertThat(timeline).contains("PENDING_APPROVAL", "APPROVED", "RELEASED", "PAID");
        assertThat(find("#timeline").getText()).contains("操作者 head");
        WebElement file = find("#bank-file");
        shot("payment");
        String fileHref = file.getAttribute("href");
        deliveryId = fileHref.substring(fileHref.lastIndexOf('/') + 1);
        // the bank file as the bank received it, downloaded with the signed-in session
        Object bytes = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(function (r) { return r.text().then(function (t) {"
                + " done({status: r.status, disposition: r.headers.get('Content-Disposition'), body: t}); }); });",
                fileHref);
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) bytes;
        assertThat(download.get("status")).isEqualTo(200L);
        assertThat((String) download.get("disposition")).contains("attachment").contains(file.getText());
        assertThat((String) download.get("body")).contains("pain.001").contains(PAYEE_ACCOUNT).contains("1234.56");
    }

    @Test
    @Order(4)
    void everyOperatorPageRendersInChineseAndInEnglishAndTheBankCheckLogsIn() throws Exception {
        for (String page : List.of("vouchers", "alerts", "exceptions", "schedules", "payroll", "reports")) {
            open("/console/" + page);
            assertThat(find("h1").getText()).as(page).isNotBlank().doesNotContain("??");
            assertThat(all("input:not([type=hidden]), select").stream()
                    .filter(c -> all("label[for='" + c.getAttribute("id") + "']").isEmpty()).toList())
                    .as("every control of %s has its label", page).isEmpty();
            shot(page);
        }
        open("/console/banks");
        find("button[aria-label='检查 DEMO-ISO 的连接']").click();
        assertThat(await("#check").getText()).contains("DEMO-ISO").contains("主机密钥一致，登录成功");
        shot("banks");

        open("/console?lang=en");
        assertThat(find("nav").getText()).contains("Dashboard").contains("Payroll");
        assertThat(find("#today").getText()).contains("DEMO-ISO");
        shot("dashboard-en");
        open("/console/payments?lang=zh_CN");
        assertThat(find("h1").getText()).isEqualTo("凭证与支付");
        signOut();
    }

    @Test
    @Order(5)
    void aUserOfAnotherDivisionSeesNothingOfIt() throws Exception {
        signIn("beijing");
        assertThat(find("#today").getText()).doesNotContain("DEMO-ISO").contains("无");
        assertThat(text()).doesNotContain(VOUCHER_NO);
        open("/console/payments?voucherNo=" + VOUCHER_NO);
        assertThat(all("#payments td[data-status]")).isEmpty();
        open("/console/payments");
        assertThat(all("#payments td[data-status]")).isEmpty();
        open("/console/payments/" + paymentId);
        assertThat(find("#not-found").isDisplayed()).isTrue();
        assertThat(text()).doesNotContain(VOUCHER_NO).doesNotContain(PAYEE_ACCOUNT);
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(function (r) { done(r.status); });", url("/console/files/" + deliveryId));
        assertThat(status).isEqualTo(404L);
        shot("outside-scope");
        signOut();
    }

    @Test
    @Order(6)
    void aScheduleMadePausedResumedAndCancelledInTheConsoleIsAuditedAsTheConsoles() throws Exception {
        Path file = Files.writeString(HOME.resolve("payroll-2027-02.csv"), "payroll\n");
        signIn("operator");
        open("/console/schedules");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('s-file').value = arguments[0];"
                + "document.getElementById('s-agency').value = '101001';"
                + "document.getElementById('s-month').value = '2027-02';"
                + "document.getElementById('s-at').value = '2027-02-05T10:00';", file.toString());
        find("#s-file").submit();
        await("[role=status]");
        List<String> made = DB.jdbc().getJdbcTemplate().queryForList("SELECT object_id FROM audit_record WHERE actor ="
                + " 'operator' AND object_type = 'SCHEDULE'", String.class);
        assertThat(made).as(text()).hasSize(1);
        String id = made.get(0);
        for (String step : List.of("pause", "resume", "cancel")) {
            find("form[action$='/schedules/" + id + "/" + step + "'] button").click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> DB.count("SELECT COUNT(*) FROM audit_record"
                    + " WHERE actor = 'operator' AND object_type = 'SCHEDULE'") > made.size());
            made.add(step);
        }
        assertThat(DB.jdbc().getJdbcTemplate().queryForList("SELECT channel FROM audit_record WHERE actor = 'operator'"
                + " AND object_type = 'SCHEDULE' ORDER BY seq", String.class))
                .as("made, paused, resumed, cancelled: each the console's").containsExactly("CONSOLE", "CONSOLE",
                        "CONSOLE", "CONSOLE");
        signOut();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }
}
