package org.jincai.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Two hubs as two JVMs on one database — the machine's PostgreSQL, so only with {@code JINCAI_TEST_DB=postgres}, as
 * a cluster runs (skipped on the embedded H2) — in cluster mode, each on a home of its own, both
 * serving the same three simulated banks and one finance system's shared folders. What a second node must never
 * do: take a voucher twice because it arrived at both nodes at once, send a payment twice because both nodes
 * release and both poll the banks' answers, or lose or double an inbox file when the node polling it dies.
 */
// a cluster's nodes share a server database: run with JINCAI_TEST_DB=postgres (CI's second pass does)
@EnabledIf("org.jincai.core.testing.TestDatabase#postgresRequested")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

    static final int ENVELOPES = 334;
    static final Duration QUIET = Duration.ofSeconds(120);
    static final Pattern PAYMENT_ID = Pattern.compile("(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])");

    final Path root = HubTestSupport.newHome("two-nodes");
    final ObjectMapper json = new ObjectMapper();
    SimulatedBanks banks;
    TestDatabase postgres;
    HubProcess a;
    HubProcess b;

    @BeforeAll
    void twoNodesOnOneDatabase() throws Exception {
        banks = SimulatedBanks.start(root, RejectionRule.accountEndingWith("0000"));
        List<String> args = new ArrayList<>(List.of(banks.hubArgument()));
        postgres = TestDatabase.create();
        postgres.springProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        // a cluster: the finance system's folders shared by both (one inbox, one outbox), a lost leader replaced fast
        args.addAll(List.of("--jincai.cluster.enabled=true", "--jincai.cluster.leader-ttl=4s",
                "--jincai.cluster.leader-heartbeat=500ms",
                // a list given here replaces the configuration file's whole: the finance system in full
                "--jincai.finance-systems[0].code=HUBEI-FIN", "--jincai.finance-systems[0].name=湖北省财政厅",
                "--jincai.finance-systems[0].adm-div-codes[0]=420000",
                "--jincai.finance-systems[0].folder=" + finance()));
        // one after the other: the first migrates the database, the second finds it migrated
        a = HubProcess.start(root.resolve("node-a"), 1, null, with(args, "--jincai.cluster.node-id=node-a"));
        b = HubProcess.start(root.resolve("node-b"), 1, null, with(args, "--jincai.cluster.node-id=node-b"));
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, banks}) {
            if (c != null) {
                c.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * The same 1,002 vouchers (334 envelopes of three) posted to both nodes at the same moment: for every voucher
     * one node answers ACCEPTED and the other DUPLICATE, and the database holds each once.
     */
    @Test
    @Order(1)
    void theSameVouchersPostedToBothNodesAtOnceAreAcceptedOnceEach() throws Exception {
        Map<String, List<String>> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < ENVELOPES; i++) {
                byte[] envelope = Envelopes.exampleRenumbered(tag(i));
                CyclicBarrier together = new CyclicBarrier(2);
                for (HubProcess node : List.of(a, b)) {
                    calls.add(CompletableFuture.runAsync(() -> post(node, envelope, together, answers), pool));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSize(ENVELOPES * 3);
        answers.forEach((voucher, statuses) -> assertThat(statuses).as("the answers for voucher " + voucher)
                .containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE"));
        assertThat(count("SELECT COUNT(*) FROM voucher")).isEqualTo(ENVELOPES * 3);
        assertThat(count("SELECT COUNT(DISTINCT voucher_no) FROM voucher")).isEqualTo(ENVELOPES * 3);
        // each node is Quartz's instance under its own node id (so a node restarted takes back its triggers at once)
        assertThat(strings("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE")).containsExactlyInAnyOrder("node-a", "node-b");
    }

    /**
     * Both nodes release at the same moment, again and again, and both poll the banks' answers: every payment
     * reaches its bank in one file, once, every file is answered and every voucher receipted — whichever node did
     * each part. Of two releases racing for the same payments one takes them and the other answers
     * CONCURRENT_CHANGE, having taken nothing.
     */
    @Test
    @Order(2)
    void bothNodesReleasingAndPollingSendEveryPaymentOnce() throws Exception {
        int payments = count("SELECT COUNT(*) FROM payment");
        assertThat(payments).isPositive();
        long deadline = System.nanoTime() + QUIET.toNanos();
        String waiting = "";
        List<String> releases = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            CompletableFuture<HttpResponse<String>> fromA = a.callAsync("POST", "/api/v1/releases", null, null, "operator");
            CompletableFuture<HttpResponse<String>> fromB = b.callAsync("POST", "/api/v1/releases", null, null, "operator");
            for (HttpResponse<String> released : List.of(fromA.get(60, TimeUnit.SECONDS), fromB.get(60, TimeUnit.SECONDS))) {
                String body = released.body();
                releases.add(released.statusCode() + " " + body.substring(0, Math.min(body.length(), 300)));
                // a release that lost the race for a payment to the other node's takes nothing and says so
                assertThat(released.statusCode() == 200
                        || released.statusCode() == 409 && released.body().contains("CONCURRENT_CHANGE"))
                        .as(released.statusCode() + " " + released.body()).isTrue();
            }
            waiting = notQuiet();
            if (waiting.isEmpty()) {
                break;
            }
            Thread.sleep(2_000);
        }
        assertThat(waiting).as("both nodes quiet within " + QUIET + "; the last releases "
                + releases.subList(Math.max(0, releases.size() - 4), releases.size()) + "; " + state()).isEmpty();

        BankSimulator simulator = banks.simulator();
        Map<String, String> fileOfPayment = new HashMap<>();
        for (String bank : SimulatedBanks.CODES) {
            List<String> received = simulator.receivedFiles(bank);
            assertThat(received).as("files " + bank + " received").doesNotHaveDuplicates();
            for (String file : received) {
                Matcher m = PAYMENT_ID.matcher(Files.readString(simulator.home(bank).resolve(BankSimulator.PROCESSED)
                        .resolve(file), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String before = fileOfPayment.putIfAbsent(m.group(), bank + "/" + file);
                    if (before != null && !before.equals(bank + "/" + file)) {
                        fail("payment " + m.group() + " reached the banks in " + before + " and in " + bank + "/" + file);
                    }
                }
            }
        }
        Map<String, String> releasedIn = new HashMap<>();
        for (String row : strings("SELECT p.payment_id || ' ' || d.bank_code || '/' || d.file_name FROM payment p"
                + " JOIN bank_delivery d ON d.delivery_id = p.delivery_id")) {
            releasedIn.put(row.substring(0, 32), row.substring(33));
        }
        assertThat(releasedIn).as("every payment released in a file").hasSize(payments);
        fileOfPayment.forEach((payment, file) -> assertThat(releasedIn.get(payment))
                .as("the file payment " + payment + " was released in").isEqualTo(file));
        List<String> received = new ArrayList<>();
        for (String bank : SimulatedBanks.CODES) {
            simulator.receivedFiles(bank).forEach(f -> received.add(bank + "/" + f));
        }
        assertThat(received).as("every file released reached its bank, once")
                .containsExactlyInAnyOrderElementsOf(new HashSet<>(releasedIn.values()));
        assertThat(count("SELECT COUNT(*) FROM bank_delivery WHERE status <> 'ANSWERED'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM voucher_answer")).as("one answer per voucher").isEqualTo(ENVELOPES * 3);
        assertThat(count("SELECT COUNT(*) FROM payment WHERE status <> 'RECEIPTED'")).isZero();
        List<String> answered = files(finance().resolve("outbox"));
        for (String voucher : strings("SELECT voucher_no FROM voucher")) {
            assertThat(answered.stream().filter(n -> n.contains("_" + voucher + "_")))
                    .as("the finance system's answers to voucher " + voucher + ", from either node").hasSize(1);
        }
    }

    /**
     * The elected node — the one polling the finance system's inbox — is killed with SIGKILL: its lock is not
     * renewed, the other node takes the lead within the lock's time to live and takes every file dropped in the
     * shared inbox, each once.
     */
    @Test
    @Order(3)
    void whenTheElectedNodeIsKilledTheOtherPollsTheInboxAndTakesEachFileOnce() throws Exception {
        String leader = leader();
        assertThat(leader).isIn("node-a", "node-b");
        HubProcess killed = leader.equals("node-a") ? a : b;
        String survivor = leader.equals("node-a") ? "node-b" : "node-a";
        int vouchers = count("SELECT COUNT(*) FROM voucher");

        killed.kill();
        Path inbox = Files.createDirectories(finance().resolve("inbox"));
        for (int i = 0; i < 10; i++) {
            String name = String.format("failover-%02d.xml", i);
            Path part = inbox.resolve(name + ".part");
            Files.write(part, Envelopes.exampleRenumbered(String.format("F%04d", i)));
            Files.move(part, inbox.resolve(name));
        }

        long deadline = System.nanoTime() + QUIET.toNanos();
        while (files(finance().resolve("archive")).size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(files(finance().resolve("archive"))).as("every file taken").hasSize(10);
        assertThat(leader()).as("the lead moved to the surviving node").isEqualTo(survivor);
        assertThat(files(finance().resolve("error"))).isEmpty();
        assertThat(files(inbox)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM intake_file WHERE file_name LIKE 'failover-%'")).isEqualTo(10);
        assertThat(count("SELECT COUNT(*) FROM voucher")).isEqualTo(vouchers + 30);
        String logs = Files.readString(root.resolve("node-a").resolve("logs").resolve("run-1.log"))
                + Files.readString(root.resolve("node-b").resolve("logs").resolve("run-1.log"));
        for (int i = 0; i < 10; i++) {
            String taken = String.format("failover-%02d.xml from HUBEI-FIN:", i);
            assertThat(logs.split(Pattern.quote(taken), -1)).as("times " + taken + " was taken").hasSize(2);
        }
    }

    /** The node holding the inbox poller's lock, as the database says. */
    private String leader() throws Exception {
        List<String> holders = strings("SELECT CLIENT_ID FROM INT_LOCK");
        return holders.isEmpty() ? "" : holders.get(0).strip();
    }

    /** The finance system's folders, shared by both nodes. */
    private Path finance() {
        return root.resolve("finance-shared");
    }

    private static List<String> with(List<String> args, String more) {
        List<String> all = new ArrayList<>(args);
        all.add(more);
        return all;
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** Where things stand, for a failure's message: payments and deliveries by status, and each node's warnings. */
    private String state() throws Exception {
        StringBuilder s = new StringBuilder("payments by status ")
                .append(strings("SELECT status || '=' || COUNT(*) FROM payment GROUP BY status"))
                .append(", deliveries by status ")
                .append(strings("SELECT status || '=' || COUNT(*) FROM bank_delivery GROUP BY status"));
        for (String node : List.of("node-a", "node-b")) {
            Path log = root.resolve(node).resolve("logs").resolve("run-1.log");
            List<String> warnings = Files.readAllLines(log).stream()
                    .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
            s.append("\n").append(node).append("'s last warnings:\n")
                    .append(String.join("\n", warnings.subList(Math.max(0, warnings.size() - 15), warnings.size())));
        }
        return s.toString();
    }

    /** What is still under way: a delivery not answered, a payment not receipted, an answer left at a bank. */
    private String notQuiet() throws Exception {
        int open = count("SELECT COUNT(*) FROM bank_delivery WHERE status <> 'ANSWERED'");
        if (open > 0) {
            return open + " deliveries not answered";
        }
        int unreceipted = count("SELECT COUNT(*) FROM payment WHERE status <> 'RECEIPTED'");
        if (unreceipted > 0) {
            return unreceipted + " payments not receipted";
        }
        for (String bank : SimulatedBanks.CODES) {
            Path outbox = banks.simulator().home(bank).resolve("outbox");
            try (var files = Files.list(outbox)) {
                if (files.anyMatch(f -> !f.getFileName().toString().startsWith("."))) {
                    return bank + "'s outbox holds answers";
                }
            }
        }
        // a voucher's answer is recorded, then staged on its node and moved into the finance system's outbox
        for (String node : List.of("node-a", "node-b")) {
            Path staged = root.resolve(node).resolve("finance-outbound").resolve("HUBEI-FIN");
            if (Files.isDirectory(staged)) {
                try (var files = Files.list(staged)) {
                    long waiting = files.filter(f -> Files.isRegularFile(f)
                            && !f.getFileName().toString().startsWith(".")).count();
                    if (waiting > 0) {
                        return waiting + " answers staged on " + node + ", not yet in the finance system's outbox";
                    }
                }
            }
        }
        return "";
    }

    private void post(HubProcess node, byte[] envelope, CyclicBarrier together, Map<String, List<String>> answers) {
        try {
            together.await(60, TimeUnit.SECONDS);
            HttpResponse<String> r = node.call("POST", "/api/v1/vouchers", envelope, "application/xml", "finance");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            for (JsonNode v : json.readTree(r.body()).get("vouchers")) {
                answers.computeIfAbsent(v.get("voucherNo").asString(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(v.get("status").asString());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Five characters replacing the example's {@code T2026}: {@code N0000} to {@code N0333}. */
    private static String tag(int i) {
        return String.format("N%04d", i);
    }

    private List<String> strings(String sql) {
        return postgres.jdbc().getJdbcTemplate().queryForList(sql, String.class);
    }

    private int count(String sql) {
        Integer n = postgres.jdbc().getJdbcTemplate().queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
