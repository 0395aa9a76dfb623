package org.jincai.scheduler.launch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every misfire visible: when Quartz finds a trigger whose time passed unfired (no node was running, or the
 * trigger was paused over its time), this logs it and audits {@code SCHEDULE_MISFIRED} before Quartz applies the
 * trigger's misfire instruction (fire now; an operator's disbursement is then checked again by {@link LaunchJob}
 * against the calendar and the misfire policy). Quartz calls it on the one node that handles the misfire.
 */
public class MisfireListener implements TriggerListener {

    private static final Logger log = LoggerFactory.getLogger(MisfireListener.class);

    private final AuditTrail audit;
    private final Clock clock;

    public MisfireListener(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "jincai-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        LocalDateTime due = trigger.getNextFireTime() == null ? null
                : LocalDateTime.ofInstant(trigger.getNextFireTime().toInstant(), BankProfile.ZONE);
        Duration late = due == null ? Duration.ZERO
                : Duration.between(trigger.getNextFireTime().toInstant(), clock.instant());
        log.warn("schedule {} misfired: due {}, {} late; handled by its policy (fire now, or moved by the calendar)",
                trigger.getKey(), due, late);
        audit.append(AuditEntry.of(LaunchJob.ACTOR, AuditEntry.Channel.SCHEDULE, "SCHEDULE_MISFIRED", "SCHEDULE",
                        trigger.getKey().getName())
                .change("due " + due, "fired now, or moved by the calendar and the misfire policy")
                .because("the hub was not running or the schedule was paused at its time (" + late + " late)"));
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
        // nothing to record: LaunchJob audits what the firing launched
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context,
                                Trigger.CompletedExecutionInstruction instruction) {
        // nothing to record: LaunchJob audits the outcome
    }
}
