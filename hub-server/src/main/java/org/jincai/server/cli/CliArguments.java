package org.jincai.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: the global option {@code --home DIR} may stand anywhere; the first word is the
 * command; everything after it is the command's own arguments, which the command checks itself. Anything
 * unknown is a {@link UsageException}, answered with the usage text and exit 2.
 */
public record CliArguments(Path home, String command, List<String> arguments) {

    public static final Path DEFAULT_HOME = Path.of("jincai-data");

    static final List<String> COMMANDS = List.of("demo", "serve", "banks", "deliveries", "audit", "statements",
            "budget", "approvals", "alerts", "inspect", "convert", "bench", "help", "schedule", "calendar", "jobs", "payroll",
            "report", "reconcile", "exceptions");

    public static CliArguments parse(String... args) {
        Path home = DEFAULT_HOME;
        String command = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) {
                if (i + 1 >= args.length || args[i + 1].isBlank() || args[i + 1].startsWith("-")) {
                    throw new UsageException("--home needs a directory");
                }
                home = Path.of(args[++i]);
            } else if (a.startsWith("--home=")) {
                String dir = a.substring("--home=".length());
                if (dir.isBlank()) {
                    throw new UsageException("--home needs a directory");
                }
                home = Path.of(dir);
            } else if (command == null && (a.equals("-h") || a.equals("--help"))) {
                command = "help";
            } else if (command == null) {
                if (a.startsWith("-")) {
                    throw new UsageException("unknown option " + a);
                }
                if (!COMMANDS.contains(a)) {
                    throw new UsageException("unknown command " + a);
                }
                command = a;
            } else {
                rest.add(a);
            }
        }
        if (command == null) {
            throw new UsageException("a command is required");
        }
        return new CliArguments(home.toAbsolutePath().normalize(), command, List.copyOf(rest));
    }

    /** Refuses any argument: for the commands that take none. */
    public CliArguments requireNoArguments() {
        if (!arguments.isEmpty()) {
            throw new UsageException("'" + command + "' takes no arguments, got " + String.join(" ", arguments));
        }
        return this;
    }

    /** Bad usage of the command line: the message says what, the caller prints the usage and exits 2. */
    public static class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
