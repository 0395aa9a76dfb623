package org.jincai.scheduler.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import org.jincai.bank.profile.BankProfile;
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
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the configured recurring schedules into Quartz's store at start: a schedule whose definition is unchanged keeps
 * its trigger as stored (so a time missed while the hub was down is still seen as a misfire, and fired once), a
 * changed one is replaced, one no longer configured or disabled is removed. Every node does this at start; the store
 * is shared, so the result is the same whichever node starts first.
 */
public class BuiltInSchedules {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSchedules.class);
    public static final String BUILTIN = "BUILTIN";

    private final Scheduler scheduler;
    private final BuiltInScheduleProperties properties;

    public BuiltInSchedules(Scheduler scheduler, BuiltInScheduleProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** Refuses a schedule with no valid cron, or with neither or both of job and route, naming it. */
    public static List<String> problems(BuiltInScheduleProperties properties) {
        List<String> problems = new ArrayList<>();
        properties.schedules().forEach((name, e) -> {
            String where = "jincai.schedules." + name;
            if (e.cron() == null || !CronExpression.isValidExpression(e.cron())) {
                problems.add(where + ".cron: '" + e.cron() + "' is not a Quartz cron expression (seconds first)");
            }
            if ((e.job() == null) == (e.route() == null)) {
                problems.add(where + ": give a job or a route, one of them");
            }
        });
        return problems;
    }

    public void register() throws SchedulerException {
        List<String> problems = problems(properties);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("SCHEDULE_CONFIG_INVALID: " + String.join("; ", problems));
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleData.BUILTIN_GROUP))) {
            BuiltInScheduleProperties.Entry e = properties.schedules().get(key.getName());
            if (e == null || !e.enabled()) {
                scheduler.deleteJob(key);
                log.info("built-in schedule {} removed: no longer configured", key.getName());
            }
        }
        for (Map.Entry<String, BuiltInScheduleProperties.Entry> c : properties.schedules().entrySet()) {
            if (c.getValue().enabled()) {
                register(c.getKey(), c.getValue());
            }
        }
    }

    private void register(String name, BuiltInScheduleProperties.Entry e) throws SchedulerException {
        String target = e.job() != null ? ScheduleData.JOB_PREFIX + e.job() : ScheduleData.ROUTE_PREFIX + e.route();
        JobDataMap data = new JobDataMap();
        data.put(ScheduleData.KIND, BUILTIN);
        data.put(ScheduleData.TARGET, target);
        data.put(ScheduleData.CREATED_BY, "configuration");
        ScheduleData.putParameters(data, e.parameters());
        JobKey key = JobKey.jobKey(name, ScheduleData.BUILTIN_GROUP);
        TriggerKey tk = TriggerKey.triggerKey(name, ScheduleData.BUILTIN_GROUP);
        JobDetail stored = scheduler.getJobDetail(key);
        Trigger storedTrigger = scheduler.getTrigger(tk);
        if (stored != null && storedTrigger instanceof CronTrigger cron && cron.getCronExpression().equals(e.cron())
                && Objects.equals(stored.getJobDataMap().getString(ScheduleData.TARGET), target)
                && ScheduleData.parameters(stored.getJobDataMap()).equals(ScheduleData.parameters(data))) {
            return;
        }
        JobDetail job = JobBuilder.newJob(LaunchJob.class).withIdentity(key).withDescription(target)
                .usingJobData(data).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(tk).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(e.cron())
                        .inTimeZone(TimeZone.getTimeZone(BankProfile.ZONE))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        log.info("built-in schedule {} ({} {}) registered", name, e.cron(), target);
    }
}
