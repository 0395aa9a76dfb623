package org.jincai.server.config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.release.StagingArea;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the configured banks. The embedded bank simulator, a demo and test fixture, runs only when
 * {@code jincai.simulator.enabled} is true (the {@code demo} and {@code simulator} profiles): it is
 * started first and serves every bank profile that points at 127.0.0.1 port 0; the hub then reaches each
 * of those with the simulator's real port, its host key (so even the demo verifies host keys) and a
 * password generated for this run when the profile gives none (no default secret in any configuration).
 * Every other bank must name a real server and its host key, or the start stops.
 */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    static final String LOOPBACK = "127.0.0.1";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "jincai.simulator.enabled", havingValue = "true")
    BankSimulator bankSimulator(HubProperties props) {
        List<BankProfile> simulated = props.banks().stream().filter(HubConfiguration::simulated)
                .map(b -> b.sftp().noCredential() ? b.withSftp(b.sftp().withPassword(generatedPassword())) : b)
                .toList();
        return new BankSimulator(props.home().resolve("bank-simulator"), simulated,
                RejectionRule.accountEndingWith(props.simulator().rejectAccountSuffix()));
    }

    @Bean
    BankDirectory bankDirectory(HubProperties props, ObjectProvider<BankSimulator> simulator) {
        BankSimulator sim = simulator.getIfAvailable();
        List<BankProfile> banks = props.banks().stream()
                .map(b -> sim != null && simulated(b) ? sim.clientProfile(b.code()) : b)
                .toList();
        return new BankDirectory(banks);
    }

    @Bean(TreasuryCoreConfiguration.BANK_STAGING)
    StagingArea bankStaging(HubProperties props) {
        return new StagingArea(props.home().resolve("outbound"));
    }

    @Bean(TreasuryCoreConfiguration.FINANCE_STAGING)
    StagingArea financeStaging(HubProperties props) {
        return new StagingArea(props.home().resolve("finance-outbound"));
    }

    @Bean(TreasuryCoreConfiguration.FINANCE_RECEIVED)
    StagingArea financeReceived(HubProperties props) {
        return new StagingArea(props.home().resolve("finance-received"));
    }

    @Bean
    FinanceDirectory financeDirectory(HubProperties props) {
        return new FinanceDirectory(props.financeSystems().stream()
                .map(f -> f.withDefaultInboxReady(props.inboxReady())).toList());
    }

    private static boolean simulated(BankProfile b) {
        return b.sftp() != null && LOOPBACK.equals(b.sftp().host()) && b.sftp().port() == 0;
    }

    /** A password for one run of a simulated bank: random, known only to this process. */
    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
