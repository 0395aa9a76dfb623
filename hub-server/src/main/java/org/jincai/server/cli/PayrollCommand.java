package org.jincai.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.batch.payroll.PayrollProgress;

/**
 * {@code jincai payroll run FILE --agency CODE --month yyyy-MM [--approve-as USER] [--charset CS]
 * [--retry-failed RUN_ID]}, {@code jincai payroll restart RUN_ID}, {@code jincai payroll status RUN_ID}
 * (docs/payroll.md). A run prints its progress — a bar redrawn in place on a terminal, a line every few seconds
 * otherwise — then its summary and where its outputs are. Exit 0 when the run completed, 3 when it stopped to wait
 * (for its approval or the banks' answers: {@code payroll restart} goes on), 1 when it failed or was refused.
 */
final class PayrollCommand {

    static final String USE = "use 'payroll run FILE --agency CODE --month yyyy-MM [--approve-as USER] [--charset"
            + " UTF-8|GBK|GB18030] [--retry-failed RUN_ID]', 'payroll restart RUN_ID' or 'payroll status RUN_ID'";
    /** The exit code of a run that stopped to wait for its approval or the banks' answers. */
    static final int WAITING = 3;

    /** What the command line asked for. */
    record Options(String action, String target, String agency, String month, String approveAs, String charset,
                   String retryFailed) {
    }

    private final PayrollLauncher launcher;
    private final PayrollProgress progress;
    private final PrintStream out;
    private final boolean terminal;

    PayrollCommand(PayrollLauncher launcher, PayrollProgress progress, PrintStream out, boolean terminal) {
        this.launcher = launcher;
        this.progress = progress;
        this.out = out;
        this.terminal = terminal;
    }

    static Options parse(List<String> args) {
        if (args.size() < 2 || !List.of("run", "restart", "status").contains(args.get(0))) {
            throw new CliArguments.UsageException(USE);
        }
        String action = args.get(0);
        String agency = null;
        String month = null;
        String approveAs = null;
        String charset = null;
        String retry = null;
        for (int i = 2; i < args.size(); i += 2) {
            if (!action.equals("run") || i + 1 >= args.size()) {
                throw new CliArguments.UsageException(USE);
            }
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--agency" -> agency = value;
                case "--month" -> month = value;
                case "--approve-as" -> approveAs = value;
                case "--charset" -> charset = value;
                case "--retry-failed" -> retry = value;
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        if (action.equals("run") && (agency == null || month == null)) {
            throw new CliArguments.UsageException("'payroll run' needs --agency CODE and --month yyyy-MM");
        }
        return new Options(action, args.get(1), agency, month, approveAs, charset, retry);
    }

    int run(Options o, String submitter) {
        if (o.action().equals("status")) {
            return print(launcher.status(o.target()));
        }
        try (PayrollProgress.Watch watching = progress.watch(new ProgressLine(out, terminal))) {
            PayrollLauncher.Outcome outcome = o.action().equals("restart") ? launcher.restart(o.target())
                    : launcher.run(new PayrollLauncher.Request(Path.of(o.target()), o.agency(), o.month(),
                    o.approveAs(), o.charset(), o.retryFailed(), submitter));
            if (terminal) {
                out.println();
            }
            if (outcome.resumed()) {
                out.println("resumed payroll run " + outcome.run().runId() + " from its last commit");
            }
            return print(outcome);
        }
    }

    private int print(PayrollLauncher.Outcome o) {
        out.print(o.summary().toText());
        out.println("  job: " + o.exitCode() + (o.exitDescription() == null || o.exitDescription().isBlank() ? ""
                : " (" + o.exitDescription().lines().findFirst().orElse("") + ")"));
        out.println("  outputs: " + launcher.outputs(o.run().runId()));
        if (o.completed()) {
            return 0;
        }
        if (o.exitCode().startsWith("AWAITING_")) {
            out.println("  the run stopped to wait; when " + (o.exitCode().equals("AWAITING_APPROVAL")
                    ? "its approval " + o.run().approvalId() + " is decided" : "the banks have answered")
                    + ": ./jincai payroll restart " + o.run().runId());
            return WAITING;
        }
        return 1;
    }

    /** Progress as a bar redrawn in place on a terminal, or a plain line at most every two seconds. */
    private static final class ProgressLine implements java.util.function.Consumer<PayrollProgress.Report> {

        private final PrintStream out;
        private final boolean terminal;
        private String step = "";
        private long lastPrinted;

        ProgressLine(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public synchronized void accept(PayrollProgress.Report r) {
            long now = System.currentTimeMillis();
            boolean newStep = !r.step().equals(step);
            if (!terminal && !newStep && now - lastPrinted < 2000 && r.done() != r.total()) {
                return;
            }
            String figures = r.total() < 0 ? r.done() + "" : r.done() + "/" + r.total();
            if (terminal) {
                int width = 30;
                int filled = r.total() <= 0 ? 0 : (int) Math.min(width, r.done() * width / r.total());
                out.print((newStep && !step.isEmpty() ? "\n" : "\r") + String.format("%-14s [%s%s] %s",
                        r.step(), "#".repeat(filled), " ".repeat(width - filled), figures));
            } else {
                out.println("payroll " + r.runId() + " " + r.step() + ": " + figures);
            }
            out.flush();
            step = r.step();
            lastPrinted = now;
        }
    }
}
