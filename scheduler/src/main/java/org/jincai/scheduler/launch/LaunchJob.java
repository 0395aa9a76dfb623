package org.jincai.scheduler.launch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.scheduler.SchedulerProperties;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.recovery.ExecutionRecovery;
import org.jincai.scheduler.recovery.Firing;
import org.jincai.scheduler.schedule.DueDates;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The hub's only Quartz job: it launches what its schedule names — a Spring Batch job by name, through its own
 * {@link ScheduledJob} launcher where it has one (payroll, the monthly report), otherwise through the
 * {@link JobRegistry} and {@link JobOperator} with the schedule's parameters, or a route through the
 * {@link RouteLauncher} — and keeps the execution and outcome in the schedule's data. One node of the cluster runs
 * it per firing (Quartz's clustered JDBC store).
 *
 * <p>Before an operator's disbursement launches, its time is checked again against the calendar as it is now and its
 * bank's cut-off. A firing later than the misfire threshold (the hub was down, or the schedule was paused past its
 * time) is a misfire: {@link MisfireListener} logs and audits it ({@code SCHEDULE_MISFIRED}), and the disbursement is
 * then fired now or moved ({@code SCHEDULE_MOVED}) by {@code jincai.scheduler.misfire} — never skipped.
 *
 * <p>The job executions a firing starts are recorded under it with this node ({@link Firing}). A firing of a node
 * lost mid-job that Quartz gives this node to recover (the schedules of batch jobs request recovery) is not launched
 * again: {@link ExecutionRecovery} resumes what the lost node had started, or leaves alone an execution whose node
 * is alive, and the firing is audited {@code SCHEDULE_RECOVERED}; one whose lost node had started nothing is
 * launched as usual.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public class LaunchJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(LaunchJob.class);
    public static final String ACTOR = "scheduler";

    private final JobRegistry jobs;
    private final JobOperator operator;
    private final ObjectProvider<RouteLauncher> routes;
    private final ObjectProvider<ScheduledJob> ownLaunches;
    private final AuditTrail audit;
    private final CalendarStore calendars;
    private final ObjectProvider<BankDirectory> banks;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final ExecutionRecovery recovery;

    public LaunchJob(JobRegistry jobs, JobOperator operator, ObjectProvider<RouteLauncher> routes,
                     ObjectProvider<ScheduledJob> ownLaunches, AuditTrail audit, CalendarStore calendars,
                     ObjectProvider<BankDirectory> banks, SchedulerProperties properties, Clock clock,
                     ExecutionRecovery recovery) {
        this.jobs = jobs;
        this.operator = operator;
        this.routes = routes;
        this.ownLaunches = ownLaunches;
        this.audit = audit;
        this.calendars = calendars;
        this.banks = banks;
        this.properties = properties;
        this.clock = clock;
        this.recovery = recovery;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getJobDetail().getJobDataMap();
        String id = context.getJobDetail().getKey().getName();
        Firing firing = Firing.of(context);
        if (context.isRecovering() && recovered(data, id, firing)) {
            return;
        }
        boolean operatorSchedule = ScheduleData.OPERATOR_GROUP.equals(context.getJobDetail().getKey().getGroup());
        // Quartz moves a misfired trigger's fire time to now: the due time kept with the schedule tells how late it is
        String dueAt = data.getString(ScheduleData.DUE_AT);
        Instant scheduled = dueAt != null ? Instant.parse(dueAt) : context.getScheduledFireTime().toInstant();
        Instant now = clock.instant();
        boolean misfired = Duration.between(scheduled, now).compareTo(properties.misfireThreshold()) > 0;
        if (operatorSchedule && relocated(context, data, id, scheduled, now, misfired)) {
            return;
        }
        firing.during(() -> {
            launch(data, id, scheduled, operatorSchedule);
            return null;
        });
    }

    /**
     * A firing of a lost node recovered here: resumes what that node had started, or leaves it alone when its node is
     * alive; returns false when the lost node had started nothing (the firing is then launched as usual).
     */
    private boolean recovered(JobDataMap data, String id, Firing firing) {
        String target = data.getString(ScheduleData.TARGET);
        Optional<ExecutionRecovery.Recovered> recovered;
        try {
            recovered = recovery.recover(firing);
        } catch (RuntimeException e) {
            String outcome = "RECOVERY_FAILED: " + e;
            log.error("schedule {} could not recover {}: {}", id, target, outcome);
            audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SCHEDULE, "SCHEDULE_FAILED", "SCHEDULE", id)
                    .change(null, target).because(outcome));
            data.put(ScheduleData.OUTCOME, outcome);
            data.put(ScheduleData.STATE, "FAILED");
            return true;
        }
        if (recovered.isEmpty()) {
            log.warn("schedule {}: the lost node's firing due {} had started nothing; launching it",
                    id, Instant.ofEpochMilli(firing.dueAt()));
            return false;
        }
        String outcome = recovered.get().outcome();
        log.warn("schedule {} recovered after its node was lost: {}", id, outcome);
        audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SCHEDULE, "SCHEDULE_RECOVERED", "SCHEDULE", id)
                .change(null, target + ": " + outcome)
                .because("the node running its firing due " + Instant.ofEpochMilli(firing.dueAt()) + " was lost"));
        if (recovered.get().executionId() != null) {
            data.put(ScheduleData.EXECUTION_ID, Long.toString(recovered.get().executionId()));
        }
        data.put(ScheduleData.OUTCOME, outcome);
        data.put(ScheduleData.STATE, "FIRED");
        return true;
    }

    /**
     * Moves an operator's disbursement that cannot run now (banks closed today, past its bank's cut-off, or missed
     * under the NEXT_WORKING_DAY policy); returns whether it moved.
     */
    private boolean relocated(JobExecutionContext context, JobDataMap data, String id, Instant scheduled, Instant now,
                              boolean misfired) {
        BankCalendar calendar = calendars.calendar();
        LocalTime cutOff = cutOff(data.getString(ScheduleData.BANK));
        LocalDateTime here = LocalDateTime.ofInstant(now, BankProfile.ZONE);
        LocalTime ownTime = LocalDateTime.ofInstant(scheduled, BankProfile.ZONE).toLocalTime();
        DueDates.Decision d;
        if (misfired && properties.misfire() == SchedulerProperties.Misfire.NEXT_WORKING_DAY) {
            d = DueDates.place(LocalDateTime.of(calendar.onOrAfter(here.toLocalDate().plusDays(1)), ownTime), calendar,
                    cutOff, SchedulerProperties.NonWorkingDay.MOVE, properties.movedTime());
            d = new DueDates.Decision(d.runAt(), "missed while the hub was down (policy NEXT_WORKING_DAY)"
                    + (d.moved() ? "; " + d.movedBecause() : ""));
        } else {
            DueDates.Decision placed = DueDates.place(here, calendar, cutOff, SchedulerProperties.NonWorkingDay.MOVE,
                    properties.movedTime());
            if (!placed.moved()) {
                return false;
            }
            // not today: the next working day at the schedule's own time, unless that is past the cut-off
            d = DueDates.place(LocalDateTime.of(placed.runAt().toLocalDate(), ownTime), calendar, cutOff,
                    SchedulerProperties.NonWorkingDay.MOVE, properties.movedTime());
            d = new DueDates.Decision(d.runAt(), placed.movedBecause());
        }
        Date at = Date.from(d.runAt().atZone(BankProfile.ZONE).toInstant());
        Trigger moved = TriggerBuilder.newTrigger().withIdentity(context.getTrigger().getKey())
                .forJob(context.getJobDetail().getKey()).startAt(at)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        try {
            context.getScheduler().rescheduleJob(context.getTrigger().getKey(), moved);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot move schedule " + id, e);
        }
        data.put(ScheduleData.MOVED_BECAUSE, d.movedBecause());
        data.put(ScheduleData.DUE_AT, at.toInstant().toString());
        String action = "SCHEDULE_MOVED";
        log.warn("schedule {} {}: due {}, moved to {} ({})", id, misfired ? "misfired" : "moved", scheduled,
                d.runAt(), d.movedBecause());
        audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SCHEDULE, action, "SCHEDULE", id)
                .change("due " + LocalDateTime.ofInstant(scheduled, BankProfile.ZONE), "moved to " + d.runAt())
                .because(d.movedBecause()));
        return true;
    }

    private LocalTime cutOff(String bank) {
        if (bank == null || bank.isBlank()) {
            return null;
        }
        BankDirectory directory = banks.getIfAvailable();
        return directory == null ? null : directory.require(bank).cutOffTime();
    }

    private void launch(JobDataMap data, String id, Instant scheduled, boolean operatorSchedule) {
        String target = data.getString(ScheduleData.TARGET);
        Map<String, String> parameters = ScheduleData.parameters(data);
        String outcome;
        String state;
        try {
            if (target.startsWith(ScheduleData.ROUTE_PREFIX)) {
                RouteLauncher launcher = routes.getIfAvailable();
                if (launcher == null) {
                    throw new LaunchFailed("ROUTE_LAUNCHER_MISSING", "no route runs in this application");
                }
                outcome = launchRoute(launcher, target.substring(ScheduleData.ROUTE_PREFIX.length()), parameters);
                state = "FIRED";
            } else {
                String name = target.substring(ScheduleData.JOB_PREFIX.length());
                ScheduledJob own = ownLaunches.orderedStream().filter(j -> j.job().equals(name)).findFirst().orElse(null);
                if (own != null) {
                    ScheduledJob.Started started = startOwn(own, parameters, scheduled);
                    if (started.executionId() != null) {
                        data.put(ScheduleData.EXECUTION_ID, Long.toString(started.executionId()));
                    }
                    outcome = started.outcome();
                } else {
                    JobExecution execution = startJob(name, parameters, operatorSchedule ? null : scheduled);
                    data.put(ScheduleData.EXECUTION_ID, Long.toString(execution.getId()));
                    outcome = execution.getStatus() + " " + execution.getExitStatus().getExitCode();
                }
                state = "FIRED";
            }
            if ("false".equals(data.getString(ScheduleData.AUDITED))) {
                log.debug("schedule {} fired {}: {}", id, target, outcome);
            } else {
                log.info("schedule {} fired {}: {}", id, target, outcome);
                audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SCHEDULE, "SCHEDULE_FIRED", "SCHEDULE", id)
                        .change(null, target + " " + parameters + ": " + outcome));
            }
        } catch (LaunchFailed e) {
            outcome = e.code + ": " + e.getMessage();
            state = "FAILED";
            log.error("schedule {} could not launch {}: {}", id, target, outcome);
            audit.append(AuditEntry.of(ACTOR, AuditEntry.Channel.SCHEDULE, "SCHEDULE_FAILED", "SCHEDULE", id)
                    .change(null, target + " " + parameters).because(outcome));
        }
        data.put(ScheduleData.OUTCOME, outcome);
        data.put(ScheduleData.STATE, state);
    }

    /** A route's launch: what the route throws is the launch's failure. */
    private static String launchRoute(RouteLauncher launcher, String endpointUri, Map<String, String> parameters) {
        try {
            return launcher.launch(endpointUri, parameters);
        } catch (RuntimeException e) {
            throw new LaunchFailed("ROUTE_FAILED", endpointUri + ": " + e.getMessage());
        }
    }

    /** A job with a launcher of its own ({@link ScheduledJob}): what it refuses is the launch's failure. */
    private static ScheduledJob.Started startOwn(ScheduledJob own, Map<String, String> parameters, Instant dueAt) {
        try {
            return own.start(parameters, dueAt);
        } catch (RuntimeException e) {
            throw new LaunchFailed("JOB_NOT_STARTED", own.job() + " refused: " + e.getMessage());
        }
    }

    private JobExecution startJob(String name, Map<String, String> parameters, Instant runOf) {
        org.springframework.batch.core.job.Job job;
        try {
            job = jobs.getJob(name);
        } catch (RuntimeException e) {
            job = null;
        }
        if (job == null) {
            throw new LaunchFailed("JOB_NOT_FOUND", "no Spring Batch job named '" + name + "' in this application");
        }
        JobParametersBuilder builder = new JobParametersBuilder();
        parameters.forEach(builder::addString);
        if (runOf != null) {
            // a recurring schedule: each of its runs is a job instance of its own
            builder.addString("run", runOf.toString());
        }
        JobParameters jobParameters = builder.toJobParameters();
        try {
            return operator.start(job, jobParameters);
        } catch (Exception e) {
            throw new LaunchFailed("JOB_NOT_STARTED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A launch that could not happen, with its code. */
    private static final class LaunchFailed extends RuntimeException {
        final String code;

        LaunchFailed(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
