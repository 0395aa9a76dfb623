package org.jincai.scheduler.builtin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.bank.BankDirectory;
import org.jincai.scheduler.launch.LaunchJob;
import org.jincai.scheduler.launch.ScheduleData;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Puts the configured recurring schedules into Quartz's store at start: a schedule whose definition is unchanged keeps
 * its trigger as stored (so a time missed while the hub was down is still seen as a misfire, and fired once), a
 * changed one is replaced, one no longer configured or disabled is removed. A schedule {@code each-bank} becomes one
 * per bank profile ({@code NAME-<bank code>}, parameter {@code bank}). Every node does this at start; the store is
 * shared, so the result is the same whichever node starts first. It is done in one transaction, as Quartz's client
 * calls on the hub's database must be (Spring's {@code LocalDataSourceJobStore} takes the caller's transaction, and
 * outside one its row lock on the triggers is let go at once and every statement commits alone): two nodes starting at
 * once then register one after the other, the second replacing the first's schedules with the same, where without it
 * both inserted the same job and one node failed to start on a duplicate key, or read a trigger half written.
 */
public class BuiltInSchedules {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSchedules.class);
    public static final String BUILTIN = "BUILTIN";
    /** The parameter that names the bank of an {@code each-bank} schedule. */
    public static final String BANK_PARAMETER = "bank";

    private final Scheduler scheduler;
    private final BuiltInScheduleProperties properties;
    private final ObjectProvider<BankDirectory> banks;
    private final TransactionOperations tx;

    public BuiltInSchedules(Scheduler scheduler, BuiltInScheduleProperties properties,
                            ObjectProvider<BankDirectory> banks, TransactionOperations tx) {
        this.scheduler = scheduler;
        this.properties = properties;
        this.banks = banks;
        this.tx = tx;
    }

    /** One schedule as it goes into the store: a cron expression or an interval, never both. */
    record Planned(String name, String target, Map<String, String> parameters, String cron, Duration interval,
                   boolean audited) {
    }

    /**
     * Refuses a schedule with an invalid cron, with both or neither of cron and interval (an {@code each-bank} one may
     * give neither: its banks' poll intervals), or with neither or both of job and route, naming it.
     */
    public static List<String> problems(BuiltInScheduleProperties properties) {
        List<String> problems = new ArrayList<>();
        properties.schedules().forEach((name, e) -> {
            String where = "jincai.schedules." + name;
            if (e.cron() != null && !CronExpression.isValidExpression(e.cron())) {
                problems.add(where + ".cron: '" + e.cron() + "' is not a Quartz cron expression (seconds first)");
            }
            if (e.cron() != null && e.interval() != null) {
                problems.add(where + ": give a cron or an interval, not both");
            }
            if (e.cron() == null && e.interval() == null && !e.eachBank()) {
                problems.add(where + ".cron: give a Quartz cron expression (seconds first) or an interval");
            }
            if (e.interval() != null && (e.interval().isNegative() || e.interval().toMillis() < 1000)) {
                problems.add(where + ".interval: " + e.interval() + " is shorter than a second");
            }
            if ((e.job() == null) == (e.route() == null)) {
                problems.add(where + ": give a job or a route, one of them");
            }
        });
        return problems;
    }

    /** The schedules configuration asks for, by name, each-bank ones expanded over the bank profiles. */
    List<Planned> planned() {
        List<Planned> planned = new ArrayList<>();
        properties.schedules().forEach((name, e) -> {
            if (!e.enabled()) {
                return;
            }
            String target = e.job() != null ? ScheduleData.JOB_PREFIX + e.job() : ScheduleData.ROUTE_PREFIX + e.route();
            if (!e.eachBank()) {
                planned.add(new Planned(name, target, e.parameters(), e.cron(), e.interval(), e.audited()));
                return;
            }
            BankDirectory directory = banks.getIfAvailable();
            for (BankProfile bank : directory == null ? List.<BankProfile>of() : directory.all()) {
                Map<String, String> parameters = new LinkedHashMap<>(e.parameters());
                parameters.put(BANK_PARAMETER, bank.code());
                Duration every = e.cron() != null ? null
                        : e.interval() != null ? e.interval() : bank.sftp().pollInterval();
                planned.add(new Planned(name + "-" + bank.code(), target, parameters, e.cron(), every, e.audited()));
            }
        });
        return planned;
    }

    /**
     * Puts the configuration's schedules into the store, in one transaction; refused with
     * {@code SCHEDULE_CONFIG_INVALID} and every problem named, or failed with the store's error.
     */
    public void register() {
        List<String> problems = problems(properties);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("SCHEDULE_CONFIG_INVALID: " + String.join("; ", problems));
        }
        List<Planned> planned = planned();
        tx.executeWithoutResult(status -> {
            try {
                store(planned);
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot register the built-in schedules: " + e.getMessage(), e);
            }
        });
    }

    private void store(List<Planned> planned) throws SchedulerException {
        Set<String> names = new HashSet<>();
        planned.forEach(p -> names.add(p.name()));
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleData.BUILTIN_GROUP))) {
            if (!names.contains(key.getName())) {
                scheduler.deleteJob(key);
                log.info("built-in schedule {} removed: no longer configured", key.getName());
            }
        }
        for (Planned p : planned) {
            register(p);
        }
    }

    private void register(Planned p) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(ScheduleData.KIND, BUILTIN);
        data.put(ScheduleData.TARGET, p.target());
        data.put(ScheduleData.CREATED_BY, "configuration");
        data.put(ScheduleData.AUDITED, Boolean.toString(p.audited()));
        ScheduleData.putParameters(data, p.parameters());
        JobKey key = JobKey.jobKey(p.name(), ScheduleData.BUILTIN_GROUP);
        TriggerKey tk = TriggerKey.triggerKey(p.name(), ScheduleData.BUILTIN_GROUP);
        JobDetail stored = scheduler.getJobDetail(key);
        Trigger storedTrigger = scheduler.getTrigger(tk);
        // a batch job's firing is recovered by another node when its node is lost mid-job; a route's (a bank poll)
        // is not: its next firing does the same work
        boolean recover = p.target().startsWith(ScheduleData.JOB_PREFIX);
        if (stored != null && sameTiming(storedTrigger, p) && stored.requestsRecovery() == recover
                && Objects.equals(stored.getJobDataMap().getString(ScheduleData.TARGET), p.target())
                && Objects.equals(stored.getJobDataMap().getString(ScheduleData.AUDITED), data.getString(ScheduleData.AUDITED))
                && ScheduleData.parameters(stored.getJobDataMap()).equals(ScheduleData.parameters(data))) {
            return;
        }
        JobDetail job = JobBuilder.newJob(LaunchJob.class).withIdentity(key).withDescription(p.target())
                .usingJobData(data).requestRecovery(recover).storeDurably().build();
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(tk).forJob(job);
        Trigger trigger = p.cron() != null
                ? builder.withSchedule(CronScheduleBuilder.cronSchedule(p.cron())
                        .inTimeZone(TimeZone.getTimeZone(BankProfile.ZONE))
                        .withMisfireHandlingInstructionFireAndProceed()).build()
                // missed while no node ran: one firing now, then on with the interval (never a burst of catch-ups)
                : builder.startNow().withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(p.interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount()).build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
        log.info("built-in schedule {} ({} {}) registered", p.name(),
                p.cron() != null ? p.cron() : "every " + p.interval(), p.target());
    }

    private static boolean sameTiming(Trigger stored, Planned p) {
        if (p.cron() != null) {
            return stored instanceof CronTrigger cron && cron.getCronExpression().equals(p.cron());
        }
        return stored instanceof SimpleTrigger simple && simple.getRepeatInterval() == p.interval().toMillis();
    }
}
