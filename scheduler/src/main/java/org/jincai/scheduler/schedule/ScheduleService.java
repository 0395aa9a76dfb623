package org.jincai.scheduler.schedule;

import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.scheduler.SchedulerException;
import org.jincai.scheduler.SchedulerProperties;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.launch.LaunchJob;
import org.jincai.scheduler.launch.ScheduleData;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The operators' schedules, kept in Quartz's JDBC store (so they survive a restart and any node of the cluster fires
 * them, once): a payroll disbursement placed on the bank calendar and its bank's cut-off by {@link DueDates}, listed,
 * paused, resumed and cancelled; every change audited with who made it. A change and its audit entry commit in one
 * transaction, which is also what makes Quartz's row lock on the triggers hold for the change (Spring's
 * {@code LocalDataSourceJobStore} takes the caller's transaction; outside one each statement commits alone): a crash
 * leaves both or neither, and a change never interleaves with a node acquiring the same trigger.
 */
public class ScheduleService {

    public static final String NOT_FOUND = "SCHEDULE_NOT_FOUND";
    public static final String IN_PAST = "SCHEDULE_IN_PAST";
    public static final String INVALID = "SCHEDULE_INVALID";
    public static final String PAYROLL = "PAYROLL";

    private final Scheduler scheduler;
    private final CalendarStore calendars;
    private final ObjectProvider<BankDirectory> banks;
    private final AuditTrail audit;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final TransactionOperations tx;

    public ScheduleService(Scheduler scheduler, CalendarStore calendars, ObjectProvider<BankDirectory> banks,
                           AuditTrail audit, SchedulerProperties properties, Clock clock, TransactionOperations tx) {
        this.scheduler = scheduler;
        this.calendars = calendars;
        this.banks = banks;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
    }

    /** Schedules the payroll job for {@code request}; refused with a code, or placed (and perhaps moved) and audited. */
    public Schedule schedulePayroll(PayrollRequest request, String actor, AuditEntry.Channel channel) {
        if (request.file() == null || !Files.isRegularFile(request.file())) {
            throw new SchedulerException("PAYROLL_FILE_NOT_FOUND", "file", "no payroll file at " + request.file());
        }
        if (request.agency() == null || request.agency().isBlank()) {
            throw new SchedulerException(INVALID, "agency", "an agency code is required");
        }
        if (request.month() == null || request.at() == null) {
            throw new SchedulerException(INVALID, request.month() == null ? "month" : "at", "month and time are required");
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(BankProfile.ZONE));
        if (!request.at().isAfter(now)) {
            throw new SchedulerException(IN_PAST, "at", request.at() + " is not in the future (now " + now + ")");
        }
        LocalTime cutOff = null;
        String bank = request.bank() == null || request.bank().isBlank() ? null : request.bank().strip();
        if (bank != null) {
            BankDirectory directory = banks.getIfAvailable();
            if (directory == null || directory.all().stream().noneMatch(b -> b.code().equals(bank))) {
                throw new SchedulerException("BANK_UNKNOWN", "bank", "no bank " + bank + " is configured");
            }
            cutOff = directory.require(bank).cutOffTime();
        }
        BankCalendar calendar = calendars.calendar();
        DueDates.Decision placed = DueDates.place(request.at(), calendar, cutOff, properties.nonWorkingDay(),
                properties.movedTime());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("file", request.file().toAbsolutePath().normalize().toString());
        parameters.put("agency", request.agency().strip());
        parameters.put("month", request.month().toString());
        String id = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        JobDataMap data = new JobDataMap();
        data.put(ScheduleData.KIND, PAYROLL);
        data.put(ScheduleData.TARGET, ScheduleData.JOB_PREFIX + properties.payrollJob());
        data.put(ScheduleData.REQUESTED_AT, request.at().toString());
        data.put(ScheduleData.DUE_AT, placed.runAt().atZone(BankProfile.ZONE).toInstant().toString());
        data.put(ScheduleData.CREATED_BY, actor);
        if (bank != null) {
            data.put(ScheduleData.BANK, bank);
        }
        if (placed.moved()) {
            data.put(ScheduleData.MOVED_BECAUSE, placed.movedBecause());
        }
        ScheduleData.putParameters(data, parameters);
        JobDetail job = JobBuilder.newJob(LaunchJob.class).withIdentity(id, ScheduleData.OPERATOR_GROUP)
                .withDescription("payroll " + request.agency() + " " + request.month()).usingJobData(data)
                // a node lost mid-run: another node recovers the firing and resumes the run (ExecutionRecovery)
                .requestRecovery().storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(id, ScheduleData.OPERATOR_GROUP).forJob(job)
                .startAt(Date.from(placed.runAt().atZone(BankProfile.ZONE).toInstant()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        tx.executeWithoutResult(status -> {
            run(() -> scheduler.scheduleJob(job, trigger));
            audit.append(AuditEntry.of(actor, channel, "SCHEDULE_CREATED", "SCHEDULE", id)
                    .change(null, "payroll " + parameters + " at " + placed.runAt()
                            + (placed.moved() ? " (asked for " + request.at() + ")" : ""))
                    .because(placed.movedBecause()));
        });
        return get(id);
    }

    /**
     * Every schedule — the operators' and the built-in recurring ones (kind {@code BUILTIN}, changed only in
     * configuration) — the next to run first, then those that already fired.
     */
    public List<Schedule> list() {
        List<Schedule> all = new ArrayList<>();
        for (String group : List.of(ScheduleData.OPERATOR_GROUP, ScheduleData.BUILTIN_GROUP)) {
            for (JobKey key : call(() -> scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group)))) {
                Schedule s = find(key.getName(), group);
                if (s != null) {
                    all.add(s);
                }
            }
        }
        all.sort(Comparator.comparing((Schedule s) -> s.runAt() == null ? LocalDateTime.MAX : s.runAt())
                .thenComparing(Schedule::id));
        return all;
    }

    public Schedule get(String id) {
        Schedule s = find(id, ScheduleData.OPERATOR_GROUP);
        if (s == null && find(id, ScheduleData.BUILTIN_GROUP) != null) {
            throw new SchedulerException("SCHEDULE_BUILTIN", "id", id + " is a built-in schedule: change it in"
                    + " jincai.schedules");
        }
        if (s == null) {
            throw new SchedulerException(NOT_FOUND, "id", "no schedule " + id);
        }
        return s;
    }

    public Schedule pause(String id, String actor, AuditEntry.Channel channel) {
        Schedule before = waiting(id, "pause");
        tx.executeWithoutResult(status -> {
            run(() -> scheduler.pauseTrigger(TriggerKey.triggerKey(id, ScheduleData.OPERATOR_GROUP)));
            audit.append(AuditEntry.of(actor, channel, "SCHEDULE_PAUSED", "SCHEDULE", id)
                    .change(before.state(), "PAUSED"));
        });
        return get(id);
    }

    /** Resumes a paused schedule; one whose time passed meanwhile runs by the misfire policy (audited). */
    public Schedule resume(String id, String actor, AuditEntry.Channel channel) {
        Schedule before = get(id);
        if (!"PAUSED".equals(before.state())) {
            throw new SchedulerException("SCHEDULE_NOT_PAUSED", "id", id + " is " + before.state());
        }
        tx.executeWithoutResult(status -> {
            run(() -> scheduler.resumeTrigger(TriggerKey.triggerKey(id, ScheduleData.OPERATOR_GROUP)));
            audit.append(AuditEntry.of(actor, channel, "SCHEDULE_RESUMED", "SCHEDULE", id)
                    .change("PAUSED", "WAITING"));
        });
        return get(id);
    }

    /** Removes a schedule that has not fired; one that has fired is kept as the record of its launch. */
    public Schedule cancel(String id, String actor, AuditEntry.Channel channel, String reason) {
        Schedule before = get(id);
        if (!"WAITING".equals(before.state()) && !"PAUSED".equals(before.state())) {
            throw new SchedulerException("SCHEDULE_NOT_CANCELLABLE", "id", id + " is " + before.state()
                    + ": only a waiting or paused schedule can be cancelled");
        }
        tx.executeWithoutResult(status -> {
            run(() -> scheduler.deleteJob(JobKey.jobKey(id, ScheduleData.OPERATOR_GROUP)));
            audit.append(AuditEntry.of(actor, channel, "SCHEDULE_CANCELLED", "SCHEDULE", id)
                    .change(before.state() + " " + before.target() + " " + before.parameters() + " at "
                            + before.runAt(), "CANCELLED")
                    .because(reason));
        });
        return new Schedule(before.id(), before.kind(), before.target(), before.parameters(), before.requestedAt(),
                before.runAt(), before.movedBecause(), "CANCELLED", before.createdBy(), null, null, List.of());
    }

    private Schedule waiting(String id, String what) {
        Schedule s = get(id);
        if (!"WAITING".equals(s.state())) {
            throw new SchedulerException("SCHEDULE_NOT_WAITING", "id", "cannot " + what + " " + id + ": it is " + s.state());
        }
        return s;
    }

    private Schedule find(String id, String group) {
        JobDetail job = call(() -> scheduler.getJobDetail(JobKey.jobKey(id, group)));
        if (job == null) {
            return null;
        }
        JobDataMap data = job.getJobDataMap();
        TriggerKey tk = TriggerKey.triggerKey(id, group);
        Trigger trigger = call(() -> scheduler.getTrigger(tk));
        String state;
        LocalDateTime runAt = null;
        if (trigger != null) {
            Trigger.TriggerState ts = call(() -> scheduler.getTriggerState(tk));
            state = switch (ts) {
                case PAUSED -> "PAUSED";
                case BLOCKED -> "RUNNING";
                case ERROR -> "ERROR";
                default -> "WAITING";
            };
            Date next = trigger.getNextFireTime() != null ? trigger.getNextFireTime() : trigger.getStartTime();
            runAt = LocalDateTime.ofInstant(next.toInstant(), BankProfile.ZONE);
        } else {
            state = data.getString(ScheduleData.STATE) == null ? "FIRED" : data.getString(ScheduleData.STATE);
        }
        String requested = data.getString(ScheduleData.REQUESTED_AT);
        String execution = data.getString(ScheduleData.EXECUTION_ID);
        LocalDateTime requestedAt = requested == null ? null : LocalDateTime.parse(requested);
        List<String> warnings = runAt == null ? List.of() : calendars.warnings(runAt.toLocalDate());
        return new Schedule(id, data.getString(ScheduleData.KIND), data.getString(ScheduleData.TARGET),
                ScheduleData.parameters(data), requestedAt, runAt, data.getString(ScheduleData.MOVED_BECAUSE), state,
                data.getString(ScheduleData.CREATED_BY), execution == null ? null : Long.valueOf(execution),
                data.getString(ScheduleData.OUTCOME), warnings);
    }

    /** A Quartz call whose failure (the job store unreachable) is the scheduler's failure, not the caller's. */
    interface QuartzCall<T> {
        T call() throws org.quartz.SchedulerException;
    }

    interface QuartzRun {
        void run() throws org.quartz.SchedulerException;
    }

    private static <T> T call(QuartzCall<T> c) {
        try {
            return c.call();
        } catch (org.quartz.SchedulerException e) {
            throw new SchedulerException("SCHEDULER_UNAVAILABLE", null, "the scheduler's job store failed: "
                    + e.getMessage(), e);
        }
    }

    private static void run(QuartzRun r) {
        call(() -> {
            r.run();
            return null;
        });
    }
}
