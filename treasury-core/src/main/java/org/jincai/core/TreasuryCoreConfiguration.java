package org.jincai.core;

import java.time.Clock;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.voucher.VoucherIntakeService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The core's services over the application's DataSource. The application supplies the
 * {@link BankDirectory} (bank profiles from configuration) and the {@link StagingArea} (under the hub's home).
 */
@Configuration(proxyBeanMethods = false)
public class TreasuryCoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PaymentRepository paymentRepository(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new PaymentRepository(jdbc, clock);
    }

    @Bean
    PaymentLifecycle paymentLifecycle(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new PaymentLifecycle(jdbc, clock);
    }

    @Bean
    VoucherIntakeService voucherIntakeService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                                              PaymentRepository payments, PaymentLifecycle lifecycle,
                                              BankDirectory banks, Clock clock) {
        return new VoucherIntakeService(jdbc, tx, payments, lifecycle, banks, clock);
    }

    @Bean
    ReleaseService releaseService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                  PaymentLifecycle lifecycle, BankDirectory banks, StagingArea staging, Clock clock) {
        return new ReleaseService(jdbc, tx, payments, lifecycle, banks, staging, clock);
    }

    @Bean
    DeliveryService deliveryService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                    PaymentLifecycle lifecycle, Clock clock) {
        return new DeliveryService(jdbc, tx, payments, lifecycle, clock);
    }

    @Bean
    BankAnswerService bankAnswerService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                                        PaymentRepository payments, PaymentLifecycle lifecycle,
                                        DeliveryService deliveries, Clock clock) {
        return new BankAnswerService(jdbc, tx, payments, lifecycle, deliveries, clock);
    }

    @Bean
    SummaryQueries summaryQueries(NamedParameterJdbcTemplate jdbc) {
        return new SummaryQueries(jdbc);
    }
}
