package org.jincai.batch.payroll;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.controls.Actor;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.TestBanks;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The payroll job on the core alone, as the tests (and their child processes) run it: the two test banks (DEMO-ISO,
 * DEMO-PIPE), no finance system, staging under the home, and approvers who hold DEPARTMENT_HEAD. No route runs:
 * what the hub's routes do (upload, answers) the tests do through the core's services.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({TreasuryCoreConfiguration.class, PayrollJobConfiguration.class})
public class PayrollTestApp {

    public static final String AGENCY = "219011";
    public static final String ISO_PAYER = "9558800000000101";
    public static final String PIPE_PAYER = "9558800000000202";

    /** The two banks; DEMO-ISO's per-file limits from {@code jincai.test.iso-max-credits} and {@code -amount}. */
    @Bean
    BankDirectory bankDirectory(@Value("${jincai.test.iso-max-credits:1000}") int isoMaxCredits,
                                @Value("${jincai.test.iso-max-amount:100000000.00}") BigDecimal isoMaxAmount) {
        return new BankDirectory(List.of(TestBanks.iso(2222, isoMaxCredits, isoMaxAmount), TestBanks.pipe(2222)));
    }

    @Bean
    FinanceDirectory financeDirectory() {
        return new FinanceDirectory(List.of());
    }

    @Bean
    @Qualifier(TreasuryCoreConfiguration.BANK_STAGING)
    StagingArea bankStaging(@Value("${jincai.home}") Path home) {
        return new StagingArea(home.resolve("staging/banks"));
    }

    @Bean
    @Qualifier(TreasuryCoreConfiguration.FINANCE_STAGING)
    StagingArea financeStaging(@Value("${jincai.home}") Path home) {
        return new StagingArea(home.resolve("staging/finance"));
    }

    @Bean
    @Qualifier(TreasuryCoreConfiguration.FINANCE_RECEIVED)
    StagingArea financeReceived(@Value("${jincai.home}") Path home) {
        return new StagingArea(home.resolve("staging/received"));
    }

    @Bean
    PayrollApprovers payrollApprovers() {
        return name -> new Actor(name, Set.of("APPROVER", "DEPARTMENT_HEAD"), DataScope.everything(),
                AuditEntry.Channel.CLI);
    }

    /** The properties of a test context: the home, the database, the payroll's payers; the caller's on top. */
    public static Map<String, Object> properties(Path home, Map<String, String> database, Map<String, String> more) {
        Map<String, Object> p = new HashMap<>();
        p.put("jincai.home", home.toString());
        p.putAll(database);
        p.put("spring.flyway.locations", "classpath:db/migration/common,classpath:db/migration/{vendor}");
        p.put("spring.batch.jdbc.initialize-schema", "never");
        p.put("spring.batch.job.enabled", "false");
        p.put("spring.main.banner-mode", "off");
        p.put("jincai.payroll.adm-div-code", "420000");
        p.put("jincai.payroll.payers[0].bank", "DEMO-ISO");
        p.put("jincai.payroll.payers[0].account", ISO_PAYER);
        p.put("jincai.payroll.payers[0].name", "某市财政局工资统发账户");
        p.put("jincai.payroll.payers[1].bank", "DEMO-PIPE");
        p.put("jincai.payroll.payers[1].account", PIPE_PAYER);
        p.put("jincai.payroll.payers[1].name", "某市财政局工资统发账户");
        p.put("jincai.payroll.blocked-accounts[0]", "6222000000000000666");
        p.put("jincai.payroll.answer-wait", "PT0S");
        p.put("jincai.payroll.chunk-size", "100");
        p.put("jincai.controls.risk.enabled", "false");
        p.putAll(more);
        return p;
    }

    public static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... more) {
        return new SpringApplicationBuilder(PayrollTestApp.class).sources(more).web(WebApplicationType.NONE)
                .properties(properties).run();
    }

    /** The banks of this application, for tests that look at files. */
    public static List<BankProfile> banks() {
        return List.of(TestBanks.iso(2222), TestBanks.pipe(2222));
    }
}
