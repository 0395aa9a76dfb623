package org.jincai.server.config;

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
 * Wires the configured banks. When the embedded simulator is on, it is started first and every bank
 * profile that points at 127.0.0.1 port 0 is bound to it: its real port and its host key (so even the
 * demo verifies host keys).
 */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    static final String LOOPBACK = "127.0.0.1";

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "jincai.simulator.enabled", havingValue = "true")
    BankSimulator bankSimulator(HubProperties props) {
        return new BankSimulator(props.home().resolve("bank-simulator"), props.banks(),
                RejectionRule.accountEndingWith(props.simulator().rejectAccountSuffix()));
    }

    @Bean
    BankDirectory bankDirectory(HubProperties props, ObjectProvider<BankSimulator> simulator) {
        BankSimulator sim = simulator.getIfAvailable();
        List<BankProfile> banks = props.banks().stream()
                .map(b -> sim != null && simulated(b) ? b.withSftp(b.sftp().withPort(sim.port())
                        .withKnownHosts(sim.knownHostsLine(LOOPBACK))) : b)
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

    @Bean
    FinanceDirectory financeDirectory(HubProperties props) {
        return new FinanceDirectory(props.financeSystems());
    }

    private static boolean simulated(BankProfile b) {
        return LOOPBACK.equals(b.sftp().host()) && b.sftp().port() == 0;
    }
}
