package org.jincai.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bench.payroll.PayrollCsv;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.ApiCalls;
import org.jincai.server.HubTestSupport;
import org.jincai.server.crash.HubProcess;
import org.jincai.server.crash.SimulatedBanks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A payroll whose render partitions run on two hub nodes — two JVMs on one database (the machine's PostgreSQL, so
 * only with {@code JINCAI_TEST_DB=postgres}, as a cluster runs: skipped on the embedded H2), remote partitions over
 * the machine's RabbitMQ (127.0.0.1:5672, guest; a queue of this run's own, deleted at the end; the test fails when
 * the broker is down) — and one node killed with SIGKILL mid-partition.
 *
 * <p>Node A runs the payrolls (launched over REST) with one partition worker, node B listens with two: of the
 * partitions (each of up to 10 files of one bank) B takes two at once. First B, a worker, is stopped at
 * {@code release-recorded@N} — its N-th file recorded in the database (payments RELEASED, delivery PREPARED) but still
 * {@code <name>.part} on B's own disk — and, once its uploader has sent what it had published, killed with SIGKILL.
 * A's one worker runs the partitions still queued; once B no longer checks in to the cluster, A, polling its
 * partitions, sends B's two again (PARTITION_REDISPATCHED): A's worker takes over the file B recorded and never sent
 * (rendered again from the database, ReleaseService.restageBatches), resumes each partition from B's last commit,
 * staging only its files not recorded, and the run completes on its own, one execution, no operator; B, started again
 * on its home, removes its copy. Then A, the manager, is killed the same way mid-partition, at its second recorded
 * file (a second run, another month): B's workers finish the other partitions and the operator restarts the run on B,
 * which takes over A's file and runs A's partition. After each: every partition of the run's plan completed once,
 * every valid line has one payment, every payment is in one file that its bank received once (the banks' files
 * parsed, the payment ids compared with the database in SQL), no file reached a bank twice, and results.csv (read line
 * by line) and summary.json agree with the database to the fen. (A run whose workers are all lost fails at the
 * partition timeout and is restarted by an operator: batch-jobs' PayrollRemotePartitionsTest.)
 *
 * <p>Size: the worker lost in a run of {@value #DEFAULT_ROWS} lines by default, the size issue 14 names (a third a
 * bank, a hundredth of the lines a file: about 100 files, seven partitions of up to {@value #FILES_PER_PARTITION}
 * files a bank; {@code -Djincai.test.two-nodes.rows=N} for another size); the manager lost in a run of
 * {@value #MANAGER_ROWS} lines (files of the same size: two partitions a bank), which shows the operator's restart on
 * the other node at a third of the cost. After each run, some bank has partitions on both nodes (a partition's files staged by one, another's by the other).
 * The timings of each phase are printed to the test's console ({@code PayrollTwoNodesTest … lines +Ns}).
 */
// a cluster's nodes share a server database: run with JINCAI_TEST_DB=postgres (CI's second pass does)
@EnabledIf("org.jincai.core.testing.TestDatabase#postgresRequested")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayrollTwoNodesTest {

    static final int DEFAULT_ROWS = 100_000;
    /** The lines of the run whose worker is lost: {@code -Djincai.test.two-nodes.rows=N} for another size. */
    static final int ROWS = Integer.getInteger("jincai.test.two-nodes.rows", DEFAULT_ROWS);
    /** The lines of the run whose manager is lost. */
    static final int MANAGER_ROWS = 30_000;
    /** Credits a file: a hundredth of the first run's lines (at least 50), so about 100 files whatever its size. */
    static final int PER_FILE = Math.max(50, ROWS / 100);
    /** The partition files ({@code jincai.payroll.files-per-partition}): several partitions a bank in either run. */
    static final int FILES_PER_PARTITION = 5;
    /** The waits of a run's steps, scaled with its size: three minutes, and a second a further 100 lines. */
    static final Duration RUN_WAIT = Duration.ofSeconds(180 + ROWS / 100);
    static final long STARTED = System.nanoTime();
    /**
     * How long the manager waits for its partitions: the last resort when no worker is left, never waited out here
     * (B's partitions are sent again once B no longer checks in, and a lost manager's wait ends with it).
     */
    private static final String PAYROLL_ID = "PR[0-9]{12}[0-9A-F]{4}[0-9]{10}";
    static final Duration PARTITION_TIMEOUT = Duration.ofMinutes(30);
    /**
     * The recorded file of B's at which B is killed: its fifth at 20,000 lines, later in larger runs (its 25th of about
     * 50 at 100,000), so that the kill falls mid-run with files of B's partitions on both sides of it.
     */
    static final int B_KILLED_AT = Math.max(3, ROWS / 4_000);
    static final PayrollCsv.Spec SPEC = new PayrollCsv.Spec("219011", "2050201", "50101", "11",
            SimulatedBanks.CODES, 50, 97);
    /**
     * A credit's payment id in each bank's layout — pain.001's EndToEndId, the pipe and fixed-width detail records: a
     * payroll payment's, the run's id and its line's number.
     */
    static final Pattern PAYMENT_ID = Pattern.compile("<EndToEndId>(" + PAYROLL_ID + ")</EndToEndId>|^D\\|("
            + PAYROLL_ID + ")\\||^D[0-9]{6}(" + PAYROLL_ID + ")", Pattern.MULTILINE);

    final Path root = HubTestSupport.newHome("payroll-two-nodes");
    final String queue = "jincai.payroll.partitions.two-nodes-" + UUID.randomUUID();
    final ObjectMapper json = new ObjectMapper();
    SimulatedBanks banks;
    TestDatabase postgres;
    List<String> args;
    Path file;
    PayrollCsv.Written written;
    Path managerFile;
    PayrollCsv.Written managerWritten;
    HubProcess a;
    HubProcess b;

    @BeforeAll
    void twoNodes() throws Exception {
        brokerUp();
        args = twoNodesOnOneDatabase();
        // A runs the payrolls with one partition worker; B has two, so it takes two of the three banks' partitions.
        // A's crash point stays dormant until the second scenario arms it.
        // both JVMs start at once: their start-ups overlap
        CompletableFuture<HubProcess> startingB = CompletableFuture.supplyAsync(() -> start("node-b", 1,
                "release-recorded@" + B_KILLED_AT, "--jincai.cluster.node-id=node-b",
                "--jincai.cluster.partition-workers=2"));
        try {
            a = start("node-a", 1, "release-recorded@2", "--jincai.cluster.node-id=node-a",
                    "--jincai.cluster.partition-workers=1");
        } finally {
            b = startingB.join();
        }
        file = root.resolve("payroll.csv");
        written = PayrollCsv.write(file, ROWS, SPEC, StandardCharsets.UTF_8);
        managerFile = root.resolve("payroll-manager-lost.csv");
        managerWritten = PayrollCsv.write(managerFile, MANAGER_ROWS, SPEC, StandardCharsets.UTF_8);
        mark("two nodes started, the files written");
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, banks}) {
            if (c != null) {
                c.close();
            }
        }
        if (postgres == null) {
            return; // the set-up stopped before the database: no queue was made
        }
        postgres.close();
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            new RabbitAdmin(broker).deleteQueue(queue);
        } finally {
            broker.destroy();
        }
    }

    /**
     * The worker node B killed mid-partition, its {@link #B_KILLED_AT}-th file recorded and still on its disk: once B
     * no longer checks in, A, the manager, sends B's partitions again (audited {@code PARTITION_REDISPATCHED}); A's
     * worker takes each over — B's recorded file rendered again and sent by A — and resumes it from B's last commit;
     * the run completes on its own, no partition failed, no operator. B, started again on its home, removes its own
     * copy: never sent.
     */
    @Test
    @Order(1)
    void aWorkerNodeKilledMidPartitionItsPartitionsAreSentAgainAndTheRunCompletesOnTheOtherPayingEveryLineOnce()
            throws Exception {
        b.arm();
        String runId = launch(a, file, "2026-11");

        assertThat(b.awaitCrashPoint(RUN_WAIT)).as("B reached its recorded file " + B_KILLED_AT + ":\n" + b.tail())
                .isTrue();
        mark("B at its crash point");
        String lostFile = recordedAndNeverSent(b, "node-b");
        b.kill();
        mark("B killed");

        JsonNode run = awaitRun(a, runId, "COMPLETED", RUN_WAIT);
        assertThat(run.path("job").asString()).as("the run completed on A alone: " + run + "\n" + a.tail())
                .isEqualTo("COMPLETED");
        mark("the run completed on A");
        assertThat(partitions(runId, "FAILED")).as("no partition failed").isZero();
        List<String> sentAgain = strings("SELECT object_id FROM audit_record WHERE action = 'PARTITION_REDISPATCHED'");
        assertThat(sentAgain).as("B's partitions, those it was running, sent again").hasSizeBetween(1, 2)
                .doesNotHaveDuplicates();
        for (String step : sentAgain) {
            assertThat(strings("SELECT s.status || ' ' || n.scheduler_instance FROM batch_step_execution s"
                    + " JOIN batch_step_node n ON n.step_execution_id = s.step_execution_id"
                    + " WHERE s.step_execution_id = " + step)).as("partition " + step + " finished by A")
                    .containsExactly("COMPLETED node-a");
        }
        assertThat(strings("SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_execution_params p"
                + " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_name = 'runId'"
                + " AND p.parameter_value = '" + runId + "'")).as("one execution: no restart").containsExactly("1");

        takenOver(lostFile, "node-a");
        assertThat(partitions(runId, "COMPLETED")).as("each partition completed once")
                .isEqualTo(plannedPartitions(runId));
        partitionsOfOneBankRanOnBothNodes(runId, lostFile, "node-b");
        everyLinePaidOnceEveryFileSentOnce(runId, a, ROWS - written.refused(), written);
        mark("checked");

        // B back on its home: its start-up recovery removes its copy of the file A took over, which is never sent
        b = HubProcess.start(root.resolve("node-b"), 2, null, with(args, "--jincai.cluster.node-id=node-b",
                "--jincai.cluster.partition-workers=2"));
        assertThat(parts(root.resolve("node-b/outbound"))).as("B's copy removed").isEmpty();
        assertThat(banks.simulator().receivedFiles(lostFile.substring(0, lostFile.indexOf('_'))))
                .as(lostFile + " received once").containsOnlyOnce(lostFile);
        mark("B started again, its copy removed");
    }

    /**
     * The node running the payroll — the manager, also running one partition — killed with SIGKILL mid-partition, its
     * second file recorded and still on its disk; B's workers finish their partitions; the operator restarts the run
     * on B — refused {@code PAYROLL_RUN_RUNNING} until A no longer counts as alive — which marks A's interrupted
     * execution failed, takes over A's file and runs A's partition.
     */
    @Test
    @Order(2)
    void theManagersNodeKilledMidRunTheOtherNodeRestartsItAndPaysEveryLineOnce() throws Exception {
        a.arm();
        String runId = launch(a, managerFile, "2026-12");

        assertThat(a.awaitCrashPoint(RUN_WAIT)).as("A reached its second recorded file:\n" + a.tail())
                .isTrue();
        String lostFile = recordedAndNeverSent(a, "node-a");
        a.kill();
        mark("A killed");
        int planned = plannedPartitions(runId);
        long deadline = System.nanoTime() + RUN_WAIT.toNanos();
        while (partitions(runId, "COMPLETED") < planned - 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(partitions(runId, "COMPLETED")).as("B's workers ran every partition but A's:\n" + b.tail())
                .isEqualTo(planned - 1);
        mark("B's workers ran the other partitions");

        // refused PAYROLL_RUN_RUNNING while A still counts as alive (its check-in interval and Quartz's grace)
        HttpResponse<String> restarted = b.call("POST", "/api/v1/payroll/runs/" + runId + "/restart", null, null,
                "operator");
        long lost = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (restarted.statusCode() == 409 && restarted.body().contains("PAYROLL_RUN_RUNNING")
                && System.nanoTime() < lost) {
            Thread.sleep(1_000);
            restarted = b.call("POST", "/api/v1/payroll/runs/" + runId + "/restart", null, null, "operator");
        }
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
        JsonNode run = awaitRun(b, runId, "COMPLETED", RUN_WAIT);
        assertThat(run.path("job").asString()).as(run + "\n" + b.tail()).isEqualTo("COMPLETED");
        mark("the restarted run completed");

        takenOver(lostFile, "node-b");
        assertThat(partitions(runId, "COMPLETED")).as("each partition completed once").isEqualTo(planned);
        partitionsOfOneBankRanOnBothNodes(runId, lostFile, "node-a");
        everyLinePaidOnceEveryFileSentOnce(runId, b, MANAGER_ROWS - managerWritten.refused(), managerWritten);
        mark("checked");
    }

    /** Launches payroll file {@code csv} for {@code month} on {@code node} over REST; its run id. */
    private String launch(HubProcess node, Path csv, String month) throws Exception {
        HttpResponse<String> launched = node.call("POST", "/api/v1/payroll/runs", ApiCalls.payrollForm(csv, SPEC.agency(), month),
                ApiCalls.FORM, "operator");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
        mark("launched " + month);
        return json.readTree(launched.body()).path("run").path("runId").asString();
    }

    /**
     * Once the node stopped at its crash point has sent every file it published, the one file it recorded and never
     * renamed: on its disk only, PREPARED. Its other partitions' threads may have parts of their next files half
     * written beside it (a node writes its files side by side and records them one at a time): none is recorded.
     */
    private String recordedAndNeverSent(HubProcess node, String home) throws Exception {
        awaitUploadsOf(node, home);
        List<String> recorded = new ArrayList<>();
        for (Path part : parts(root.resolve(home).resolve("outbound"))) {
            String name = part.getFileName().toString().replace(StagingArea.PART, "");
            List<String> status = strings("SELECT status FROM bank_delivery WHERE file_name = '" + name + "'");
            if (!status.isEmpty()) {
                assertThat(status).as(name).containsExactly("PREPARED");
                recorded.add(name);
            }
        }
        assertThat(recorded).as("the file " + home + " recorded, on its disk only").hasSize(1);
        return recorded.get(0);
    }

    /** The lost node's file: taken over by the survivor, rendered again, recorded in its trail. */
    private void takenOver(String lostFile, String survivor) throws Exception {
        assertThat(strings("SELECT staged_by FROM bank_delivery WHERE file_name = '" + lostFile + "'"))
                .containsExactly(area(survivor));
        assertThat(count("SELECT COUNT(*) FROM delivery_event e JOIN bank_delivery d ON d.delivery_id = e.delivery_id"
                + " WHERE d.file_name = '" + lostFile + "' AND e.reason LIKE 'staged again on this node%'")).isEqualTo(1);
    }

    /** Every valid line of the run paid once, in one file its bank received once; the outputs agree to the fen. */
    private void everyLinePaidOnceEveryFileSentOnce(String runId, HubProcess node, int valid,
                                                   PayrollCsv.Written written) throws Exception {
        String ofRun = " FROM payment WHERE voucher_id = (SELECT voucher_id FROM payroll_run WHERE run_id = '"
                + runId + "')";
        assertThat(count("SELECT COUNT(*) FROM payroll_line l JOIN payroll_run r ON r.run_id = l.run_id JOIN payment p"
                + " ON p.voucher_id = r.voucher_id AND p.seq = l.line_no WHERE l.run_id = '" + runId + "'"
                + " AND l.state = 'VALID'")).isEqualTo(valid);
        assertThat(count("SELECT COUNT(*)" + ofRun)).as("one payment per valid line").isEqualTo(valid);
        assertThat(count("SELECT COUNT(*)" + ofRun + " AND delivery_id IS NULL")).isZero();
        assertThat(new BigDecimal(strings("SELECT SUM(amount)" + ofRun).get(0)))
                .isEqualByComparingTo(written.validTotal());
        String files = " FROM bank_delivery WHERE batch_id LIKE '" + runId + "%'";
        assertThat(strings("SELECT DISTINCT status" + files)).containsExactly("ANSWERED");
        assertThat(count("SELECT COUNT(*)" + files)).as("50 credits a file").isGreaterThanOrEqualTo(valid / PER_FILE);
        everyPaymentReachedItsBankOnceInItsFile(runId, valid);
        outputsAgreeWithTheDatabase(node, runId, valid, ofRun);
    }

    /**
     * The files the banks received, parsed: each payment in one of them, the one it was released in; none twice. The
     * payment ids parsed go to a table of the test's database, compared with the payments there by SQL.
     */
    private void everyPaymentReachedItsBankOnceInItsFile(String runId, int valid) throws Exception {
        JdbcTemplate jdbc = postgres.jdbc().getJdbcTemplate();
        jdbc.execute("CREATE TABLE IF NOT EXISTS two_nodes_received (run_id VARCHAR(40) NOT NULL,"
                + " payment_id VARCHAR(32) NOT NULL, file VARCHAR(200) NOT NULL)");
        BankSimulator simulator = banks.simulator();
        Set<String> received = new HashSet<>();
        for (String bank : SimulatedBanks.CODES) {
            List<String> files = simulator.receivedFiles(bank).stream().filter(n -> n.contains(runId)).toList();
            assertThat(files).as("files " + bank + " received").doesNotHaveDuplicates();
            for (String name : files) {
                received.add(bank + "/" + name);
                List<Object[]> ids = new ArrayList<>();
                Matcher m = PAYMENT_ID.matcher(Files.readString(simulator.home(bank).resolve(BankSimulator.PROCESSED)
                        .resolve(name), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String payment = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    ids.add(new Object[] {runId, payment, bank + "/" + name});
                }
                jdbc.batchUpdate("INSERT INTO two_nodes_received (run_id, payment_id, file) VALUES (?, ?, ?)", ids);
            }
        }
        String ofRun = " FROM two_nodes_received WHERE run_id = '" + runId + "'";
        assertThat(strings("SELECT payment_id || ' in ' || COUNT(*) || ' files'" + ofRun
                + " GROUP BY payment_id HAVING COUNT(*) > 1")).as("payments that reached the banks twice").isEmpty();
        assertThat(count("SELECT COUNT(*)" + ofRun)).as("every payment reached its bank").isEqualTo(valid);
        assertThat(count("SELECT COUNT(*) FROM two_nodes_received r JOIN payment p ON p.payment_id = r.payment_id"
                + " JOIN bank_delivery d ON d.delivery_id = p.delivery_id"
                + " AND r.file = d.bank_code || '/' || d.file_name"
                + " WHERE r.run_id = '" + runId + "' AND d.batch_id LIKE '" + runId + "%'"))
                .as("each payment received in the file it was released in").isEqualTo(valid);
        assertThat(received).as("every file released reached its bank, once")
                .containsExactlyInAnyOrderElementsOf(strings("SELECT DISTINCT d.bank_code || '/' || d.file_name"
                        + " FROM payment p JOIN bank_delivery d ON d.delivery_id = p.delivery_id"
                        + " WHERE d.batch_id LIKE '" + runId + "%'"));
    }

    /**
     * results.csv and summary.json, as the node serves them, against the database: lines, statuses, amounts. The CSV
     * is read line by line, its paid lines counted and summed.
     */
    private void outputsAgreeWithTheDatabase(HubProcess node, String runId, int valid, String ofRun) throws Exception {
        HttpResponse<Stream<String>> results = node.lines("/api/v1/payroll/runs/" + runId + "/outputs/results.csv",
                "operator");
        assertThat(results.statusCode()).isEqualTo(200);
        long[] lines = {0, 0};
        BigDecimal[] paidInResults = {BigDecimal.ZERO};
        try (Stream<String> body = results.body()) {
            body.skip(1).forEach(line -> {
                lines[0]++;
                String[] f = line.split(",", -1);
                if ("PAID".equals(f[7])) {
                    paidInResults[0] = paidInResults[0].add(new BigDecimal(f[5]));
                    lines[1]++;
                }
            });
        }
        assertThat(lines[0]).as("results.csv's lines").isEqualTo(valid);
        long paidLines = lines[1];
        String paidStates = ofRun + " AND status IN ('PAID', 'RECEIPTED', 'RECONCILED')";
        BigDecimal paid = new BigDecimal(strings("SELECT COALESCE(SUM(amount), 0)" + paidStates).get(0));
        assertThat(paidInResults[0]).isEqualByComparingTo(paid);
        assertThat(paidLines).isEqualTo(count("SELECT COUNT(*)" + paidStates));
        assertThat(paidLines).as("the banks rejected some").isLessThan(valid);
        JsonNode summary = json.readTree(node.call("GET", "/api/v1/payroll/runs/" + runId + "/outputs/summary.json", null,
                null, "operator").body());
        assertThat(new BigDecimal(summary.path("all").path("paidAmount").asString())).isEqualByComparingTo(paid);
        assertThat(summary.path("all").path("paid").asLong()).isEqualTo(paidLines);
        assertThat(summary.path("all").path("sent").asLong()).isEqualTo(valid);
        assertThat(summary.path("all").path("files").asLong()).isEqualTo(count("SELECT COUNT(*) FROM bank_delivery"
                + " WHERE batch_id LIKE '" + runId + "%'"));
    }

    private List<String> twoNodesOnOneDatabase() throws Exception {
        banks = SimulatedBanks.start(root, RejectionRule.accountEndingWith("0000"));
        // many files per partition: the kill falls mid-partition with files on both sides of it
        Files.writeString(banks.config(), Files.readString(banks.config()).replace("max-transactions-per-file: 1000",
                "max-transactions-per-file: " + PER_FILE));
        List<String> args = new ArrayList<>(List.of(banks.hubArgument()));
        postgres = TestDatabase.create();
        postgres.springProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of("--jincai.cluster.enabled=true", "--jincai.cluster.partitions=remote",
                "--jincai.cluster.partitions-queue=" + queue, "--jincai.cluster.partition-poll=200ms",
                "--jincai.cluster.partition-timeout=" + PARTITION_TIMEOUT.toSeconds() + "s",
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=5672", "--spring.rabbitmq.username=guest", "--spring.rabbitmq.password=guest",
                "--jincai.payroll.adm-div-code=420000", "--jincai.payroll.answer-poll=PT0.5S",
                "--jincai.payroll.files-per-partition=" + FILES_PER_PARTITION,
                // the operator's restart is what this test exercises: the nodes' own takeover of a lost node's
                // execution (ExecutionSweep, scheduler's NodeLostMidJobTest) is kept out of its way
                "--jincai.scheduler.execution-sweep=1h",
                // a killed node is taken for lost (a restart is no longer refused for it, the banks' polling firings
                // it held move to the survivor) after the check-in interval plus Quartz's 7.5 s, not 22.5 s
                "--jincai.scheduler.cluster-checkin-interval=2s"));
        String[] accounts = {"9558800000000101", "9558800000000202", "9558800000000303"};
        for (int i = 0; i < 3; i++) {
            args.add("--jincai.payroll.payers[" + i + "].bank=" + SimulatedBanks.CODES.get(i));
            args.add("--jincai.payroll.payers[" + i + "].account=" + accounts[i]);
            args.add("--jincai.payroll.payers[" + i + "].name=HUBEI TREASURY PAYROLL");
        }
        return args;
    }

    /** Waits until the node has nothing in upload: its published files sent, none of its deliveries mid-upload. */
    private void awaitUploadsOf(HubProcess node, String home) throws Exception {
        StagingArea staging = new StagingArea(root.resolve(home).resolve("outbound"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean waiting = false;
            for (String bank : SimulatedBanks.CODES) {
                waiting |= !staging.waiting(bank).isEmpty();
            }
            if (!waiting && count("SELECT COUNT(*) FROM bank_delivery WHERE staged_by = '" + staging.id()
                    + "' AND status IN ('TRANSFERRING', 'UPLOADING')") == 0) {
                return;
            }
            Thread.sleep(100);
        }
        fail(home + "'s uploads did not settle:\n" + node.tail());
    }

    /** The identity of a node's bank staging area. */
    private String area(String home) {
        return new StagingArea(root.resolve(home).resolve("outbound")).id();
    }

    /**
     * Partitions of one bank ran on both nodes: some bank has a file first staged by one node in one partition and a
     * file first staged by the other in another partition (the lost file counted as its first node's). A partition is
     * a range of the bank's files, named {@code bank-<code>-files-<first>-<last>}; a file's number ends its batch id.
     */
    private void partitionsOfOneBankRanOnBothNodes(String runId, String lostFile, String lostNode) throws Exception {
        List<String> names = strings("SELECT DISTINCT s.step_name FROM batch_step_execution s JOIN"
                + " batch_job_execution_params p ON p.job_execution_id = s.job_execution_id WHERE p.parameter_name ="
                + " 'runId' AND p.parameter_value = '" + runId + "' AND s.step_name LIKE 'render-bank:%'");
        assertThat(names).as("more partitions than banks").hasSize(plannedPartitions(runId))
                .hasSizeGreaterThan(SimulatedBanks.CODES.size());
        Pattern name = Pattern.compile("render-bank:bank-(.+)-files-(\\d{3})-(\\d{3})");
        Map<String, Map<String, Set<String>>> nodesByPartitionOfBank = new HashMap<>();
        for (String row : strings("SELECT bank_code || ' ' || batch_id || ' ' || file_name || ' ' || staged_by"
                + " FROM bank_delivery WHERE batch_id LIKE '" + runId + "%'")) {
            String[] f = row.split(" ");
            int number = Integer.parseInt(f[1].substring(f[1].length() - 3));
            String node = f[2].equals(lostFile) ? area(lostNode) : f[3];
            String partition = names.stream().filter(n -> {
                Matcher m = name.matcher(n);
                return m.matches() && m.group(1).equals(f[0]) && Integer.parseInt(m.group(2)) <= number
                        && number <= Integer.parseInt(m.group(3));
            }).findFirst().orElseThrow(() -> new AssertionError("no partition of " + row + " in " + names));
            nodesByPartitionOfBank.computeIfAbsent(f[0], k -> new HashMap<>())
                    .computeIfAbsent(partition, k -> new HashSet<>()).add(node);
        }
        assertThat(nodesByPartitionOfBank.values()).as("a bank with a partition on one node and another on the other: "
                + nodesByPartitionOfBank).anyMatch(PayrollTwoNodesTest::twoPartitionsOnTwoNodes);
    }

    /** Two partitions of the bank, one with a file staged by a node and the other with a file by another node. */
    private static boolean twoPartitionsOnTwoNodes(Map<String, Set<String>> nodesByPartition) {
        for (Map.Entry<String, Set<String>> p : nodesByPartition.entrySet()) {
            for (Map.Entry<String, Set<String>> q : nodesByPartition.entrySet()) {
                if (!p.getKey().equals(q.getKey())
                        && p.getValue().stream().anyMatch(x -> q.getValue().stream().anyMatch(y -> !x.equals(y)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The partitions the run's render plan makes of its valid lines: each bank's cut into files of {@link #PER_FILE}
     * credits (the count limit; the amounts are far below the amount limit), {@link #FILES_PER_PARTITION} files a
     * partition.
     */
    private int plannedPartitions(String runId) {
        return count("SELECT SUM(((n + " + (PER_FILE - 1) + ") / " + PER_FILE + " + " + (FILES_PER_PARTITION - 1)
                + ") / " + FILES_PER_PARTITION + ") FROM (SELECT COUNT(*) AS n FROM payroll_line WHERE run_id = '"
                + runId + "' AND state = 'VALID' GROUP BY bank_code) b");
    }

    /** A line on the test's console: seconds since the class was loaded, for the test's timings. */
    private static void mark(String what) {
        String line = String.format("PayrollTwoNodesTest %,d lines +%ds (%s): %s%n", ROWS,
                Duration.ofNanos(System.nanoTime() - STARTED).toSeconds(), Instant.now(), what);
        System.out.print(line);
    }

    /** How many of the run's partitions are in {@code status}, over all its executions. */
    private int partitions(String runId, String status) throws Exception {
        return count("SELECT COUNT(*) FROM batch_step_execution s JOIN batch_job_execution_params p"
                + " ON p.job_execution_id = s.job_execution_id WHERE p.parameter_name = 'runId'"
                + " AND p.parameter_value = '" + runId + "' AND s.step_name LIKE 'render-bank:%' AND s.status = '"
                + status + "'");
    }

    private JsonNode awaitRun(HubProcess node, String runId, String job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = json.readTree(node.call("GET", "/api/v1/payroll/runs/" + runId, null, null, "auditor").body());
            if (job.equals(run.path("job").asString())) {
                break;
            }
            Thread.sleep(500);
        }
        return run;
    }

    private static void brokerUp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            fail("RabbitMQ is not reachable on 127.0.0.1:5672 (" + e.getMessage() + "): this test needs the broker;"
                    + " start it with `service rabbitmq-server start` (.ci/run does)");
        }
    }

    /** The {@code .part} files under a node's bank staging folders. */
    private static List<Path> parts(Path outbound) throws IOException {
        if (!Files.isDirectory(outbound)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(outbound)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(StagingArea.PART))
                    .toList();
        }
    }

    /** A hub JVM on {@code root/home} with the two nodes' arguments and {@code more}, started and ready. */
    private HubProcess start(String home, int run, String crashPoint, String... more) {
        try {
            return HubProcess.start(root.resolve(home), run, crashPoint, with(args, more));
        } catch (Exception e) {
            throw new IllegalStateException(home + " did not start", e);
        }
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private List<String> strings(String sql) {
        return postgres.jdbc().getJdbcTemplate().queryForList(sql, String.class);
    }

    private int count(String sql) {
        Integer n = postgres.jdbc().getJdbcTemplate().queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

}
