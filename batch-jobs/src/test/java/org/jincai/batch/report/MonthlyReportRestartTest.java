package org.jincai.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Without a CJK font the PDF step fails with REPORT_FONT_MISSING after the CSV files and the workbook are written;
 * restarted where a font is found (a hub started anew, on the same database), only the PDF step runs again.
 */
class MonthlyReportRestartTest {

    @TempDir
    Path home;

    @Test
    void aReportWithoutItsFontFailsAtThePdfAndItsRestartMakesOnlyThePdf() throws Exception {
        YearMonth month = YearMonth.of(2026, 11);
        try (TestDatabase db = TestDatabase.create()) {
            long failed;
            Path dir;
            try (AnnotationConfigApplicationContext ctx = ReportTestContext.start(db, Map.of("jincai.home",
                    home.toString(), "jincai.report.font", home.resolve("no-such-font.ttf").toString()))) {
                MonthlyReports.Run run = ctx.getBean(MonthlyReports.class).run(month, "operator", AuditEntry.Channel.CLI);
                assertThat(run.status()).isEqualTo(BatchStatus.FAILED);
                assertThat(run.exitDescription()).contains(ReportException.REPORT_FONT_MISSING);
                dir = run.dir();
                assertThat(dir.resolve("budget-agency.csv")).exists();
                assertThat(dir.resolve("monthly-report-2026-11.xlsx")).exists();
                assertThat(dir.resolve("monthly-report-2026-11.pdf")).doesNotExist();
                failed = run.executionId();
            }
            try (AnnotationConfigApplicationContext ctx = ReportTestContext.start(db, Map.of("jincai.home",
                    home.toString()))) {
                JobRepository jobs = ctx.getBean(JobRepository.class);
                JobExecution restarted = ctx.getBean(JobOperator.class).restart(jobs.getJobExecution(failed));
                assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
                        .containsExactly(MonthlyReportJobConfiguration.PDF);
                assertThat(Files.size(dir.resolve("monthly-report-2026-11.pdf"))).isPositive();
            }
        }
    }
}
