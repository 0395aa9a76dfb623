package org.jincai.server.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jincai.bench.formats.BenchCase;
import org.jincai.bench.formats.ChildJvm;
import org.jincai.bench.formats.FormatsBench;
import org.jincai.bench.payroll.PayrollBench;

/**
 * {@code jincai bench formats [--sizes 10000,100000,1000000]}: the formats benchmark of docs/benchmarks.md —
 * writing pain.001.001.09 (the hub's streaming writer, Prowide's model, the raw floor) and reading
 * camt.053.001.08 (the hub's reader, Prowide), each case in a fresh JVM with its peak RSS, printed as a
 * table with the ratios. Runs without starting the hub.
 */
final class BenchCommand {

    /** Spring Boot's launcher for a class of the application jar other than its main class. */
    static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private BenchCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        if (!args.isEmpty() && args.get(0).equals("payroll")) {
            return payroll(args, out);
        }
        if (!args.isEmpty() && args.get(0).equals("reconcile")) {
            return ReconcileBenchCommand.run(args.subList(1, args.size()), out);
        }
        if (args.isEmpty() || !args.get(0).equals("formats")) {
            throw new CliArguments.UsageException("use 'bench formats [--sizes N,N,...]'");
        }
        List<Integer> sizes = FormatsBench.DEFAULT_SIZES;
        if (args.size() == 3 && args.get(1).equals("--sizes")) {
            try {
                sizes = Arrays.stream(args.get(2).split(",")).map(String::trim).map(Integer::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new CliArguments.UsageException("--sizes takes whole numbers separated by commas");
            }
            if (sizes.stream().anyMatch(n -> n < 1)) {
                throw new CliArguments.UsageException("--sizes must be positive");
            }
        } else if (args.size() != 1) {
            throw new CliArguments.UsageException("use 'bench formats [--sizes N,N,...]'");
        }
        List<FormatsBench.CaseResult> results = FormatsBench.run(out, sizes, childJvm());
        out.println();
        out.println(FormatsBench.markdown(results));
        return results.stream().anyMatch(r -> r.caseName().contains("hub") && !r.ok()) ? 1 : 0;
    }

    /**
     * {@code bench payroll --rows N[,N...] [--nodes K[,K...]] [--db h2|postgres] [--pg-url URL] [--rabbit HOST:PORT]}:
     * the payroll job against its baseline, on one node or several (docs/benchmarks.md).
     */
    private static int payroll(List<String> args, PrintStream out) {
        PayrollBench.Options options;
        try {
            options = PayrollBench.Options.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
        String classpath = System.getProperty("java.class.path");
        PayrollBench.Child child = !classpath.endsWith(".jar") || classpath.contains(File.pathSeparator)
                ? PayrollBench.sameClasspath() : caseArgs -> {
                    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-Xmx" + PayrollBench.CHILD_HEAP, "-cp", classpath,
                            "-Dloader.main=" + PayrollBench.MAIN_CLASS, JAR_LAUNCHER));
                    cmd.addAll(caseArgs);
                    return cmd;
                };
        List<PayrollBench.Measure[]> results = PayrollBench.run(out, options, child);
        out.println();
        out.println(PayrollBench.markdown(results));
        return 0;
    }

    /** Children run from the application jar when this JVM does (./jincai), else from this JVM's class path. */
    private static ChildJvm childJvm() {
        String classpath = System.getProperty("java.class.path");
        if (!classpath.endsWith(".jar") || classpath.contains(File.pathSeparator)) {
            return ChildJvm.sameClasspath();
        }
        return caseArgs -> {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx4g", "-cp", classpath, "-Dloader.main=" + BenchCase.class.getName(), JAR_LAUNCHER));
            cmd.addAll(caseArgs);
            return cmd;
        };
    }
}
