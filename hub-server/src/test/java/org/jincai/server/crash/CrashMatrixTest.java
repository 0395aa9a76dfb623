package org.jincai.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 7's crash matrix: the hub in a child JVM killed with SIGKILL at each named crash point of its flows
 * (docs in integration-routes/README.md), each kill followed by a restart, an operator's "release again",
 * a wait until quiet (no delivery in flight, every voucher answered, nothing staged, every bank answer
 * taken) and the invariants, checked against the database and against what the simulated banks received:
 * <ul>
 *   <li>every voucher acknowledged (a 202, an inbox file archived) is stored — checked right after the kill;</li>
 *   <li>every payment is in at most one file a bank received, and no file reached a bank twice;</li>
 *   <li>no payment stuck: every one ends RECEIPTED, every delivery ANSWERED;</li>
 *   <li>every voucher is answered upstream exactly once (one receipt or return in the finance outbox).</li>
 * </ul>
 * The banks are one simulator in this JVM, so they outlive every hub killed. Each step's restart is also the
 * next step's run (one start per crash point): its point stays dormant while it recovers and is armed only
 * for the step's own work; the last restart runs without one and stops gracefully.
 * With {@code JINCAI_TEST_DB=postgres} the hub runs on a PostgreSQL schema instead of its H2 file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashMatrixTest {

    static final Duration QUIET = Duration.ofSeconds(60);
    static final Duration POINT = Duration.ofSeconds(45);
    static final String FINANCE = "HUBEI-FIN";
    static final List<String> BANKS = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");
    static final Pattern PAYMENT_ID = Pattern.compile("(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])");

    final Path root = HubTestSupport.newHome("crash");
    final Path home = root.resolve("home");
    final ObjectMapper json = new ObjectMapper();
    final Set<String> vouchers = new LinkedHashSet<>();
    final Set<String> acknowledged = new LinkedHashSet<>();
    final List<byte[]> unanswered = new ArrayList<>();
    TestDatabase postgres;
    BankSimulator simulator;
    List<String> hubArgs;
    HubProcess hub;
    int run;

    /** What a step does to reach its crash point; it ends with the hub killed. */
    @FunctionalInterface
    interface Workload {
        void crash(String tag) throws Exception;
    }

    record Step(String name, String point, Workload workload) {
    }

    @BeforeAll
    void banksAndConfiguration() throws Exception {
        Files.createDirectories(home);
        SimulatedBanks banks = SimulatedBanks.start(root, RejectionRule.accountEndingWith("0000"));
        simulator = banks.simulator();
        hubArgs = new ArrayList<>(List.of(banks.hubArgument()));
        if (TestDatabase.postgresRequested()) {
            postgres = TestDatabase.create();
            postgres.springProperties().forEach((k, v) -> hubArgs.add("--" + k + "=" + v));
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPaymentAtMostOnceEveryAcknowledgedVoucherKeptAndAnsweredOnceWhereverTheHubIsKilled() {
        List<Step> steps = List.of(
                new Step("during a REST intake", "intake-voucher-done@2", this::restIntakeInterrupted),
                new Step("right after a REST intake's 202", null, this::restIntakeAcknowledged),
                new Step("in the middle of an inbox file", "intake-voucher-done@2", this::inboxFileInterrupted),
                new Step("right after an inbox file is archived", null, this::inboxFileArchived),
                new Step("in the middle of a release (a file staged, not recorded)", "release-file-written",
                        this::releaseBlocked),
                new Step("after the release's commit, before the rename", "release-recorded", this::releaseBlocked),
                new Step("after staging (renamed, ready for upload)", "release-staged", this::releaseBlocked),
                new Step("in the middle of an upload", "upload-mid-transfer", this::flowTo),
                new Step("with the temporary file complete, before the rename", "upload-before-rename", this::flowTo),
                new Step("after the rename on the server, before the database knows", "upload-after-rename",
                        this::flowTo),
                new Step("after the rename, at a bank that moves each file out at once", "upload-after-rename",
                        this::flowToABankThatMovesFilesOut),
                new Step("in the middle of applying an answer", "answer-before-commit", this::flowTo),
                new Step("after an answer's commit, before it is archived at the bank", "answer-applied", this::flowTo),
                new Step("in the middle of a receipt (staged, not recorded)", "receipt-staged", this::flowTo),
                new Step("after a receipt's commit, before its rename", "receipt-recorded", this::flowTo));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String next = i + 1 < steps.size() ? steps.get(i + 1).point() : null;
            boolean last = i + 1 == steps.size();
            String tag = String.format("C%02dXA", i + 1);
            tests.add(DynamicTest.dynamicTest("killed " + step.name() + (step.point() == null ? "" : " [" + step.point()
                    + "]"), () -> crashRestartAndCheck(step, tag, next, last)));
        }
        return tests.stream();
    }

    /**
     * Runs a step on the hub started for it (armed with its point), kills it there, checks that what was
     * acknowledged survived, then restarts it — armed for the next step — and waits until it is quiet.
     */
    private void crashRestartAndCheck(Step step, String tag, String nextPoint, boolean last) throws Exception {
        if (hub == null) {
            hub = HubProcess.start(home, ++run, step.point(), hubArgs);
        }
        try {
            hub.arm();
            step.workload().crash(tag);
            assertThat(hub.alive()).as("the hub was killed").isFalse();
            assertAcknowledgedVouchersStored();

            hub = HubProcess.start(home, ++run, last ? null : nextPoint, hubArgs);
            recoverAndAwaitQuiet();
            simulator.faults().clear();
            assertBanksReceivedEachPaymentOnce();
            assertEachVoucherAnsweredOnce();
            if (last) {
                hub.stop();
                assertNothingStuck();
            }
        } catch (AssertionError | Exception e) {
            String log = hub.tail();
            hub.close();
            hub = null;
            throw new AssertionError(e.getMessage() + "\n--- the hub's log, run " + run + ":\n" + log, e);
        }
    }

    // ---- the workloads ----

    private void restIntakeInterrupted(String tag) throws Exception {
        byte[] envelope = Envelopes.exampleRenumbered(tag);
        vouchers.addAll(keys(tag));
        hub.callAsync("POST", "/api/v1/vouchers", envelope, "application/xml", "finance");
        requirePoint();
        hub.kill();
        // the finance system never had its 202: it sends the envelope again once the hub is back
        unanswered.add(envelope);
    }

    private void restIntakeAcknowledged(String tag) throws Exception {
        vouchers.addAll(keys(tag));
        HttpResponse<String> response = hub.call("POST", "/api/v1/vouchers", Envelopes.exampleRenumbered(tag),
                "application/xml", "finance");
        hub.kill();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        acknowledge(response);
    }

    private void inboxFileInterrupted(String tag) throws Exception {
        vouchers.addAll(keys(tag));
        drop(tag);
        requirePoint();
        hub.kill();
    }

    private void inboxFileArchived(String tag) throws Exception {
        vouchers.addAll(keys(tag));
        String name = drop(tag);
        Path archived = home.resolve("finance").resolve(FINANCE).resolve("archive");
        long deadline = System.nanoTime() + POINT.toNanos();
        while (!archivedAs(archived, name)) {
            if (System.nanoTime() > deadline) {
                fail("the inbox file " + name + " was never archived");
            }
            Thread.sleep(2);
        }
        hub.kill();
        acknowledged.addAll(keys(tag));
    }

    private void releaseBlocked(String tag) throws Exception {
        intake(tag);
        hub.callAsync("POST", "/api/v1/releases", null, null, "operator");
        requirePoint();
        hub.kill();
    }

    private void flowTo(String tag) throws Exception {
        intake(tag);
        HttpResponse<String> released = hub.call("POST", "/api/v1/releases", null, null, "operator");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        requirePoint();
        hub.kill();
    }

    private void flowToABankThatMovesFilesOut(String tag) throws Exception {
        simulator.faults().moveArrivalsOut();
        flowTo(tag);
    }

    private void intake(String tag) throws Exception {
        vouchers.addAll(keys(tag));
        HttpResponse<String> response = hub.call("POST", "/api/v1/vouchers", Envelopes.exampleRenumbered(tag),
                "application/xml", "finance");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        acknowledge(response);
    }

    private void requirePoint() throws InterruptedException {
        if (!hub.awaitCrashPoint(POINT)) {
            fail("the crash point was not reached within " + POINT);
        }
    }

    /** Drops the renumbered example into the finance system's inbox as it would: a temporary name, then a rename. */
    private String drop(String tag) throws IOException {
        Path inbox = Files.createDirectories(home.resolve("finance").resolve(FINANCE).resolve("inbox"));
        String name = "envelope-" + tag + ".xml";
        Path part = inbox.resolve(name + ".part");
        Files.write(part, Envelopes.exampleRenumbered(tag));
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }

    private static boolean archivedAs(Path archive, String name) throws IOException {
        if (!Files.isDirectory(archive)) {
            return false;
        }
        try (Stream<Path> files = Files.list(archive)) {
            return files.anyMatch(p -> p.getFileName().toString().contains(name.replace(".xml", "")));
        }
    }

    private void acknowledge(HttpResponse<String> response) {
        for (JsonNode v : json.readTree(response.body()).get("vouchers")) {
            if ("ACCEPTED".equals(v.get("status").asString())) {
                acknowledged.add(v.get("voucherNo").asString());
            }
        }
    }

    /** The example's three vouchers renumbered with {@code tag}: 8202 …01, 5201 …02 and …03. */
    private static List<String> keys(String tag) {
        return List.of(tag + "00000001", tag + "00000002", tag + "00000003");
    }

    // ---- recovery and quiet ----

    /**
     * What the people around the hub do once it is back: the finance system sends again what got no 202, the
     * operator releases again; then everything is waited for: no delivery in flight or held, every voucher
     * answered, nothing left staged, no answer left in a bank's outbox.
     */
    private void recoverAndAwaitQuiet() throws Exception {
        for (byte[] envelope : unanswered) {
            HttpResponse<String> again = hub.call("POST", "/api/v1/vouchers", envelope, "application/xml", "finance");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            acknowledge(again);
        }
        unanswered.clear();
        long deadline = System.nanoTime() + QUIET.toNanos();
        long nextRelease = 0;
        String waitingFor = "";
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextRelease) {
                HttpResponse<String> released = hub.call("POST", "/api/v1/releases", null, null, "operator");
                assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
                nextRelease = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            waitingFor = notQuiet();
            if (waitingFor.isEmpty() && simulator.awaitIdle(Duration.ZERO) && notQuiet().isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("not quiet within " + QUIET + ": " + waitingFor);
    }

    /** What the hub is still doing, or "" when quiet. */
    private String notQuiet() throws Exception {
        HttpResponse<String> listed = hub.call("GET", "/api/v1/deliveries?size=500", null, null, "operator");
        assertThat(listed.statusCode()).isEqualTo(200);
        for (JsonNode d : json.readTree(listed.body()).get("items")) {
            String status = d.get("status").asString();
            if (status.equals("DELIVERY_UNCERTAIN")) {
                fail("delivery " + d.get("fileName").asString() + " is held as DELIVERY_UNCERTAIN: "
                        + d.get("statusReason").asString());
            }
            if (!status.equals("ANSWERED")) {
                return "delivery " + d.get("fileName").asString() + " is " + status;
            }
        }
        for (String voucher : vouchers) {
            String vt = voucher.endsWith("01") ? "8202" : "5201";
            HttpResponse<String> receipt = hub.call("GET", "/api/v1/vouchers/420000/2026/" + vt + "/" + voucher
                    + "/receipt", null, null, "operator");
            if (receipt.statusCode() != 200) {
                return "voucher " + voucher + " not answered (" + receipt.statusCode() + ")";
            }
        }
        Path finance = home.resolve("finance").resolve(FINANCE);
        for (Path folder : List.of(finance.resolve("inbox"), home.resolve("finance-outbound").resolve(FINANCE))) {
            if (!files(folder).isEmpty()) {
                return folder + " holds " + files(folder);
            }
        }
        for (String bank : BANKS) {
            List<String> staged = files(home.resolve("outbound").resolve(bank));
            if (!staged.isEmpty()) {
                return "staged for " + bank + ": " + staged;
            }
            List<String> answers = files(simulator.home(bank).resolve("outbox"));
            if (!answers.isEmpty()) {
                return bank + "'s outbox holds " + answers;
            }
        }
        return "";
    }

    // ---- the invariants ----

    /** Right after the kill: everything the hub acknowledged is in its database. */
    private void assertAcknowledgedVouchersStored() throws Exception {
        Set<String> stored = new HashSet<>(query("SELECT voucher_no FROM voucher", rs -> rs.getString(1)));
        assertThat(stored).as("vouchers acknowledged before the kill").containsAll(acknowledged);
    }

    /** No file reached a bank twice, and no payment is in two files a bank received. */
    private void assertBanksReceivedEachPaymentOnce() throws IOException {
        Map<String, String> fileOfPayment = new HashMap<>();
        for (String bank : BANKS) {
            List<String> received = simulator.receivedFiles(bank);
            assertThat(received).as("files " + bank + " received").doesNotHaveDuplicates();
            for (String file : received) {
                byte[] content = Files.readAllBytes(simulator.home(bank).resolve(BankSimulator.PROCESSED).resolve(file));
                Matcher m = PAYMENT_ID.matcher(new String(content, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String before = fileOfPayment.putIfAbsent(m.group(), bank + "/" + file);
                    if (before != null && !before.equals(bank + "/" + file)) {
                        fail("payment " + m.group() + " reached the banks in " + before + " and in " + bank + "/" + file);
                    }
                }
            }
        }
    }

    /** One receipt or return per voucher in the finance system's outbox, never two. */
    private void assertEachVoucherAnsweredOnce() throws IOException {
        List<String> outbox = files(home.resolve("finance").resolve(FINANCE).resolve("outbox"));
        for (String voucher : vouchers) {
            assertThat(outbox.stream().filter(n -> n.contains("_" + voucher + "_")))
                    .as("answers of voucher " + voucher + " in " + outbox).hasSize(1);
        }
    }

    /** After the last, graceful stop: every payment receipted in the file it was released in, every file answered. */
    private void assertNothingStuck() throws Exception {
        assertThat(query("SELECT voucher_no FROM voucher", rs -> rs.getString(1)))
                .containsExactlyInAnyOrderElementsOf(vouchers);
        assertThat(query("SELECT DISTINCT status FROM payment", rs -> rs.getString(1))).containsExactly("RECEIPTED");
        assertThat(query("SELECT DISTINCT status FROM bank_delivery", rs -> rs.getString(1))).containsExactly("ANSWERED");
        assertThat(query("SELECT COUNT(*) FROM voucher_answer", rs -> rs.getInt(1))).containsExactly(vouchers.size());
        Map<String, String> fileOfPayment = new HashMap<>();
        for (String row : query("SELECT p.payment_id || ' ' || d.bank_code || '/' || d.file_name FROM payment p"
                + " JOIN bank_delivery d ON d.delivery_id = p.delivery_id", rs -> rs.getString(1))) {
            fileOfPayment.put(row.substring(0, 32), row.substring(33));
        }
        for (String bank : BANKS) {
            for (String file : simulator.receivedFiles(bank)) {
                Matcher m = PAYMENT_ID.matcher(Files.readString(simulator.home(bank).resolve(BankSimulator.PROCESSED)
                        .resolve(file), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    assertThat(fileOfPayment.get(m.group())).as("the file payment " + m.group() + " was released in")
                            .isEqualTo(bank + "/" + file);
                }
            }
            assertThat(files(home.resolve("outbound").resolve(bank).resolve(StagingArea.HELD))).isEmpty();
            assertThat(files(home.resolve("outbound").resolve(bank).resolve(StagingArea.QUARANTINE))).isEmpty();
        }
    }

    // ---- plumbing ----

    private <T> List<T> query(String sql, SqlRow<T> row) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        }
    }

    @FunctionalInterface
    interface SqlRow<T> {
        T map(ResultSet rs) throws Exception;
    }

    /** The hub's own database, opened while no hub runs (the embedded H2 admits one process at a time). */
    private Connection connect() throws Exception {
        if (postgres != null) {
            return postgres.dataSource().getConnection();
        }
        return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jincai") + ";WRITE_DELAY=0",
                "sa", "");
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
