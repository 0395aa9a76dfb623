package org.jincai.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.bench.reconcile.ReconcileBench;

/**
 * {@code jincai bench reconcile [--entries N] [--dir DIR]}: the reconciliation benchmark of docs/benchmarks.md,
 * in this JVM, without starting the hub: its own embedded H2 and statement files under {@code DIR} (a temporary
 * folder, removed afterwards, when none; a folder given must be new or empty). Exit 1 when an entry was not matched.
 */
final class ReconcileBenchCommand {

    static final String USE = "use 'bench reconcile [--entries N] [--dir DIR]'";

    private ReconcileBenchCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        int entries = 100_000;
        Path dir = null;
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new CliArguments.UsageException(USE);
            }
            switch (args.get(i)) {
                case "--entries" -> {
                    try {
                        entries = Integer.parseInt(args.get(i + 1).replace(",", "").replace("_", ""));
                    } catch (NumberFormatException e) {
                        throw new CliArguments.UsageException("--entries needs a whole number");
                    }
                    if (entries < 1) {
                        throw new CliArguments.UsageException("--entries must be positive");
                    }
                }
                case "--dir" -> dir = Path.of(args.get(i + 1));
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        if (dir != null && holdsFiles(dir)) {
            // the bench builds its database and statements afresh: a folder of an earlier run would meet its payments
            throw new CliArguments.UsageException("--dir " + dir + " is not a new or empty folder (an earlier run's"
                    + " database and statements?): give one that is");
        }
        return ReconcileBench.run(out, entries, dir).ok() ? 0 : 1;
    }

    private static boolean holdsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new CliArguments.UsageException("--dir " + dir + " cannot be read: " + e.getMessage());
        }
    }
}
