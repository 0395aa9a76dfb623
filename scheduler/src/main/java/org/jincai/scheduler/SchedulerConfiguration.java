package org.jincai.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.scheduler.builtin.BuiltInScheduleProperties;
import org.jincai.scheduler.builtin.BuiltInSchedules;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.jobs.JobExecutions;
import org.jincai.scheduler.launch.MisfireListener;
import org.jincai.scheduler.jobs.JobOperations;
import org.jincai.scheduler.recovery.ExecutionListeners;
import org.jincai.batch.payroll.ExecutionLiveness;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.jincai.scheduler.recovery.ExecutionRecovery;
import org.jincai.scheduler.recovery.ExecutionSweep;
import org.jincai.scheduler.recovery.RunningSteps;
import org.jincai.scheduler.schedule.ScheduleService;
import org.quartz.Scheduler;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quartz on the hub's own database and the scheduler's services. Quartz runs clustered ({@code isClustered}, its
 * {@code instanceId} this node's {@link SchedulerInstance}, {@code AUTO} when the application declares none) on the
 * JDBC job store whose tables the hub's migration V13 made, with the driver delegate
 * of the database in use, job data stored as strings, and this node's threads and check-in interval from
 * {@link SchedulerProperties}; anything under {@code spring.quartz.properties} overrides these. Whether the scheduler
 * starts is Spring Boot's {@code spring.quartz.auto-startup} (off for one-shot commands, which only edit the store).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SchedulerProperties.class, BuiltInScheduleProperties.class})
public class SchedulerConfiguration {

    /** The Quartz scheduler's name: every node of one hub shares it, and with it the triggers. */
    public static final String SCHEDULER_NAME = "jincai";

    @Bean
    SchedulerFactoryBeanCustomizer jincaiQuartz(DataSource dataSource, PlatformTransactionManager transactions,
                                               QuartzProperties boot, SchedulerProperties properties,
                                               AuditTrail audit, Clock clock,
                                               ObjectProvider<SchedulerInstance> instance) {
        return factory -> {
            factory.setGlobalTriggerListeners(new MisfireListener(audit, clock));
            factory.setDataSource(dataSource);
            factory.setTransactionManager(transactions);
            factory.setSchedulerName(SCHEDULER_NAME);
            Properties p = quartzProperties(delegate(dataSource), properties,
                    instance.getIfAvailable(() -> SchedulerInstance.AUTO));
            p.putAll(boot.getProperties());
            factory.setQuartzProperties(p);
        };
    }

    static Properties quartzProperties(String delegate, SchedulerProperties properties, SchedulerInstance instance) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instance.id());
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(properties.clusterCheckinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(properties.misfireThreshold().toMillis()));
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate);
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(properties.threadCount()));
        return p;
    }

    /** Quartz's driver delegate for the database behind {@code dataSource}. */
    static String delegate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
            }
            if (product.contains("oracle")) {
                return "org.quartz.impl.jdbcjobstore.oracle.OracleDelegate";
            }
            return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the scheduler runs on", e);
        }
    }

    /**
     * The jobs by name, for the schedules and for restarts: Spring Batch's registry of every {@code Job} bean of the
     * application (the JobOperator finds its jobs here too). Spring Boot does not declare one.
     */
    @Bean
    JobRegistry jincaiJobRegistry() {
        return new MapJobRegistry();
    }

    @Bean
    CalendarStore calendarStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        return new CalendarStore(jdbc, tx, audit, clock);
    }

    /**
     * The bank calendar the whole hub uses (release dates, risk rules, reconciliation): the one in the database, as it
     * is at each question — a {@code calendar import} takes effect without a restart (at once on the node that imported
     * it, within {@code jincai.scheduler.calendar-refresh} elsewhere). It takes precedence over the file-based calendar
     * of treasury-core, which stays for applications without the scheduler. The scheduler itself reads the database
     * afresh at each decision.
     */
    @Bean
    @Primary
    BankCalendar bankCalendarFromDatabase(CalendarStore calendars, SchedulerProperties properties) {
        return calendars.live(properties.calendarRefresh());
    }

    @Bean
    ScheduleService scheduleService(Scheduler scheduler, CalendarStore calendars, ObjectProvider<BankDirectory> banks,
                                    AuditTrail audit, SchedulerProperties properties, Clock clock,
                                    TransactionTemplate tx) {
        return new ScheduleService(scheduler, calendars, banks, audit, properties, clock, tx);
    }

    @Bean
    BuiltInSchedules builtInSchedules(Scheduler scheduler, BuiltInScheduleProperties properties,
                                      ObjectProvider<BankDirectory> banks, TransactionTemplate tx) {
        return new BuiltInSchedules(scheduler, properties, banks, tx);
    }

    /** The recurring schedules go into the store once every bean is made, before the scheduler starts firing. */
    @Bean
    SmartInitializingSingleton builtInScheduleRegistration(BuiltInSchedules schedules) {
        return schedules::register;
    }

    /** Which node runs each job execution, and whether a node still checks in to the cluster. */
    @Bean
    ExecutionNodes executionNodes(NamedParameterJdbcTemplate jdbc, ObjectProvider<Scheduler> scheduler, Clock clock) {
        return new ExecutionNodes(jdbc, scheduler, clock);
    }

    /**
     * For a payroll restart: the living node still running an execution, if any ({@link ExecutionNodes#liveNode}); for
     * the node running a payroll's remote partitions: the node of each partition and whether it lives
     * ({@link ExecutionNodes#stepNode}, {@link ExecutionNodes#alive}).
     */
    @Bean
    ExecutionLiveness executionLiveness(ExecutionNodes nodes) {
        return new ExecutionLiveness() {
            @Override
            public Optional<String> liveNode(long execution) {
                return nodes.liveNode(execution).map(ExecutionNodes.Node::instance);
            }

            @Override
            public Optional<StepNode> stepNode(long stepExecution) {
                return nodes.stepNode(stepExecution).map(n -> new StepNode(n.toString(), nodes.alive(n)));
            }
        };
    }

    /** The step executions running on this node now (the cluster's health shows them). */
    @Bean
    static RunningSteps runningSteps() {
        return new RunningSteps();
    }

    /** Every job and step bean of the application gets the listeners that record its node and running steps. */
    @Bean
    static ExecutionListeners executionListeners(ObjectProvider<ExecutionNodes> nodes,
                                                 ObjectProvider<RunningSteps> steps) {
        return new ExecutionListeners(nodes, steps);
    }

    @Bean
    ExecutionRecovery executionRecovery(ExecutionNodes nodes, JobRepository repository, JobOperator operator) {
        return new ExecutionRecovery(nodes, repository, operator);
    }

    /** Takes over, every {@code jincai.scheduler.execution-sweep}, the executions of nodes lost mid-job. */
    @Bean
    ExecutionSweep executionSweep(ExecutionNodes nodes, ExecutionRecovery recovery, AuditTrail audit, Clock clock,
                                  SchedulerProperties properties) {
        return new ExecutionSweep(nodes, recovery, audit, clock, properties.executionSweep());
    }

    @Bean
    JobExecutions jobExecutions(NamedParameterJdbcTemplate jdbc) {
        return new JobExecutions(jdbc);
    }

    @Bean
    JobOperations jobOperations(JobOperator operator, JobRepository repository, JobRegistry jobs, AuditTrail audit) {
        return new JobOperations(operator, repository, jobs, audit);
    }
}
