package org.jincai.bench.payroll;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code ./jincai bench payroll --rows N[,N...]} (docs/benchmarks.md): for each N, a payroll CSV of N lines (one in
 * 1,000 refused by design, across three banks), then in a fresh JVM each — so each has its own heap and RSS — the
 * baseline (read the CSV, write the same bank files with the same writers, no check, no database) and the hub (the
 * payroll job end to end on the embedded H2: validation, duplicates, payments and reservations, the approval,
 * rendering and staging; SFTP to a bank excluded). Prints rows per second, peak heap, peak RSS, the ratio to the
 * baseline, and the time of each step of the job.
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

    /** One measured case. */
    public record Measure(String caseName, long rows, long millis, long heapPeakBytes, long liveHeapPeakBytes,
                          long rssPeakKb, String steps) {

        double rowsPerSecond() {
            return rows * 1000.0 / Math.max(1, millis);
        }
    }

    private PayrollBench() {
    }

    public static List<Measure[]> run(PrintStream out, List<Integer> sizes, Child child) {
        List<Measure[]> results = new ArrayList<>();
        for (int n : sizes) {
            Path dir = temp();
            try {
                Path csv = dir.resolve("payroll-" + n + ".csv");
                PayrollCsv.write(csv, n, SPEC, StandardCharsets.UTF_8);
                out.printf("payroll bench: %,d rows, %,d bytes%n", n, Files.size(csv));
                Measure base = measure(child, "baseline", csv, dir.resolve("baseline"), out);
                Measure hub = measure(child, "hub", csv, dir.resolve("hub"), out);
                results.add(new Measure[] {base, hub});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                delete(dir);
            }
        }
        return results;
    }

    private static Measure measure(Child child, String mode, Path csv, Path home, PrintStream out) throws IOException {
        Files.createDirectories(home);
        Path log = home.resolveSibling(mode + ".out");
        Process p = new ProcessBuilder(child.command(List.of(mode, csv.toString(), home.toString())))
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
                Long.parseLong(f.get("rssPeakKb")), f.getOrDefault("steps", ""));
        out.printf("  %-8s %,10d rows in %,8d ms  %,10.0f rows/s  peak heap %,5d MB (live after GC %,5d MB)"
                + "  peak RSS %,5d MB%s%n", mode, m.rows(), m.millis(), m.rowsPerSecond(), m.heapPeakBytes() >> 20,
                m.liveHeapPeakBytes() >> 20, m.rssPeakKb() >> 10,
                m.steps().isEmpty() ? "" : "  steps (ms) " + m.steps());
        return m;
    }

    /** The results as the table of docs/benchmarks.md. */
    public static String markdown(List<Measure[]> results) {
        StringBuilder b = new StringBuilder("| rows | baseline rows/s | hub rows/s | ratio |"
                + " baseline heap / live / RSS (MB) | hub heap / live / RSS (MB) | hub steps (ms) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Measure[] r : results) {
            b.append(String.format("| %,d | %,.0f | %,.0f | %.3f | %d / %d / %d | %d / %d / %d | %s |%n", r[1].rows(),
                    r[0].rowsPerSecond(), r[1].rowsPerSecond(), r[1].rowsPerSecond() / r[0].rowsPerSecond(),
                    r[0].heapPeakBytes() >> 20, r[0].liveHeapPeakBytes() >> 20, r[0].rssPeakKb() >> 10,
                    r[1].heapPeakBytes() >> 20, r[1].liveHeapPeakBytes() >> 20, r[1].rssPeakKb() >> 10,
                    r[1].steps()));
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
