package org.jincai.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.jincai.server.JincaiApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Secure by default: the simulator is off and no secret sits in the base configuration; an SFTP endpoint
 * without a known host key stops the start naming it, reported without a stack trace.
 */
class SecureDefaultsTest {

    static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static ConfigurableApplicationContext start(List<String> args, String... profiles) {
        SpringApplication app = new SpringApplication(JincaiApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles(profiles);
        List<String> all = new ArrayList<>(args);
        all.add("--jincai.home=" + HubTestSupport.newHome("secure"));
        all.add("--camel.main.auto-startup=false");
        db.springProperties().forEach((k, v) -> all.add("--" + k + "=" + v));
        return app.run(all.toArray(String[]::new));
    }

    private static List<String> bank(String knownHosts) {
        String b = "--jincai.banks[0].";
        List<String> args = new ArrayList<>(List.of(b + "code=REAL-BANK", b + "name=A bank",
                b + "agent-bank-numbers[0]=102100099996", b + "outbound-format=pipe-gbk",
                b + "answer-format=pipe-gbk-return", b + "charset=GBK", b + "max-transactions-per-file=1000",
                b + "max-amount-per-file=1000000.00", b + "file-name-pattern={bank}_{date}_{batch}_{part}",
                b + "transliteration=REFUSE", b + "cut-off-time=16:00", b + "answer-settles=true", b + "sftp.host=sftp.bank.example",
                b + "sftp.port=22", b + "sftp.user=treasury", b + "sftp.private-key-file=/etc/jincai/keys/bank",
                b + "sftp.inbox=in", b + "sftp.outbox=out", b + "sftp.archive=done", b + "sftp.error=failed"));
        if (knownHosts != null) {
            args.add(b + "sftp.known-hosts=" + knownHosts);
        }
        return args;
    }

    @Test
    void aBankWithoutAKnownHostKeyStopsTheStartNamingTheEndpoint() {
        Throwable failure = catchStart(bank(null));

        FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("BANK_PROFILE_INVALID at bank REAL-BANK / sftp.known-hosts")
                .contains("treasury@sftp.bank.example:22");
    }

    @Test
    void aFinanceSystemSftpWithoutAKnownHostKeyStopsTheStart() {
        List<String> args = new ArrayList<>(bank(
                "sftp.bank.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEppbmNhaUNvcmVUZXN0c05ldmVyQ29ubmVjdFdpdGgh"));
        String f = "--jincai.finance-systems[0].";
        args.addAll(List.of(f + "code=PROV-FIN", f + "adm-div-codes[0]=110000", f + "sftp.host=sftp.fin.example",
                f + "sftp.port=22", f + "sftp.user=hub", f + "sftp.private-key-file=/etc/jincai/keys/fin",
                f + "sftp.inbox=in", f + "sftp.outbox=out", f + "sftp.archive=done",
                f + "sftp.error=failed"));

        Throwable failure = catchStart(args);

        FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("FINANCE_SYSTEM_INVALID")
                .contains("finance system PROV-FIN / sftp.known-hosts").contains("hub@sftp.fin.example:22");
    }

    @Test
    void aBankWithItsHostKeyStartsWithoutTheSimulator() {
        try (ConfigurableApplicationContext ctx = start(bank(
                "sftp.bank.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEppbmNhaUNvcmVUZXN0c05ldmVyQ29ubmVjdFdpdGgh"))) {
            assertThat(ctx.getBeanNamesForType(org.jincai.bank.simulator.BankSimulator.class)).isEmpty();
            assertThat(ctx.getBean(BankDirectory.class).all()).extracting(BankProfile::code).containsExactly("REAL-BANK");
        }
    }

    @Test
    void theSimulatedBanksGetTheSimulatorsHostKeyAndAPasswordOfTheirOwnRun() {
        String first;
        try (ConfigurableApplicationContext ctx = start(List.of(), "simulator")) {
            List<BankProfile> banks = ctx.getBean(BankDirectory.class).all();
            assertThat(banks).extracting(BankProfile::code).containsExactly("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");
            assertThat(banks).allSatisfy(b -> {
                assertThat(b.sftp().port()).isPositive();
                assertThat(b.sftp().knownHosts()).startsWith("[127.0.0.1]:" + b.sftp().port() + " ecdsa-sha2-nistp521 ");
                assertThat(b.sftp().password()).matches("[0-9a-f]{36}");
            });
            first = banks.get(0).sftp().password();
        }
        try (ConfigurableApplicationContext ctx = start(List.of(), "simulator")) {
            assertThat(ctx.getBean(BankDirectory.class).all().get(0).sftp().password()).isNotEqualTo(first);
        }
    }

    @Test
    void theBaseConfigurationHasNoBankNoSimulatorAndNoSecret() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("base", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        assertThat(env.getProperty("jincai.simulator.enabled", Boolean.class, false)).isFalse();
        assertThat(env.getProperty("jincai.banks[0].code")).isNull();
        assertThat(env.getProperty("jincai.finance-systems[0].code")).isNull();
        for (String file : List.of("application.yml", "application-simulator.yml", "application-demo.yml")) {
            for (String line : resource(file).lines().toList()) {
                if (line.strip().startsWith("password:")) {
                    // only empty values or environment references without a default
                    assertThat(line.strip()).as(file).matches("password: (\"\"|\\$\\{[A-Z_]+:?})");
                }
            }
        }
    }

    private static Throwable catchStart(List<String> args) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> start(args).close()).satisfies(t -> caught[0] = t);
        return caught[0];
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SecureDefaultsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
