package org.jincai.bench.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.bank.simulator.statement.Camt053V08Writer;
import org.jincai.formats.iso20022.CreditDebit;

/**
 * The formats benchmark, side by side in one run: writing a pain.001.001.09 payroll of N credits
 * with the hub's streaming writer, with a bare {@code XMLStreamWriter} of the hub's StAX implementation
 * writing the same elements, with Prowide's object model, and with a raw template producing the same bytes
 * (the floor); reading a camt.053.001.08 of N entries with the hub's reader, with a bare pass of the same
 * StAX implementation (count {@code Ntry}, sum {@code Amt}) and with Prowide's {@code parse}. Every case runs in a fresh child JVM ({@link ChildJvm}, {@link BenchCase}),
 * so peak RSS and heap are per case; a case that fails (Prowide at a million) is reported as failed
 * with its reason. Inputs go to a temporary folder that is deleted afterwards.
 *
 * <p>{@code java -cp message-formats/target/classes:<dependencies> org.jincai.bench.formats.FormatsBench
 * [N ...] [--markdown FILE] [--timeout SECONDS]}; {@code ./jincai bench formats} runs the same through
 * {@link #run(PrintStream, List, ChildJvm)}. Targets (docs/benchmarks.md): the hub's writer at least 4x
 * Prowide at 100,000, within 1.5x of the floor and within 1.2x of the bare writer; its reader at least
 * 0.6 of the bare pass and 6x Prowide at 100,000; both handle 1,000,000 with a peak RSS under 300 MB.
 */
public final class FormatsBench {

    public static final List<Integer> DEFAULT_SIZES = List.of(10_000, 100_000, 1_000_000);
    public static final List<String> CASES = List.of("write-hub", "write-bare", "write-prowide", "write-floor", "read-hub",
            "read-bare", "read-prowide");
    /** A case that has not finished by then is stopped and reported as failed. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 900;

    /** One case's outcome; {@code failure} is null when it ran. */
    public record CaseResult(String caseName, int n, long millis, long rssPeakKb, long heapPeakMb, long items, String sum,
            long bytes, String sha256, String failure) {

        public boolean ok() {
            return failure == null;
        }

        /** Items (transactions written, entries read) per second. */
        public double perSecond() {
            return ok() && millis > 0 ? items * 1000.0 / millis : 0;
        }
    }

    private FormatsBench() {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        Path markdown = null;
        long timeout = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--timeout" -> timeout = Long.parseLong(args[++i]);
                default -> sizes.add(Integer.parseInt(args[i].replace("_", "").replace(",", "")));
            }
        }
        List<CaseResult> results = run(System.out, sizes.isEmpty() ? DEFAULT_SIZES : sizes, ChildJvm.sameClasspath(), timeout);
        if (markdown != null) {
            Files.writeString(markdown, markdown(results), StandardCharsets.UTF_8);
            System.out.println("markdown written to " + markdown);
        }
    }

    /** Runs every case for every size with the default timeout, prints progress and the table to {@code out}. */
    public static List<CaseResult> run(PrintStream out, List<Integer> sizes, ChildJvm launcher) {
        return run(out, sizes, launcher, DEFAULT_TIMEOUT_SECONDS);
    }

    public static List<CaseResult> run(PrintStream out, List<Integer> sizes, ChildJvm launcher, long timeoutSeconds) {
        List<CaseResult> results = new ArrayList<>();
        out.printf(Locale.ROOT, "formats benchmark: %d cores, %s %s, cases in child JVMs%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (int n : sizes) {
            Path dir;
            try {
                dir = Files.createTempDirectory("jincai-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Path camt = dir.resolve("camt.053.001.08-" + n + ".xml");
                writeStatement(camt, n);
                out.printf(Locale.ROOT, "N=%,d: camt.053 input %,d bytes%n", n, size(camt));
                for (String c : CASES) {
                    Path arg = c.startsWith("read") ? camt : dir;
                    CaseResult r = runCase(launcher, c, n, arg, dir, timeoutSeconds);
                    results.add(r);
                    out.println("  " + line(r));
                    deleteOutputs(dir, camt);
                }
            } finally {
                deleteTree(dir);
            }
        }
        out.println();
        out.print(table(results));
        return results;
    }

    /** The benchmark's statement: one Stmt, the payroll's N debits, opening and closing balances. */
    static void writeStatement(Path file, int n) {
        BigDecimal total = BenchData.total(n);
        BigDecimal opening = total.add(new BigDecimal("1000000.00"));
        BankStatement header = new BankStatement(Camt053V08Writer.MESSAGE_NAME_ID, null, null, "STMT-BENCH-20261201",
                "1", null, BenchData.CREATED, null, null, BenchData.PAYER_ACCOUNT, "CNY", BenchData.PAYER_NAME,
                BenchData.PAYER_BANK, List.of(
                        new Balance(Balance.OPENING_BOOKED, opening, "CNY", CreditDebit.CRDT, BenchData.EXECUTION, null),
                        new Balance(Balance.CLOSING_BOOKED, opening.subtract(total), "CNY", CreditDebit.CRDT,
                                BenchData.EXECUTION, null)), List.of());
        try (OutputStream out = Files.newOutputStream(file);
             Camt053V08Writer w = Camt053V08Writer.open(out, "BENCH-STMT-20261201", BenchData.CREATED)) {
            w.statement(header, BenchData.entries(n));
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CaseResult runCase(ChildJvm launcher, String name, int n, Path arg, Path dir, long timeoutSeconds) {
        List<String> cmd = launcher.command(List.of(name, Integer.toString(n), arg.toString()));
        Path log = dir.resolve(name + "-" + n + ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                return failed(name, n, "timeout after " + timeoutSeconds + " s");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String l : lines) {
                if (l.startsWith("BENCH-RESULT ")) {
                    Map<String, String> kv = parse(l.substring("BENCH-RESULT ".length()));
                    return new CaseResult(name, n, Long.parseLong(kv.get("millis")), Long.parseLong(kv.get("rssPeakKb")),
                            Long.parseLong(kv.get("heapPeakMb")), Long.parseLong(kv.get("items")), kv.get("sum"),
                            Long.parseLong(kv.get("bytes")), kv.get("sha256"), null);
                }
                if (l.startsWith("BENCH-FAILED ")) {
                    String reason = l.substring(l.indexOf("reason=") + "reason=".length());
                    Map<String, String> kv = parse(l.substring("BENCH-FAILED ".length(), l.indexOf("reason=")));
                    return new CaseResult(name, n, 0, Long.parseLong(kv.getOrDefault("rssPeakKb", "-1")), -1, 0, null, 0, null,
                            reason);
                }
            }
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            return failed(name, n, "exit " + p.exitValue() + " without a result: " + tail);
        } catch (IOException e) {
            return failed(name, n, "could not start the child JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(name, n, "interrupted");
        }
    }

    private static CaseResult failed(String name, int n, String reason) {
        return new CaseResult(name, n, 0, -1, -1, 0, null, 0, null, reason);
    }

    private static Map<String, String> parse(String s) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : s.trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return kv;
    }

    private static String line(CaseResult r) {
        if (!r.ok()) {
            return String.format(Locale.ROOT, "%-13s N=%,d FAILED: %s", r.caseName(), r.n(), r.failure());
        }
        return String.format(Locale.ROOT, "%-13s N=%,d %,8d ms %,10.0f /s  RSS %,6d MB  heap %,6d MB  %,d bytes",
                r.caseName(), r.n(), r.millis(), r.perSecond(), r.rssPeakKb() / 1024, r.heapPeakMb(), r.bytes());
    }

    // ------------------------------------------------------------------ reporting

    /** The results as a plain text table. */
    public static String table(List<CaseResult> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-13s %10s %14s %10s %10s %10s %10s %10s  %s%n", "case", "N", "per second",
                "x Prowide", "vs floor", "vs bare", "RSS MB", "heap MB", "note"));
        for (CaseResult r : results) {
            b.append(String.format(Locale.ROOT, "%-13s %,10d %14s %10s %10s %10s %10s %10s  %s%n", r.caseName(), r.n(),
                    r.ok() ? String.format(Locale.ROOT, "%,.0f", r.perSecond()) : "-", ratioVsProwide(results, r),
                    vsFloor(results, r), vsBare(results, r), r.rssPeakKb() > 0 ? Long.toString(r.rssPeakKb() / 1024) : "-",
                    r.heapPeakMb() >= 0 ? Long.toString(r.heapPeakMb()) : "-", note(results, r)));
        }
        return b.toString();
    }

    /** The results as the Markdown table kept in docs/benchmarks.md. */
    public static String markdown(List<CaseResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("| case | N | per second | x Prowide | time vs floor | time vs bare | peak RSS MB | heap peak MB | note |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (CaseResult r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s | %s |%n", r.caseName(), r.n(),
                    r.ok() ? String.format(Locale.ROOT, "%,.0f", r.perSecond()) : "failed", ratioVsProwide(results, r),
                    vsFloor(results, r), vsBare(results, r), r.rssPeakKb() > 0 ? Long.toString(r.rssPeakKb() / 1024) : "-",
                    r.heapPeakMb() >= 0 ? Long.toString(r.heapPeakMb()) : "-", note(results, r).replace("|", "/")));
        }
        return b.toString();
    }

    private static String ratioVsProwide(List<CaseResult> results, CaseResult r) {
        if (!r.ok() || r.caseName().endsWith("prowide")) {
            return "";
        }
        String other = r.caseName().startsWith("write") ? "write-prowide" : "read-prowide";
        CaseResult p = find(results, other, r.n());
        if (p == null || !p.ok()) {
            return "(Prowide failed)";
        }
        return String.format(Locale.ROOT, "%.1fx", r.perSecond() / p.perSecond());
    }

    private static String vsFloor(List<CaseResult> results, CaseResult r) {
        if (!r.ok() || !r.caseName().startsWith("write") || r.caseName().equals("write-floor")) {
            return "";
        }
        CaseResult f = find(results, "write-floor", r.n());
        if (f == null || !f.ok() || f.millis() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2fx", (double) r.millis() / f.millis());
    }

    /**
     * The hub's time over the bare pass of the same StAX implementation: the reader's target is at least 0.6
     * of the bare pass's speed (at most 1.67x its time), the writer's at most 1.2x its time.
     */
    private static String vsBare(List<CaseResult> results, CaseResult r) {
        if (!r.ok() || !r.caseName().endsWith("-hub")) {
            return "";
        }
        CaseResult bare = find(results, r.caseName().replace("-hub", "-bare"), r.n());
        if (bare == null || !bare.ok() || bare.millis() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2fx", (double) r.millis() / bare.millis());
    }

    private static String note(List<CaseResult> results, CaseResult r) {
        if (!r.ok()) {
            return "FAILED: " + r.failure();
        }
        if (r.caseName().equals("write-hub")) {
            CaseResult f = find(results, "write-floor", r.n());
            if (f != null && f.ok()) {
                return r.sha256().equals(f.sha256()) ? "same bytes as the floor" : "BYTES DIFFER from the floor";
            }
        }
        if (r.caseName().equals("read-bare")) {
            CaseResult h = find(results, "read-hub", r.n());
            if (h != null && h.ok()) {
                boolean same = h.items() == r.items() && new BigDecimal(h.sum()).abs().compareTo(new BigDecimal(r.sum())) == 0;
                return same ? "same entries and sum as the hub" : "ENTRIES OR SUM DIFFER from the hub";
            }
        }
        if (r.caseName().equals("read-hub")) {
            CaseResult p = find(results, "read-prowide", r.n());
            if (p != null && p.ok()) {
                boolean same = p.items() == r.items() && new BigDecimal(p.sum()).compareTo(new BigDecimal(r.sum())) == 0;
                return same ? "same entries and sum as Prowide" : "ENTRIES OR SUM DIFFER from Prowide";
            }
        }
        return "";
    }

    private static CaseResult find(List<CaseResult> results, String name, int n) {
        return results.stream().filter(x -> x.caseName().equals(name) && x.n() == n).findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ files

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteOutputs(Path dir, Path keep) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!p.equals(keep) && p.getFileName().toString().endsWith(".xml")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // the whole folder goes at the end of the size
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder; the OS removes what is left
        }
    }
}
