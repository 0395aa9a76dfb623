package org.jincai.scheduler.builtin;

import java.time.LocalDate;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.risk.RiskService;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Job {@value #JOB}: the risk rule that looks for silent accounts (treasury-core's dormant-account scan) as of the
 * day given by parameter {@code date} (today in Beijing without it), so that the scheduler can run it nightly as a
 * Spring Batch job, visible in {@code jincai jobs} like any other.
 */
@Configuration(proxyBeanMethods = false)
public class DormantScanJobConfiguration {

    public static final String JOB = "dormant-scan";

    @Bean
    Step dormantScanStep(JobRepository repository, PlatformTransactionManager transactions,
                         ObjectProvider<RiskService> risk) {
        return new StepBuilder("dormant-scan", repository).tasklet((contribution, chunk) -> {
            RiskService service = risk.getIfAvailable();
            if (service == null) {
                throw new IllegalStateException("the risk rules are not part of this application");
            }
            String date = chunk.getStepContext().getJobParameters().get("date") instanceof String s ? s : null;
            RiskService.ScanResult r = service.scanDormant(date == null ? service.today() : LocalDate.parse(date),
                    Actor.system("scheduler", AuditEntry.Channel.SCHEDULE));
            contribution.incrementReadCount();
            contribution.incrementWriteCount(r.dormantAccounts().size());
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }

    @Bean
    Job dormantScanJob(JobRepository repository, Step dormantScanStep) {
        return new JobBuilder(JOB, repository).start(dormantScanStep).build();
    }
}
