package org.jincai.scheduler.launch;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.batch.report.MonthlyReports;
import org.jincai.batch.report.ReportPeriod;
import org.jincai.core.audit.AuditEntry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled launches of the hub's own jobs that need their launcher: {@code payroll} (a disbursement an operator
 * scheduled: the file taken as {@code ./jincai payroll run} takes it, without an approver, so the run waits for its
 * approval like a run launched over REST) and {@code monthly-report} (the month given, or the month before the one
 * the firing is due in, Beijing time: the built-in schedule of 02:00 on the 1st reports the month just ended).
 */
@Configuration(proxyBeanMethods = false)
public class BatchJobLaunches {

    @Bean
    ScheduledJob scheduledPayroll(ObjectProvider<PayrollLauncher> payroll) {
        return new ScheduledJob() {
            @Override
            public String job() {
                return "payroll";
            }

            @Override
            public Started start(Map<String, String> p, Instant dueAt) {
                PayrollLauncher launcher = payroll.getObject();
                PayrollLauncher.Outcome o = launcher.run(new PayrollLauncher.Request(Path.of(p.get("file")),
                        p.get("agency"), p.get("month"), null, p.get("charset"), null, LaunchJob.ACTOR));
                return new Started(null, "payroll run " + o.run().runId() + ": " + o.exitCode()
                        + (o.exitDescription() == null || o.exitDescription().isBlank() ? "" : " " + o.exitDescription()));
            }
        };
    }

    @Bean
    ScheduledJob scheduledMonthlyReport(ObjectProvider<MonthlyReports> reports) {
        return new ScheduledJob() {
            @Override
            public String job() {
                return "monthly-report";
            }

            @Override
            public Started start(Map<String, String> p, Instant dueAt) {
                YearMonth month = p.containsKey("month") ? YearMonth.parse(p.get("month"))
                        : YearMonth.from(dueAt.atZone(ReportPeriod.BEIJING)).minusMonths(1);
                MonthlyReports.Run run = reports.getObject().run(month, LaunchJob.ACTOR, AuditEntry.Channel.SCHEDULE);
                return new Started(run.executionId(), "monthly report " + month + ": " + run.status() + ", "
                        + run.files().size() + " file(s)");
            }
        };
    }
}
