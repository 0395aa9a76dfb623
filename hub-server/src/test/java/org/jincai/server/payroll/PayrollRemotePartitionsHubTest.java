package org.jincai.server.payroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jincai.batch.payroll.remote.RemotePartitions;
import org.jincai.batch.payroll.remote.RemotePartitionsConfiguration;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The hub in cluster mode with {@code jincai.cluster.partitions: remote} and the machine's RabbitMQ (127.0.0.1:5672,
 * guest; the test fails when it is down): a payroll launched over REST against the simulated banks sends its render
 * partitions to the queue (a name of its own, deleted at the end), the hub's own worker runs them, and the run
 * completes as with local partitions (PayrollApiTest) — every bank's one partition (one file each) COMPLETED, every
 * valid line sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@DirtiesContext
class PayrollRemotePartitionsHubTest {

    static final Path HOME = HubTestSupport.newHome("payroll-remote");
    static final TestDatabase DB = TestDatabase.create();
    static final String QUEUE = "jincai.payroll.partitions.hub-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry, HOME, DB);
        registry.add("jincai.cluster.enabled", () -> "true");
        registry.add("jincai.cluster.partitions", () -> "remote");
        registry.add("jincai.cluster.partitions-queue", () -> QUEUE);
        registry.add("jincai.cluster.partition-poll", () -> "200ms");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> "5672");
    }

    @BeforeAll
    static void brokerUp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            fail("RabbitMQ is not reachable on 127.0.0.1:5672 (" + e.getMessage() + "): this test needs the broker;"
                    + " start it with `service rabbitmq-server start` (.ci/run does)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Autowired
    ApplicationContext ctx;

    @Value("${local.server.port}")
    int port;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void dropQueue() {
        ctx.getBean(RemotePartitionsConfiguration.INBOUND, Lifecycle.class).stop();
        ctx.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
    }

    @Test
    void aPayrollsPartitionsGoThroughTheBrokerToTheWorkerAndTheRunCompletes() throws Exception {
        assertThat(ctx.getBeanNamesForType(RemotePartitions.class)).hasSize(1);
        QueueInformation queue = ctx.getBean(AmqpAdmin.class).getQueueInfo(QUEUE);
        assertThat(queue).as("declared on the broker").isNotNull();
        assertThat(queue.getConsumerCount()).as("this node's workers listen").isEqualTo(2);
        Path file = HOME.resolve("payroll.csv");
        PayrollCsv.Written written = PayrollCsv.write(file, 60, new PayrollCsv.Spec("219011", "2050201", "50101", "11",
                List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED"), 40, 0), StandardCharsets.UTF_8);

        HttpResponse<String> launched = ApiCalls.call(port, "POST", "/api/v1/payroll/runs",
                ApiCalls.FORM, ApiCalls.payrollForm(file, "219011", "2026-11"), "operator");

        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
        String runId = json.readTree(launched.body()).path("run").path("runId").asString();
        JsonNode run = null;
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            run = json.readTree(ApiCalls.call(port, "GET", "/api/v1/payroll/runs/" + runId, null, null, "auditor")
                    .body());
            if ("COMPLETED".equals(run.path("job").asString())) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(run.path("job").asString()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("summary").path("all").path("sent").asLong()).isEqualTo(60 - written.refused());
        List<String> partitions = DB.jdbc().queryForList("""
                SELECT s.step_name || ' ' || s.status FROM batch_step_execution s
                  JOIN batch_job_execution_params p ON p.job_execution_id = s.job_execution_id
                 WHERE p.parameter_name = 'runId' AND p.parameter_value = :r AND s.step_name LIKE 'render-bank:%'""",
                new MapSqlParameterSource("r", runId), String.class);
        assertThat(partitions).containsExactlyInAnyOrder("render-bank:bank-DEMO-ISO-files-001-001 COMPLETED",
                "render-bank:bank-DEMO-PIPE-files-001-001 COMPLETED",
                "render-bank:bank-DEMO-FIXED-files-001-001 COMPLETED");
        assertThat(ctx.getBean(AmqpAdmin.class).getQueueInfo(QUEUE).getMessageCount()).as("all taken").isZero();
    }
}
