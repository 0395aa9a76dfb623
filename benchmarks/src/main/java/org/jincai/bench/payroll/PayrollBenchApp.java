package org.jincai.bench.payroll;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.bank.profile.TransliterationPolicy;
import org.jincai.batch.payroll.PayrollApprovers;
import org.jincai.batch.payroll.PayrollJobConfiguration;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.controls.Actor;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.release.StagingArea;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The hub's core and the payroll job on the embedded H2 under a benchmark's home, with the demo's three bank formats
 * (pain.001 UTF-8, pipe GBK, fixed-width GBK; 1,000 credits a file) and an approver holding DEPARTMENT_HEAD. No route
 * runs: files are staged, not uploaded. Deliberately not a {@code @Configuration}: the hub scans {@code org.jincai},
 * and this fixture must never be part of the hub; it is a source only of the benchmark's own application.
 */
@EnableAutoConfiguration
@Import({TreasuryCoreConfiguration.class, PayrollJobConfiguration.class})
public class PayrollBenchApp {

    static final List<String> BANKS = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");
    private static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEppbmNhaUNvcmVUZXN0c05ldmVyQ29ubmVjdFdpdGgh";

    static List<BankProfile> profiles() {
        return List.of(
                bank("DEMO-ISO", "999100000001", BankFormat.PAIN_001_001_09, BankFormat.PAIN_002_001_10, "UTF-8"),
                bank("DEMO-PIPE", "999200000002", BankFormat.PIPE_GBK, BankFormat.PIPE_GBK_RETURN, "GBK"),
                bank("DEMO-FIXED", "999300000003", BankFormat.FIXED_GBK, BankFormat.FIXED_GBK_RETURN, "GBK"));
    }

    private static BankProfile bank(String code, String number, BankFormat out, BankFormat answers, String charset) {
        String user = code.toLowerCase();
        return new BankProfile(code, code, List.of(number), out, answers, Charset.forName(charset), 1000,
                new BigDecimal("100000000.00"), false, "{bank}_{date}_{batch}_{part}",
                new SftpEndpoint("127.0.0.1", 2222, user, user + "-secret", null, "[127.0.0.1]:2222 " + HOST_KEY, "inbox",
                        "outbox", "archive", "error", Duration.ofSeconds(1), null),
                TransliterationPolicy.TRANSLITERATE, LocalTime.of(16, 0), null, true, false);
    }

    @Bean
    BankDirectory bankDirectory() {
        return new BankDirectory(profiles());
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
}
