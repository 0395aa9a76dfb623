package org.jincai.bench.payroll;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * {@code ./jincai bench payroll --rows N[,N...] [--nodes K[,K...]] [--db h2|postgres]} (docs/benchmarks.md): for each
 * N, a payroll CSV of N lines (one in 1,000 refused by design, across three banks), then in a fresh JVM each — so each
 * has its own heap and RSS — the baseline (read the CSV, write the same bank files with the same writers, no check, no
 * database) and the hub (the payroll job end to end: validation, duplicates, payments and reservations, the approval,
 * rendering and staging; SFTP to a bank excluded) on each number of nodes. Prints rows per second, peak heap, peak
 * RSS, the ratio to the baseline, and the time of each step of the job.
 *
 * <p>One node runs the render's partitions (one per bank) on its own threads ({@code jincai.cluster.partitions:
 * local}); K nodes are K JVMs in cluster mode on one database with remote partitions over RabbitMQ: the first runs
 * the payroll and one partition worker, each other one serves with two workers (as {@code PayrollTwoNodesTest}), on a
 * queue of the run's own, deleted afterwards. Several nodes need a shared database: {@code --db postgres} ({@code
 * --pg-url}, user postgres without password, a schema of each case's own, dropped afterwards); the default is the
 * embedded H2, one node only. {@code --rabbit HOST:PORT} (guest/guest) gives the broker.
 */
public final class PayrollBench {

    static final PayrollCsv.Spec SPEC = new PayrollCsv.Spec("219011", "2050201", "50101", "11", PayrollBenchApp.BANKS,
            1000, 0);
    /** The children's heap: small, so a run that held its rows in memory would fail rather than pass slowly. */
    public static final String CHILD_HEAP = "768m";
    public static final String MAIN_CLASS = PayrollBenchCase.class.getName();

    /** Builds the command of a child JVM running {@link #MAIN_CLASS} with these arguments. */
    @FunctionalInterface
    public interface Child {
        List<String> command(List<String> args);
    }

    /** A child from this JVM's class path. */
    public static Child sameClasspath() {
        return args -> {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + CHILD_HEAP, "-cp", System.getProperty("java.class.path"), MAIN_CLASS));
            cmd.addAll(args);
            return cmd;
        };
    }

    /** What to run: the sizes, the numbers of nodes, the database and the broker. */
    public record Options(List<Integer> rows, List<Integer> nodes, String db, String pgUrl, String rabbitHost,
                          int rabbitPort) {

        public static final String USAGE = "use 'bench payroll --rows N[,N...] [--nodes K[,K...]] [--db h2|postgres]"
                + " [--pg-url JDBC-URL] [--rabbit HOST:PORT]'";

        public Options {
            if (rows.isEmpty() || rows.stream().anyMatch(n -> n < 1) || nodes.isEmpty()
                    || nodes.stream().anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException(USAGE + ": rows and nodes are positive");
            }
            if (!db.equals("h2") && !db.equals("postgres")) {
                throw new IllegalArgumentException(USAGE + ": --db is h2 or postgres");
            }
            if (db.equals("h2") && nodes.stream().anyMatch(k -> k > 1)) {
                throw new IllegalArgumentException("several nodes share one server database: add --db postgres");
            }
        }

        /** The options of the command line after {@code payroll}. */
        public static Options parse(List<String> args) {
            Map<String, String> given = new TreeMap<>();
            for (int i = 0; i + 1 < args.size(); i += 2) {
                if (!List.of("--rows", "--nodes", "--db", "--pg-url", "--rabbit").contains(args.get(i))
                        || given.put(args.get(i), args.get(i + 1)) != null) {
                    throw new IllegalArgumentException(USAGE);
                }
            }
            if (args.size() % 2 != 0 || !given.containsKey("--rows")) {
                throw new IllegalArgumentException(USAGE);
            }
            String rabbit = given.getOrDefault("--rabbit", "127.0.0.1:5672");
            int colon = rabbit.lastIndexOf(':');
            try {
                return new Options(numbers(given.get("--rows")), numbers(given.getOrDefault("--nodes", "1")),
                        given.getOrDefault("--db", "h2"),
                        given.getOrDefault("--pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                        colon < 0 ? rabbit : rabbit.substring(0, colon),
                        colon < 0 ? 5672 : Integer.parseInt(rabbit.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(USAGE, e);
            }
        }

        private static List<Integer> numbers(String list) {
            return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
        }
    }

    /** One measured case. */
    public record Measure(String caseName, long rows, long millis, long heapPeakBytes, long liveHeapPeakBytes,
                          long rssPeakKb, String steps, Map<String, Long> stagedByNode) {

        double rowsPerSecond() {
            return rows * 1000.0 / Math.max(1, millis);
        }
    }

    private PayrollBench() {
    }

    /**
     * For each size: the baseline, then the hub on each number of nodes. Each array holds the baseline first, then
     * one measure per number of nodes, in the order given.
     */
    public static List<Measure[]> run(PrintStream out, Options options, Child child) {
        List<Measure[]> results = new ArrayList<>();
        for (int n : options.rows()) {
            Path dir = temp();
            try {
                Path csv = dir.resolve("payroll-" + n + ".csv");
                PayrollCsv.write(csv, n, SPEC, StandardCharsets.UTF_8);
                out.printf("payroll bench: %,d rows, %,d bytes; hub on %s, nodes %s%n", n, Files.size(csv),
                        options.db(), options.nodes());
                List<Measure> row = new ArrayList<>();
                row.add(measure(child, "baseline", csv, dir.resolve("baseline"), List.of(), out));
                for (int k : options.nodes()) {
                    row.add(hub(child, options, k, csv, dir.resolve("hub-" + k), out));
                }
                results.add(row.toArray(Measure[]::new));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                delete(dir);
            }
        }
        return results;
    }

    /** The hub on {@code k} nodes: the first runs the payroll, the others serve as partition workers. */
    private static Measure hub(Child child, Options options, int k, Path csv, Path dir, PrintStream out)
            throws IOException {
        String caseName = "hub-" + k + (k == 1 ? "-node" : "-nodes");
        if (options.db().equals("h2")) {
            return measure(child, caseName, csv, dir.resolve("node-1"), List.of(), out);
        }
        String schema = "bench_payroll_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String queue = "jincai.bench.payroll-" + UUID.randomUUID();
        List<String> shared = new ArrayList<>(List.of(
                "--spring.datasource.url=" + options.pgUrl() + (options.pgUrl().contains("?") ? "&" : "?")
                        + "currentSchema=" + schema,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema, "--spring.flyway.placeholders.binary_type=BYTEA"));
        if (k > 1) {
            shared.addAll(List.of("--jincai.cluster.enabled=true", "--jincai.cluster.partitions=remote",
                    "--jincai.cluster.partitions-queue=" + queue, "--jincai.cluster.partition-poll=200ms",
                    "--spring.rabbitmq.host=" + options.rabbitHost(), "--spring.rabbitmq.port=" + options.rabbitPort(),
                    "--spring.rabbitmq.username=guest", "--spring.rabbitmq.password=guest"));
        }
        postgres(options.pgUrl(), "CREATE SCHEMA " + schema);
        List<Process> workers = new ArrayList<>();
        try {
            // one node at a time, each once the one before serves: the first migrates the schema, alone
            Measure m;
            if (k == 1) {
                m = measure(child, caseName, csv, dir.resolve("node-1"), shared, out);
            } else {
                for (int i = 2; i <= k; i++) {
                    workers.add(worker(child, csv, dir.resolve("node-" + i), with(shared,
                            "--jincai.cluster.node-id=bench-node-" + i, "--jincai.cluster.partition-workers=2")));
                }
                m = measure(child, caseName, csv, dir.resolve("node-1"), with(shared,
                        "--jincai.cluster.node-id=bench-node-1", "--jincai.cluster.partition-workers=1"), out);
            }
            Map<String, Long> staged = new TreeMap<>();
            for (int i = 1; i <= k; i++) {
                staged.put("node-" + i, stagedFiles(dir.resolve("node-" + i)));
            }
            out.printf("  %-12s bank files staged by node: %s%n", "", staged);
            return new Measure(m.caseName(), m.rows(), m.millis(), m.heapPeakBytes(), m.liveHeapPeakBytes(),
                    m.rssPeakKb(), m.steps(), staged);
        } finally {
            for (Process w : workers) {
                stop(w);
            }
            if (k > 1) {
                deleteQueue(options, queue);
            }
            postgres(options.pgUrl(), "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The bank files a node staged (its {@code staging/banks}, the staging area's own marker left out). */
    private static long stagedFiles(Path home) throws IOException {
        Path banks = home.resolve("staging/banks");
        if (!Files.isDirectory(banks)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(banks)) {
            return all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    /** A node that serves until stopped, started and ready (its log says so), or an exception with its log's end. */
    private static Process worker(Child child, Path csv, Path home, List<String> args) throws IOException {
        Files.createDirectories(home);
        Path log = home.resolveSibling(home.getFileName() + ".out");
        List<String> caseArgs = new ArrayList<>(List.of("worker", csv.toString(), home.toString()));
        caseArgs.addAll(args);
        Process p = new ProcessBuilder(child.command(caseArgs)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log);
            if (lines.contains(PayrollBenchCase.WORKER_READY)) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("worker " + home + " ended before serving:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("worker " + home + " not ready within 3 minutes");
    }

    /** Closes the worker's standard input, its signal to stop, and waits for it (a minute, then it is killed). */
    private static void stop(Process worker) {
        try {
            worker.getOutputStream().close();
            if (!worker.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            worker.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void postgres(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQueue(Options options, String queue) {
        CachingConnectionFactory broker = new CachingConnectionFactory(options.rabbitHost(), options.rabbitPort());
        try {
            new RabbitAdmin(broker).deleteQueue(queue);
        } finally {
            broker.destroy();
        }
    }

    private static Measure measure(Child child, String mode, Path csv, Path home, List<String> args, PrintStream out)
            throws IOException {
        Files.createDirectories(home);
        Path log = home.resolveSibling(mode + ".out");
        List<String> caseArgs = new ArrayList<>(List.of(mode.startsWith("hub") ? "hub" : mode, csv.toString(),
                home.toString()));
        caseArgs.addAll(args);
        Process p = new ProcessBuilder(child.command(caseArgs))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> lines = Files.readAllLines(log);
        String result = lines.stream().filter(l -> l.startsWith("PAYROLL-BENCH ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(mode + " failed:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))));
        Map<String, String> f = new TreeMap<>();
        for (String kv : result.substring("PAYROLL-BENCH ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Measure m = new Measure(mode, Long.parseLong(f.get("rows")), Long.parseLong(f.get("millis")),
                Long.parseLong(f.get("heapPeakBytes")), Long.parseLong(f.get("liveHeapPeakBytes")),
                Long.parseLong(f.get("rssPeakKb")), f.getOrDefault("steps", ""), Map.of());
        out.printf("  %-12s %,10d rows in %,8d ms  %,10.0f rows/s  peak heap %,5d MB (live after full GC %,5d MB)"
                + "  peak RSS %,5d MB%s%n", mode, m.rows(), m.millis(), m.rowsPerSecond(), m.heapPeakBytes() >> 20,
                m.liveHeapPeakBytes() >> 20, m.rssPeakKb() >> 10,
                m.steps().isEmpty() ? "" : "  steps (ms) " + m.steps());
        return m;
    }

    /** The results as the table of docs/benchmarks.md: a line per hub case, beside its size's baseline. */
    public static String markdown(List<Measure[]> results) {
        StringBuilder b = new StringBuilder("| rows | hub case | baseline rows/s | hub rows/s | ratio |"
                + " baseline heap / live / RSS (MB) | hub heap / live / RSS (MB) | hub steps (ms) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Measure[] r : results) {
            for (int i = 1; i < r.length; i++) {
                b.append(String.format("| %,d | %s | %,.0f | %,.0f | %.3f | %d / %d / %d | %d / %d / %d | %s |%n",
                        r[i].rows(), r[i].caseName(), r[0].rowsPerSecond(), r[i].rowsPerSecond(),
                        r[i].rowsPerSecond() / r[0].rowsPerSecond(), r[0].heapPeakBytes() >> 20,
                        r[0].liveHeapPeakBytes() >> 20, r[0].rssPeakKb() >> 10, r[i].heapPeakBytes() >> 20,
                        r[i].liveHeapPeakBytes() >> 20, r[i].rssPeakKb() >> 10, r[i].steps()));
            }
        }
        return b.toString();
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("jincai-payroll-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, c) -> c.compareTo(a)).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
