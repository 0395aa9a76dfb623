package org.jincai.batch.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.jincai.core.alert.AlertService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.testing.TestDatabase;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job's configuration over a test database, with Spring Batch's JDBC JobRepository on it, the core's alert and
 * audit services and a clock fixed at {@link #NOW}.
 */
final class ReportTestContext {

    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    private ReportTestContext() {
    }

    static AnnotationConfigApplicationContext start(TestDatabase db, Map<String, Object> properties) {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        ctx.registerBean("dataSource", DataSource.class, db::dataSource);
        ctx.register(Config.class);
        ctx.refresh();
        return ctx;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableBatchProcessing
    @EnableJdbcJobRepository
    @Import(MonthlyReportJobConfiguration.class)
    static class Config {

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }

        @Bean
        NamedParameterJdbcTemplate namedParameterJdbcTemplate(DataSource dataSource) {
            return new NamedParameterJdbcTemplate(dataSource);
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
            return new TransactionTemplate(transactionManager);
        }

        @Bean
        AuditTrail auditTrail(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
            return new AuditTrail(jdbc, tx, clock);
        }

        @Bean
        AlertService alertService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
            return new AlertService(jdbc, tx, audit, clock);
        }

        @Bean
        PerformanceTargetImport performanceTargetImport(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                                                        AuditTrail audit, Clock clock) {
            return new PerformanceTargetImport(jdbc, tx, audit, clock);
        }
    }
}
