package org.jincai.batch.payroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jincai.batch.payroll.internal.PayrollServices;
import org.jincai.batch.payroll.internal.RenderTasklet;
import org.jincai.batch.payroll.remote.RemotePartitions;
import org.jincai.batch.payroll.remote.RemotePartitionsConfiguration;
import org.jincai.core.TreasuryException;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * {@code jincai.cluster.partitions: remote} with the machine's RabbitMQ (127.0.0.1:5672, guest): two nodes on one
 * database, each with its own home; the first runs the payroll with its own worker stopped, so every render
 * partition is taken from the queue and run by the second node's worker — each bank's files staged once, on the
 * second node's disk — and the run's outcome is the one a local run of the same file has on a database of its own.
 * The queue's name is unique to the test run and the queue is deleted at the end. Fails (does not skip) when the
 * broker is down.
 */
class PayrollRemotePartitionsTest {

    private static final int ROWS = 300;

    @TempDir
    Path dir;
    private final String queue = "jincai.payroll.partitions.test-" + UUID.randomUUID();
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestDatabase db;

    @BeforeEach
    void brokerUp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            fail("RabbitMQ is not reachable on 127.0.0.1:5672 (" + e.getMessage() + "): this test needs the broker;"
                    + " start it with `service rabbitmq-server start` (.ci/run does)");
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            new RabbitAdmin(broker).deleteQueue(queue);
        } finally {
            broker.destroy();
        }
    }

    @Test
    void everyPartitionRunsOnTheOtherNodesWorkerOnceAndTheRunEndsAsALocalRunDoes() throws IOException {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(1, ROWS).mapToObj(PayrollFixtures::valid).toList());
        db = open(TestDatabase.create());
        Map<String, String> remote = Map.of("jincai.cluster.enabled", "true", "jincai.cluster.partitions", "remote",
                "jincai.cluster.partitions-queue", queue, "jincai.cluster.partition-poll", "200ms",
                "jincai.cluster.partition-timeout", "2m", "spring.rabbitmq.host", "127.0.0.1",
                "spring.rabbitmq.port", "5672", "spring.rabbitmq.username", "guest", "spring.rabbitmq.password",
                "guest");
        Path managerHome = dir.resolve("node1");
        Path workerHome = dir.resolve("node2");
        ConfigurableApplicationContext manager = open(PayrollTestApp.start(PayrollTestApp.properties(managerHome,
                db.springProperties(), remote)));
        manager.getBean(RemotePartitionsConfiguration.INBOUND, Lifecycle.class).stop();
        open(PayrollTestApp.start(PayrollTestApp.properties(workerHome, db.springProperties(), remote)));
        PayrollFixtures.importBudget(manager);

        PayrollLauncher.Outcome outcome = manager.getBean(PayrollLauncher.class)
                .run(new PayrollLauncher.Request(file, PayrollTestApp.AGENCY, "2026-11", "dept-head", null, null,
                        "operator"));

        assertThat(outcome.exitCode()).as(outcome.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        String runId = outcome.run().runId();
        List<Map<String, Object>> partitions = db.jdbc().queryForList("""
                SELECT s.step_name, s.status, s.write_count FROM batch_step_execution s
                  JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'runId' AND p.parameter_value = :r AND s.step_name LIKE 'render-bank:%'""",
                new MapSqlParameterSource("r", runId));
        assertThat(partitions).extracting(m -> m.get("step_name") + " " + m.get("status")).containsExactlyInAnyOrder(
                "render-bank:bank-DEMO-ISO-files-001-001 COMPLETED",
                "render-bank:bank-DEMO-PIPE-files-001-001 COMPLETED");
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED' AND delivery_id IS NOT NULL"))
                .as("every payment in one file").isEqualTo(ROWS);
        List<Map<String, Object>> files = db.jdbc().queryForList("SELECT bank_code, file_name FROM bank_delivery",
                new MapSqlParameterSource());
        assertThat(files).extracting(f -> f.get("bank_code")).containsExactlyInAnyOrder("DEMO-ISO", "DEMO-PIPE");
        for (Map<String, Object> f : files) {
            Path staged = Path.of("staging/banks", (String) f.get("bank_code"), (String) f.get("file_name"));
            assertThat(workerHome.resolve(staged)).as("staged by the second node's worker").exists();
            assertThat(managerHome.resolve(staged)).as("not by the node running the payroll").doesNotExist();
        }
        assertThat(stagedFiles(workerHome)).as("each bank's file staged once").hasSize(2);

        Map<String, Object> local = localRun(file);
        assertThat(summary(outcome, workerHome, db)).isEqualTo(local);
    }

    @Test
    void aRunWhoseWorkersAreAllDownFailsAtTheTimeoutAndItsRestartRunsThePartitionsOnce() throws Exception {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(1, 40).mapToObj(PayrollFixtures::valid).toList());
        db = open(TestDatabase.create());
        Map<String, String> remote = Map.of("jincai.cluster.enabled", "true", "jincai.cluster.partitions", "remote",
                "jincai.cluster.partitions-queue", queue, "jincai.cluster.partition-poll", "200ms",
                "jincai.cluster.partition-timeout", "3s", "spring.rabbitmq.host", "127.0.0.1");
        ConfigurableApplicationContext manager = open(PayrollTestApp.start(PayrollTestApp.properties(
                dir.resolve("node1"), db.springProperties(), remote)));
        manager.getBean(RemotePartitionsConfiguration.INBOUND, Lifecycle.class).stop();
        PayrollFixtures.importBudget(manager);
        PayrollLauncher launcher = manager.getBean(PayrollLauncher.class);

        PayrollLauncher.Outcome failed = launcher.run(new PayrollLauncher.Request(file, PayrollTestApp.AGENCY,
                "2026-11", "dept-head", null, null, "operator"));

        assertThat(failed.exitCode()).as("no worker took the partitions").isEqualTo("FAILED");
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).isZero();
        String runId = failed.run().runId();

        // the requests of the failed execution are still queued: the worker drops them (their run has stopped)
        Path workerHome = dir.resolve("node2");
        open(PayrollTestApp.start(PayrollTestApp.properties(workerHome, db.springProperties(), remote)));
        Thread.sleep(1500);
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).as("stale requests not run").isZero();

        PayrollLauncher.Outcome resumed = launcher.restart(runId);

        assertThat(resumed.exitCode()).as(resumed.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED' AND delivery_id IS NOT NULL"))
                .isEqualTo(40);
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).isEqualTo(2);
        assertThat(stagedFiles(workerHome)).hasSize(2);
    }

    /**
     * A partition taken by a worker whose node is then lost (here: the test takes its request from the queue, claims
     * it as a worker does, and its node is answered lost by {@link LostNodes}) is sent again by the manager, audited
     * {@code PARTITION_REDISPATCHED}, and run once by the living worker: the run ends as it does with no loss, each
     * bank's file staged once, on the living worker's disk. The worker taken for lost, in fact only paused, is refused
     * its next file once the partition was sent again ({@code PAYROLL_PARTITION_TAKEN}), nothing of it recorded.
     */
    @Test
    void aPartitionWhoseWorkersNodeIsLostIsSentAgainAndRunOnceByALivingWorker() throws Exception {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(1, 40).mapToObj(PayrollFixtures::valid).toList());
        db = open(TestDatabase.create());
        ConfigurableApplicationContext manager = open(PayrollTestApp.start(PayrollTestApp.properties(
                dir.resolve("node1"), db.springProperties(), remote("2m")), LostNodes.class));
        manager.getBean(RemotePartitionsConfiguration.INBOUND, Lifecycle.class).stop();
        PayrollFixtures.importBudget(manager);
        JobRepository repository = manager.getBean(JobRepository.class);
        CompletableFuture<PayrollLauncher.Outcome> running = CompletableFuture.supplyAsync(() -> manager.getBean(
                PayrollLauncher.class).run(new PayrollLauncher.Request(file, PayrollTestApp.AGENCY, "2026-11",
                "dept-head", null, null, "operator")));

        String request = takeRequest();
        long lost = Long.parseLong(request.substring(request.lastIndexOf(':') + 1));
        StepExecution held = repository.getStepExecution(lost);
        assertThat(RemotePartitionsConfiguration.claim(repository, held))
                .as("the lost node's worker took the partition").isTrue();
        LostNodes.LOST.put(lost, "lost-node (run 1)");
        assertThat(awaitCount("SELECT COUNT(*) FROM audit_record WHERE action = '" + RemotePartitions.REDISPATCHED
                + "'", 1)).as("the manager sent the partition again").isTrue();

        // the worker taken for lost was only paused: its next file is refused, nothing of it recorded
        ExecutionContext partition = held.getExecutionContext();
        RenderTasklet paused = new RenderTasklet(manager.getBean(PayrollServices.class),
                held.getJobExecution().getJobParameters().getString(PayrollJobConfiguration.RUN_ID),
                partition.getString("bank"), partition.getInt("bankIndex"), partition.getString("files"));
        assertThatThrownBy(() -> paused.execute(held.createStepContribution(),
                new ChunkContext(new StepContext(held))))
                .isInstanceOfSatisfying(TreasuryException.class,
                        e -> assertThat(e.code()).isEqualTo(PayrollCodes.PAYROLL_PARTITION_TAKEN));
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).isZero();
        Path workerHome = dir.resolve("node2");
        open(PayrollTestApp.start(PayrollTestApp.properties(workerHome, db.springProperties(), remote("2m"))));
        PayrollLauncher.Outcome outcome = running.get(2, TimeUnit.MINUTES);

        assertThat(outcome.exitCode()).as(outcome.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        assertThat(renderPartitions(outcome.run().runId())).containsExactlyInAnyOrder(
                "render-bank:bank-DEMO-ISO-files-001-001 COMPLETED",
                "render-bank:bank-DEMO-PIPE-files-001-001 COMPLETED");
        assertThat(db.jdbc().queryForList("SELECT object_id, reason FROM audit_record WHERE action = :a",
                new MapSqlParameterSource("a", RemotePartitions.REDISPATCHED)))
                .as("sent again once, naming the lost node")
                .extracting(r -> r.get("object_id") + " " + r.get("reason"))
                .containsExactly(lost + " node lost-node (run 1) no longer checks in to the cluster");
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED' AND delivery_id IS NOT NULL"))
                .isEqualTo(40);
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).isEqualTo(2);
        assertThat(stagedFiles(workerHome)).as("each bank's file staged once, by the living worker").hasSize(2);
    }

    /**
     * Two deliveries of one partition never both run it: of two workers that read it STARTING, one only claims it;
     * and with every request delivered twice to four consumers on two nodes (a re-sent request and the one
     * redelivered from a lost worker's connection) each partition runs once and each bank's file is staged once.
     */
    @Test
    void twoDeliveriesOfOnePartitionNeverBothRunIt() throws Exception {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(1, 40).mapToObj(PayrollFixtures::valid).toList());
        db = open(TestDatabase.create());
        ConfigurableApplicationContext manager = open(PayrollTestApp.start(PayrollTestApp.properties(
                dir.resolve("node1"), db.springProperties(), remote("2m"))));
        manager.getBean(RemotePartitionsConfiguration.INBOUND, Lifecycle.class).stop();
        PayrollFixtures.importBudget(manager);
        JobRepository repository = manager.getBean(JobRepository.class);
        CompletableFuture<PayrollLauncher.Outcome> running = CompletableFuture.supplyAsync(() -> manager.getBean(
                PayrollLauncher.class).run(new PayrollLauncher.Request(file, PayrollTestApp.AGENCY, "2026-11",
                "dept-head", null, null, "operator")));
        List<String> requests = List.of(takeRequest(), takeRequest());

        long first = Long.parseLong(requests.get(0).substring(requests.get(0).lastIndexOf(':') + 1));
        StepExecution one = repository.getStepExecution(first);
        StepExecution other = repository.getStepExecution(first);
        assertThat(RemotePartitionsConfiguration.claim(repository, one)).isTrue();
        assertThat(RemotePartitionsConfiguration.claim(repository, other)).as("read STARTING too: too late").isFalse();
        one.setStatus(BatchStatus.STARTING); // as the manager makes a lost worker's partition runnable again
        repository.update(one);
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitTemplate rabbit = new RabbitTemplate(broker);
            for (String request : requests) {
                rabbit.convertAndSend(queue, request);
                rabbit.convertAndSend(queue, request);
            }
        } finally {
            broker.destroy();
        }
        Map<String, String> twoWorkers = new HashMap<>(remote("2m"));
        twoWorkers.put("jincai.cluster.partition-workers", "2");
        open(PayrollTestApp.start(PayrollTestApp.properties(dir.resolve("node2"), db.springProperties(), twoWorkers)));
        open(PayrollTestApp.start(PayrollTestApp.properties(dir.resolve("node3"), db.springProperties(), twoWorkers)));
        PayrollLauncher.Outcome outcome = running.get(2, TimeUnit.MINUTES);

        assertThat(outcome.exitCode()).as(outcome.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        assertThat(renderPartitions(outcome.run().runId())).containsExactlyInAnyOrder(
                "render-bank:bank-DEMO-ISO-files-001-001 COMPLETED",
                "render-bank:bank-DEMO-PIPE-files-001-001 COMPLETED");
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).isEqualTo(2);
        assertThat(stagedFiles(dir.resolve("node2")).size() + stagedFiles(dir.resolve("node3")).size())
                .as("each bank's file staged once").isEqualTo(2);
    }

    @Test
    void remotePartitionsRefuseToStartWithoutTheClusterOrTheBroker() {
        db = open(TestDatabase.create());
        assertThatThrownBy(() -> open(PayrollTestApp.start(PayrollTestApp.properties(dir.resolve("a"),
                db.springProperties(), Map.of("jincai.cluster.partitions", "remote", "spring.rabbitmq.host",
                        "127.0.0.1")))))
                .hasStackTraceContaining("jincai.cluster.partitions=remote needs jincai.cluster.enabled=true");
        assertThatThrownBy(() -> open(PayrollTestApp.start(PayrollTestApp.properties(dir.resolve("b"),
                db.springProperties(), Map.of("jincai.cluster.partitions", "remote", "jincai.cluster.enabled",
                        "true")))))
                .hasStackTraceContaining("needs the broker: spring.rabbitmq.host");
    }

    /** The remote mode's properties with this test's queue and the manager's {@code timeout}. */
    private Map<String, String> remote(String timeout) {
        return Map.of("jincai.cluster.enabled", "true", "jincai.cluster.partitions", "remote",
                "jincai.cluster.partitions-queue", queue, "jincai.cluster.partition-poll", "200ms",
                "jincai.cluster.partition-timeout", timeout, "spring.rabbitmq.host", "127.0.0.1");
    }

    /** Whether {@code sql}'s count reaches {@code n} within a minute. */
    private boolean awaitCount(String sql, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (db.count(sql) < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Takes one partition request off the queue, as a worker would ({@code stepName:stepExecutionId}). */
    private String takeRequest() {
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            Object request = new RabbitTemplate(broker).receiveAndConvert(queue, 60_000);
            assertThat(request).as("a partition request within a minute").isInstanceOf(String.class);
            return (String) request;
        } finally {
            broker.destroy();
        }
    }

    private List<String> renderPartitions(String runId) {
        return db.jdbc().queryForList("""
                SELECT s.step_name, s.status FROM batch_step_execution s
                  JOIN batch_job_execution_params p ON p.job_execution_id = s.job_execution_id
                 WHERE p.parameter_name = 'runId' AND p.parameter_value = :r AND s.step_name LIKE 'render-bank:%'""",
                new MapSqlParameterSource("r", runId)).stream().map(m -> m.get("step_name") + " " + m.get("status"))
                .toList();
    }

    /** The cluster's answer in the manager's context: the nodes of {@link #LOST}'s step executions are lost. */
    @Configuration(proxyBeanMethods = false)
    static class LostNodes {

        static final Map<Long, String> LOST = new ConcurrentHashMap<>();

        @Bean
        ExecutionLiveness executionLiveness() {
            return new ExecutionLiveness() {
                @Override
                public Optional<String> liveNode(long executionId) {
                    return Optional.empty();
                }

                @Override
                public Optional<StepNode> stepNode(long stepExecutionId) {
                    return Optional.ofNullable(LOST.get(stepExecutionId)).map(node -> new StepNode(node, false));
                }
            };
        }
    }

    /** The same file run with local partitions on a database of its own: what the remote run must equal. */
    private Map<String, Object> localRun(Path file) {
        TestDatabase other = open(TestDatabase.create());
        ConfigurableApplicationContext ctx = open(PayrollTestApp.start(PayrollTestApp.properties(dir.resolve("local"),
                other.springProperties(), Map.of())));
        PayrollFixtures.importBudget(ctx);
        PayrollLauncher.Outcome outcome = ctx.getBean(PayrollLauncher.class).run(new PayrollLauncher.Request(file,
                PayrollTestApp.AGENCY, "2026-11", "dept-head", null, null, "operator"));
        return summary(outcome, dir.resolve("local"), other);
    }

    /** What a run's outcome is, compared between the remote and the local run. */
    private static Map<String, Object> summary(PayrollLauncher.Outcome outcome, Path stagingHome, TestDatabase on) {
        Map<String, Object> s = new HashMap<>();
        PayrollSummary summary = outcome.summary();
        s.put("exit", outcome.exitCode());
        s.put("rows", summary.rowsRead());
        s.put("refused", summary.refused());
        s.put("sent", summary.all().sent());
        s.put("status", outcome.run().status());
        s.put("staged files", stagedFiles(stagingHome).size());
        s.put("released", on.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED'"));
        s.put("reserved", on.jdbc().queryForObject("SELECT reserved FROM budget_indicator",
                new MapSqlParameterSource(), BigDecimal.class).toPlainString());
        return s;
    }

    private static List<Path> stagedFiles(Path home) {
        Path root = home.resolve("staging/banks");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    private <T extends AutoCloseable> T open(T resource) {
        open.add(resource);
        return resource;
    }
}
