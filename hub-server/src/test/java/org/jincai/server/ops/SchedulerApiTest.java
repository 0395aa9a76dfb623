package org.jincai.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Schedules, the calendar and job operations over real HTTP with the hub's security, and the metrics in Prometheus
 * format on the management port: operators schedule, pause, resume and cancel (a holiday moved, audited), auditors
 * only read, a bad request gets its code; a job restart is accepted at once (202) and followed at its Location; /actuator/prometheus shows the hub's gauges to a signed-in operator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class SchedulerApiTest {

    static final Path HOME = HubTestSupport.newHome("scheduler-api");
    static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.registerWithControls(registry, HOME, DB);
        // an operator of another agency of the payroll's division: sees and changes nothing of agency 101001
        HubTestSupport.scopedUser(registry, 3, "elsewhere", "420000", "999001", "OPERATOR", "AUDITOR");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    JobOperator jobs;

    @Autowired
    JobRegistry registry;

    final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(int onPort, String method, String path, String body, String user)
            throws Exception {
        return ApiCalls.call(onPort, method, path, body == null ? null : body.startsWith("{") ? "application/json"
                : "text/csv", body == null ? null : body.getBytes(StandardCharsets.UTF_8), user);
    }

    private HttpResponse<String> call(String method, String path, String body, String user) throws Exception {
        return call(port, method, path, body, user);
    }

    @Test
    void operatorsScheduleAuditorsReadAndEveryChangeIsAudited() throws Exception {
        Path file = Files.writeString(HOME.resolve("payroll-2027-02.csv"), "payroll\n");
        String body = "{\"file\":\"" + file + "\",\"agency\":\"101001\",\"month\":\"2027-02\",\"at\":\"2027-02-05T10:00\"}";
        assertThat(call("POST", "/api/v1/schedules/payroll", body, "auditor").statusCode()).isEqualTo(403);
        HttpResponse<String> created = call("POST", "/api/v1/schedules/payroll", body, "operator");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode s = json.readTree(created.body());
        String id = s.get("id").asString();
        assertThat(s.get("runAt").asString()).startsWith("2027-02-09T10:00");
        assertThat(s.get("warnings").get(0).asString()).startsWith("CALENDAR_NOT_PUBLISHED");

        HttpResponse<String> listed = call("GET", "/api/v1/schedules", null, "auditor");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id);
        HttpResponse<String> hiddenList = call("GET", "/api/v1/schedules", null, "elsewhere");
        assertThat(hiddenList.statusCode()).isEqualTo(200);
        assertThat(hiddenList.body()).doesNotContain(id).doesNotContain("BUILTIN");
        for (String[] outside : new String[][] {{"GET", ""}, {"POST", "/pause"}, {"DELETE", "?reason=x"}}) {
            HttpResponse<String> refused = call(outside[0], "/api/v1/schedules/" + id + outside[1], null, "elsewhere");
            assertThat(refused.statusCode()).as(outside[0]).isEqualTo(403);
            assertThat(json.readTree(refused.body()).get("code").asString()).isEqualTo("OUT_OF_SCOPE");
        }
        assertThat(call("POST", "/api/v1/schedules/payroll", body, "elsewhere").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/schedules/" + id + "/pause", null, "operator").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/schedules/" + id + "/pause", null, "operator").statusCode())
                .as("already paused").isEqualTo(409);
        assertThat(call("POST", "/api/v1/schedules/" + id + "/resume", null, "operator").statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/schedules/" + id + "?reason=test", null, "auditor").statusCode())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/schedules/" + id + "?reason=test", null, "operator").statusCode())
                .isEqualTo(200);
        HttpResponse<String> gone = call("GET", "/api/v1/schedules/" + id, null, "operator");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json.readTree(gone.body()).get("code").asString()).isEqualTo("SCHEDULE_NOT_FOUND");
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE object_id = '" + id + "' AND actor = 'operator'"
                + " AND channel = 'REST'")).isEqualTo(4);

        HttpResponse<String> past = call("POST", "/api/v1/schedules/payroll", body.replace("2027-02-05", "2020-02-05"),
                "operator");
        assertThat(json.readTree(past.body()).get("code").asString()).isEqualTo("SCHEDULE_IN_PAST");
    }

    @Test
    void theCalendarAndTheJobsAreReadAndTheCalendarLoaded() throws Exception {
        assertThat(call("GET", "/api/v1/calendar", null, "auditor").body()).contains("\"arrangement\":\"STATUTORY\"");
        HttpResponse<String> bad = call("POST", "/api/v1/calendar", "2028-02-30,HOLIDAY,x\n", "operator");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").get(0).get("code").asString()).isEqualTo("CALENDAR_INVALID");
        assertThat(call("POST", "/api/v1/calendar", "2028-01-03,HOLIDAY,test\n", "auditor").statusCode())
                .isEqualTo(403);
        HttpResponse<String> loaded = call("POST", "/api/v1/calendar", "2028-01-03,HOLIDAY,test\n", "operator");
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(loaded.body()).contains("2028");
        HttpResponse<String> jobs = call("GET", "/api/v1/jobs", null, "auditor");
        assertThat(jobs.statusCode()).isEqualTo(200);
        HttpResponse<String> restart = call("POST", "/api/v1/jobs/424242/restart", null, "operator");
        assertThat(restart.statusCode()).isEqualTo(404);
        assertThat(json.readTree(restart.body()).get("code").asString()).isEqualTo("JOB_EXECUTION_NOT_FOUND");
        assertThat(call("GET", "/api/v1/jobs/424242", null, "auditor").statusCode()).isEqualTo(404);
    }

    @Test
    void aRestartIsAcceptedAtOnceAndFollowedAtItsLocation() throws Exception {
        // the silent-accounts job on a date that is none: fails, and fails again when restarted
        JobExecution failed = jobs.start(registry.getJob("dormant-scan"),
                new JobParametersBuilder().addString("date", "not-a-date").toJobParameters());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(call("POST", "/api/v1/jobs/" + failed.getId() + "/restart", null, "auditor").statusCode())
                .isEqualTo(403);

        HttpResponse<String> restart = call("POST", "/api/v1/jobs/" + failed.getId() + "/restart", null, "operator");

        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
        long next = json.readTree(restart.body()).get("executionId").asLong();
        assertThat(next).isNotEqualTo(failed.getId());
        String location = restart.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/jobs/" + next);
        String status = null;
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!"FAILED".equals(status) && System.nanoTime() < end) {
            HttpResponse<String> followed = call("GET", URI.create(location).getPath(), null, "auditor");
            assertThat(followed.statusCode()).isEqualTo(200);
            status = json.readTree(followed.body()).get("status").asString();
            Thread.sleep(200);
        }
        assertThat(status).as("the restart ended as the job does").isEqualTo("FAILED");
        assertThat(DB.count("SELECT COUNT(*) FROM audit_record WHERE action = 'JOB_RESTARTED' AND object_id = '"
                + failed.getId() + "' AND channel = 'REST'")).isEqualTo(1);
    }

    @Test
    void theMetricsAreInPrometheusFormatOnTheManagementPort() throws Exception {
        assertThat(call(managementPort, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = call(managementPort, "GET", "/actuator/prometheus", null, "operator");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jincai_payments{state=\"PAID\"}").contains("jincai_files_delivered")
                .contains("jincai_answers_pending").contains("jincai_deliveries{state=\"UPLOADED\"}");
        assertThat(call(managementPort, "GET", "/actuator/health", null, null).statusCode()).isIn(200, 503);
        assertThat(call("GET", "/actuator/prometheus", null, "operator").statusCode()).as("not on the API port")
                .isIn(401, 403, 404);
    }
}
