package org.jincai.routes;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.answer.StatementService;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.InboxIntakeService;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.routes.bank.BankInboundRoutes;
import org.jincai.routes.bank.ReceivedStatements;
import org.jincai.routes.bank.BankOutboundRoutes;
import org.jincai.routes.bank.BankPolls;
import org.jincai.routes.bank.BankUploader;
import org.jincai.routes.bank.SftpCheck;
import org.jincai.routes.bank.SftpUris;
import org.jincai.routes.finance.FinanceSystemRoutes;
import org.jincai.routes.intake.VoucherIntakeRoutes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The hub's routes as Spring beans; camel-spring-boot adds every RouteBuilder bean to the context. */
@Configuration(proxyBeanMethods = false)
public class IntegrationRoutesConfiguration {

    @Bean
    SftpUris sftpUris(@Value("${jincai.home}") Path home) {
        return new SftpUris(home.resolve("sftp"));
    }

    @Bean
    SftpCheck sftpCheck(CamelContext camel, SftpUris uris) {
        return new SftpCheck(camel, uris);
    }

    @Bean
    VoucherIntakeRoutes voucherIntakeRoutes(VoucherIntakeService intake) {
        return new VoucherIntakeRoutes(intake);
    }

    @Bean
    BankUploader bankUploader(CamelContext camel, SftpUris uris, DeliveryService deliveries, ReleaseService release,
                              @Qualifier(TreasuryCoreConfiguration.BANK_STAGING) StagingArea staging) {
        return new BankUploader(camel, uris, deliveries, release, staging);
    }

    @Bean
    BankOutboundRoutes bankOutboundRoutes(BankDirectory banks, ReleaseService release, BankUploader uploader,
                                          @Qualifier(TreasuryCoreConfiguration.BANK_STAGING) StagingArea staging) {
        return new BankOutboundRoutes(banks, release, uploader, staging);
    }

    /**
     * The banks' outboxes are polled by the scheduler ({@link BankPolls#onRequest()}) when its schedule
     * {@value #BANK_POLLING} is configured and enabled and the Quartz scheduler starts on this node
     * ({@code spring.quartz.auto-startup}, on unless a profile turns it off); otherwise each inbound route polls on its
     * own timer, so that an application without a running scheduler (the demo's single pass, tests) still takes its
     * answers.
     */
    @Bean
    BankPolls bankPolls(Environment env) {
        boolean scheduled = env.getProperty(BANK_POLLING + ".route") != null
                && env.getProperty(BANK_POLLING + ".enabled", Boolean.class, true)
                && env.getProperty("spring.quartz.auto-startup", Boolean.class, true);
        return scheduled ? BankPolls.onRequest() : BankPolls.timers();
    }

    /** The scheduler's schedule that polls each bank (scheduler module, {@code jincai.schedules}). */
    static final String BANK_POLLING = "jincai.schedules.bank-polling";

    @Bean
    ReceivedStatements receivedStatements(@Value("${jincai.home}") Path home, Clock clock) {
        return new ReceivedStatements(home, clock);
    }

    @Bean
    BankInboundRoutes bankInboundRoutes(BankDirectory banks, BankAnswerService answers, StatementService statements,
                                        ReceiptService receipts, SftpUris uris, ReceivedStatements received,
                                        BankPolls polls) {
        return new BankInboundRoutes(banks, answers, statements, receipts, uris, received, polls);
    }

    /** Claims on inbox files: in memory on one node, in the shared database when {@code jincai.cluster.enabled}. */
    @Bean
    InboxClaims inboxClaims(DataSource dataSource, @Value("${jincai.cluster.enabled:false}") boolean clustered,
                            @Value("${jincai.cluster.inbox-claim-max-age:2m}") Duration maxAge,
                            @Value("${jincai.cluster.inbox-claim-refresh:15s}") Duration refresh) {
        return clustered ? InboxClaims.shared(dataSource, maxAge, refresh) : InboxClaims.local();
    }

    @Bean
    FinanceSystemRoutes financeSystemRoutes(FinanceDirectory finance, InboxIntakeService inbox,
                                            @Qualifier(TreasuryCoreConfiguration.FINANCE_STAGING) StagingArea outbound,
                                            StagedAnswers answers, SftpUris uris, InboxClaims claims,
                                            @Value("${jincai.home}") Path home, Clock clock) {
        return new FinanceSystemRoutes(finance, inbox, outbound, answers, uris, claims, home, clock);
    }
}
