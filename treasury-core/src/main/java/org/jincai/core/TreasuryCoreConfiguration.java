package org.jincai.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jincai.core.alert.AlertService;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.answer.StatementQueries;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.audit.AuditVerifier;
import org.jincai.core.answer.StatementService;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.controls.ControlsProperties;
import org.jincai.core.controls.FiscalControls;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.InboxIntakeService;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.risk.RiskService;
import org.jincai.core.voucher.VoucherIntakeService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The core's services over the application's DataSource. The application supplies the
 * {@link BankDirectory} and {@link FinanceDirectory} (from configuration) and two {@link StagingArea}s under
 * the hub's home: {@value #BANK_STAGING} for payment files, {@value #FINANCE_STAGING} for receipts and returns,
 * and {@value #FINANCE_RECEIVED} where the hub keeps its copy of an inbox file while its intake runs. The fiscal
 * controls (budget, approval rules, risk rules) are configured by {@code jincai.controls} ({@link ControlsProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControlsProperties.class)
public class TreasuryCoreConfiguration {

    public static final String BANK_STAGING = "bankStaging";
    public static final String FINANCE_STAGING = "financeStaging";
    public static final String FINANCE_RECEIVED = "financeReceived";

    /** On PostgreSQL, JDBC batches of INSERTs sent as multi-row INSERTs ({@link PostgresBatchedInserts}). */
    @Bean
    static PostgresBatchedInserts postgresBatchedInserts() {
        return new PostgresBatchedInserts();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The shipped calendar, or the official arrangement an operator loaded ({@code jincai.calendar.file}). */
    @Bean
    BankCalendar bankCalendar(@Value("${jincai.calendar.file:}") String file) throws IOException {
        if (file.isBlank()) {
            return BankCalendar.standard();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return BankCalendar.read(in, file);
        }
    }

    @Bean
    AuditTrail auditTrail(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new AuditTrail(jdbc, tx, clock);
    }

    @Bean
    AuditVerifier auditVerifier(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditVerifier(jdbc, transactions);
    }

    @Bean
    PaymentRepository paymentRepository(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new PaymentRepository(jdbc, clock);
    }

    @Bean
    BudgetControl budgetControl(NamedParameterJdbcTemplate jdbc, AuditTrail audit, ControlsProperties controls,
                                Clock clock) {
        return new BudgetControl(jdbc, audit, controls.budget().options(), clock);
    }

    /** Every move of a payment tells the budget, in the move's transaction (release, spend, give back). */
    @Bean
    PaymentLifecycle paymentLifecycle(NamedParameterJdbcTemplate jdbc, Clock clock, BudgetControl budget) {
        return new PaymentLifecycle(jdbc, clock, List.of(budget));
    }

    @Bean
    BudgetImportService budgetImportService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit,
                                            Clock clock) {
        return new BudgetImportService(jdbc, tx, audit, clock);
    }

    @Bean
    PerformanceTargetImport performanceTargetImport(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                                                    AuditTrail audit, Clock clock) {
        return new PerformanceTargetImport(jdbc, tx, audit, clock);
    }

    @Bean
    BudgetQueries budgetQueries(NamedParameterJdbcTemplate jdbc) {
        return new BudgetQueries(jdbc);
    }

    @Bean
    AlertService alertService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        return new AlertService(jdbc, tx, audit, clock);
    }

    @Bean
    RiskService riskService(NamedParameterJdbcTemplate jdbc, AlertService alerts, AuditTrail audit,
                            BankCalendar calendar, ControlsProperties controls, Clock clock) {
        return new RiskService(jdbc, alerts, audit, calendar, controls.risk(), clock);
    }

    @Bean
    ApprovalRules approvalRules(ControlsProperties controls) {
        return controls.approval().approvalRules();
    }

    @Bean
    ApprovalService approvalService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                    PaymentLifecycle lifecycle, BudgetControl budget, AlertService alerts,
                                    AuditTrail audit, ReceiptService receipts, Clock clock) {
        return new ApprovalService(jdbc, tx, payments, lifecycle, budget, alerts, audit, receipts, clock);
    }

    @Bean
    FiscalControls fiscalControls(BudgetControl budget, RiskService risk, ApprovalRules rules, ApprovalService approvals,
                                  AlertService alerts, PaymentLifecycle lifecycle, AuditTrail audit) {
        return new FiscalControls(budget, risk, rules, approvals, alerts, lifecycle, audit);
    }

    @Bean
    VoucherIntakeService voucherIntakeService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                                              PaymentRepository payments, PaymentLifecycle lifecycle,
                                              BankDirectory banks, FinanceDirectory finance, FiscalControls controls,
                                              Clock clock) {
        return new VoucherIntakeService(jdbc, tx, payments, lifecycle, banks, finance, controls, clock);
    }

    @Bean
    ReleaseService releaseService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                  PaymentLifecycle lifecycle, BankDirectory banks,
                                  @Qualifier(BANK_STAGING) StagingArea staging, BankCalendar calendar, Clock clock) {
        return new ReleaseService(jdbc, tx, payments, lifecycle, banks, staging, calendar, clock);
    }

    @Bean
    DeliveryService deliveryService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                    PaymentLifecycle lifecycle, @Qualifier(BANK_STAGING) StagingArea staging,
                                    AuditTrail audit, Clock clock) {
        return new DeliveryService(jdbc, tx, payments, lifecycle, staging, audit, clock);
    }

    @Bean
    BankAnswerService bankAnswerService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                                        PaymentRepository payments, PaymentLifecycle lifecycle,
                                        DeliveryService deliveries, Clock clock) {
        return new BankAnswerService(jdbc, tx, payments, lifecycle, deliveries, clock);
    }

    @Bean
    StatementService statementService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                      PaymentLifecycle lifecycle, BankAnswerService answers, Clock clock) {
        return new StatementService(jdbc, tx, payments, lifecycle, answers, clock);
    }

    @Bean
    InboxIntakeService inboxIntakeService(NamedParameterJdbcTemplate jdbc, VoucherIntakeService intake,
                                          @Qualifier(FINANCE_STAGING) StagingArea outbound,
                                          @Qualifier(FINANCE_RECEIVED) StagingArea received, Clock clock) {
        return new InboxIntakeService(jdbc, intake, outbound, received, clock);
    }

    @Bean
    ReceiptService receiptService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                  PaymentLifecycle lifecycle, FinanceDirectory finance,
                                  @Qualifier(FINANCE_STAGING) StagingArea outbound, Clock clock) {
        return new ReceiptService(jdbc, tx, payments, lifecycle, finance, outbound, clock);
    }

    @Bean
    StagedAnswers stagedAnswers(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FinanceDirectory finance,
                                @Qualifier(FINANCE_STAGING) StagingArea outbound, Clock clock) {
        return new StagedAnswers(jdbc, tx, finance, outbound, clock);
    }

    @Bean
    SummaryQueries summaryQueries(NamedParameterJdbcTemplate jdbc) {
        return new SummaryQueries(jdbc);
    }

    @Bean
    StatementQueries statementQueries(NamedParameterJdbcTemplate jdbc) {
        return new StatementQueries(jdbc);
    }
}
