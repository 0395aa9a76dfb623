package org.jincai.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.testing.TestDatabase;
import org.apache.camel.CamelContext;
import org.jincai.routes.RouteIds;
import org.jincai.scheduler.launch.ScheduleData;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;
import org.jincai.server.HubTestSupport;
import org.jincai.server.cluster.ClusterConfiguration;
import org.jincai.server.cluster.ClusterHealth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub's own jobs fired by Quartz through their launchers: the built-in monthly report reports the month before
 * the firing's (its three outputs written), and an operator's payroll schedule takes its file as a payroll run would
 * and pays it (a run recorded, its lines paid through the release path) — not a bare job start that lacks their
 * parameters — and each bank's outbox is polled by its own built-in schedule, {@code bank-polling-<CODE>}, fired by
 * Quartz: the inbound routes have no timer of their own then. A batch job's schedule requests recovery (another node
 * resumes it when its node is lost) and its execution is recorded with this node's Quartz instance and the firing; a
 * bank poll's does not. Health's {@code cluster} component names the node's Quartz instance.
 */
@SpringBootTest
@ActiveProfiles("simulator")
class ScheduledLaunchesTest {

    static final Path HOME = HubTestSupport.newHome("scheduled-launches");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        // this class tests the scheduler itself: Quartz runs, and with it the bank-polling schedules
        registry.add("spring.quartz.auto-startup", () -> "true");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    ScheduleService schedules;

    @Autowired
    CamelContext camel;

    @Autowired
    ClusterHealth health;

    @Test
    void theBuiltInMonthlyReportReportsTheMonthJustEnded() throws Exception {
        JobKey key = JobKey.jobKey("monthly-report", ScheduleData.BUILTIN_GROUP);
        assertThat(scheduler.checkExists(key)).isTrue();

        String outcome = fire(key);

        assertThat(scheduler.getJobDetail(key).requestsRecovery()).isTrue();
        long execution = Long.parseLong(scheduler.getJobDetail(key).getJobDataMap().getString(ScheduleData.EXECUTION_ID));
        Map<String, Object> node = jdbc.getJdbcTemplate().queryForMap("SELECT scheduler_instance, schedule_key "
                + "FROM batch_execution_node WHERE job_execution_id = ?", execution);
        assertThat(node.get("scheduler_instance")).isEqualTo(scheduler.getSchedulerInstanceId());
        assertThat(node.get("schedule_key")).isEqualTo(key.toString());
        YearMonth ended = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);
        assertThat(outcome).startsWith("monthly report " + ended + ": COMPLETED");
        try (var files = Files.list(HOME.resolve("reports").resolve(ended.toString()))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.endsWith(".xlsx")).anyMatch(n -> n.endsWith(".pdf")).anyMatch(n -> n.endsWith(".csv"));
        }
    }

    @Test
    void anOperatorsPayrollScheduleRunsThePayroll() throws Exception {
        Path file = HOME.resolve("scheduled-payroll.csv");
        PayrollCsv.Written written = PayrollCsv.write(file, 12, new PayrollCsv.Spec("219011", "2050201", "50101", "11",
                List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED"), 0, 0), StandardCharsets.UTF_8);
        JobKey key = JobKey.jobKey("payroll-test", ScheduleData.OPERATOR_GROUP + "-test");
        JobDataMap data = new JobDataMap();
        data.put(ScheduleData.TARGET, ScheduleData.JOB_PREFIX + "payroll");
        data.put(ScheduleData.PARAM + "file", file.toString());
        data.put(ScheduleData.PARAM + "agency", "219011");
        data.put(ScheduleData.PARAM + "month", "2026-11");
        scheduler.addJob(org.quartz.JobBuilder.newJob(org.jincai.scheduler.launch.LaunchJob.class).withIdentity(key)
                .usingJobData(data).storeDurably().build(), false);

        String outcome = fire(key);

        assertThat(outcome).startsWith("payroll run ");
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM payroll_run WHERE file_sha256 IS NOT NULL AND agency_code = '219011'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM payroll_line l JOIN payroll_run r"
                + " ON r.run_id = l.run_id JOIN payment p ON p.voucher_id = r.voucher_id AND p.seq = l.line_no",
                Integer.class)).isEqualTo(12 - written.refused());
    }

    /**
     * A hub that is not part of a cluster is Quartz's {@code single-node} at every start, so that after a crash it
     * takes back at its first check-in the triggers its previous run held (a bank's polling among them).
     */
    @Test
    void aSingleHubIsTheSameQuartzInstanceAtEveryStart() throws Exception {
        assertThat(scheduler.getSchedulerInstanceId()).isEqualTo(ClusterConfiguration.SINGLE_NODE);
        assertThat(jdbc.getJdbcTemplate().queryForList("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE", String.class))
                .containsExactly(ClusterConfiguration.SINGLE_NODE);
    }

    @Test
    void eachBanksOutboxIsPolledByItsQuartzSchedule() throws Exception {
        List<String> banks = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");
        assertThat(schedules.list()).filteredOn(s -> s.id().startsWith("bank-polling-"))
                .extracting(Schedule::id, Schedule::kind, Schedule::target)
                .containsExactlyInAnyOrder(banks.stream().map(b -> org.assertj.core.groups.Tuple.tuple(
                        "bank-polling-" + b, "BUILTIN", "route:" + RouteIds.BANK_POLL_ENDPOINT)).toArray(
                        org.assertj.core.groups.Tuple[]::new));
        for (String bank : banks) {
            assertThat(camel.getRoute(RouteIds.bankInbound(bank)).getEndpoint().getEndpointUri())
                    .as("no timer of its own").contains("scheduler=");
            JobKey key = JobKey.jobKey("bank-polling-" + bank, ScheduleData.BUILTIN_GROUP);
            assertThat(scheduler.getJobDetail(key).getJobDataMap().getString(ScheduleData.PARAM + "bank")).isEqualTo(bank);
            assertThat(scheduler.getJobDetail(key).requestsRecovery()).as("its next firing polls again").isFalse();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            String outcome = null;
            // firings before the routes started send nothing (CamelRouteLauncher); the first after polls
            while (!(RouteIds.BANK_POLL_ENDPOINT + ": POLLED").equals(outcome) && Instant.now().isBefore(deadline)) {
                outcome = scheduler.getJobDetail(key).getJobDataMap().getString(ScheduleData.OUTCOME);
                Thread.sleep(250);
            }
            assertThat(outcome).as("fired by its trigger").isEqualTo(RouteIds.BANK_POLL_ENDPOINT + ": POLLED");
        }
    }

    @Test
    void healthNamesTheNodesQuartzInstance() throws Exception {
        Map<String, Object> details = health.health().getDetails();
        assertThat(details).containsEntry("quartz", scheduler.getSchedulerInstanceId())
                .containsEntry("stepsRunning", 0).containsEntry("steps", List.of())
                .containsEntry("lastTakeover", "none");
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE "
                + "WHERE INSTANCE_NAME = ?", Integer.class, scheduler.getSchedulerInstanceId()))
                .as("checked in to the cluster under that name").isEqualTo(1);
    }

    /** Fires the job now on a running scheduler and returns the outcome its launch kept. */
    private String fire(JobKey key) throws Exception {
        if (!scheduler.isStarted()) {
            scheduler.start();
        }
        scheduler.triggerJob(key);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            String outcome = scheduler.getJobDetail(key).getJobDataMap().getString(ScheduleData.OUTCOME);
            if (outcome != null) {
                return outcome;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the firing of " + key + " kept no outcome within 3 minutes");
    }
}
