package org.jincai.server.cli;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.jobs.JobExecutions;
import org.jincai.scheduler.jobs.JobOperations;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * {@code jincai jobs [--job NAME] [--limit N]}: the Spring Batch job executions, newest first (job, parameters,
 * status, progress, start, end, counts); {@code jincai jobs restart ID} resumes a failed or stopped execution from its
 * last commit and runs it to its end here, showing its progress; {@code jincai jobs stop ID} asks a running one to stop. Audited.
 */
final class JobsCommand {

    static final String USE = "use 'jobs [--job NAME] [--limit N]', 'jobs restart ID' or 'jobs stop ID'";
    static final long FOLLOW_EVERY_MS = 500;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the command line asked for. */
    record Options(String action, long id, String job, int limit) {
    }

    private final JobExecutions executions;
    private final JobOperations operations;
    private final PrintStream out;
    private final String actor;

    JobsCommand(JobExecutions executions, JobOperations operations, PrintStream out, String actor) {
        this.executions = executions;
        this.operations = operations;
        this.out = out;
        this.actor = actor;
    }

    static Options parse(List<String> args) {
        if (!args.isEmpty() && (args.get(0).equals("restart") || args.get(0).equals("stop"))) {
            if (args.size() != 2) {
                throw new CliArguments.UsageException(USE);
            }
            try {
                return new Options(args.get(0), Long.parseLong(args.get(1)), null, 0);
            } catch (NumberFormatException e) {
                throw new CliArguments.UsageException("a job execution ID is a number, not '" + args.get(1) + "'");
            }
        }
        String job = null;
        int limit = 50;
        for (int i = 0; i < args.size(); i++) {
            if (i + 1 >= args.size()) {
                throw new CliArguments.UsageException(USE);
            }
            String value = args.get(++i);
            switch (args.get(i - 1)) {
                case "--job" -> job = value;
                case "--limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new CliArguments.UsageException("--limit needs a number");
                    }
                    if (limit < 1) {
                        throw new CliArguments.UsageException("--limit must be positive");
                    }
                }
                default -> throw new CliArguments.UsageException(USE);
            }
        }
        return new Options("list", 0, job, limit);
    }

    int run(Options o) {
        switch (o.action()) {
            case "restart" -> {
                JobExecution e = operations.restart(o.id(), actor, AuditEntry.Channel.CLI);
                out.printf("execution %d restarted as execution %d%n", o.id(), e.getId());
                JobExecutionView end = followToTheEnd(e.getId());
                out.printf("execution %d: %s %s, %s, read %d, written %d, skipped %d%n", end.executionId(),
                        end.status(), end.exitCode(), end.progress(), end.read(), end.written(), end.skipped());
                return BatchStatus.valueOf(end.status()).isUnsuccessful() ? 1 : 0;
            }
            case "stop" -> {
                JobExecution e = operations.stop(o.id(), actor, AuditEntry.Channel.CLI);
                out.printf("execution %d: stop requested (%s); it stops at its next commit%n", o.id(), e.getStatus());
                return 0;
            }
            default -> {
                List<JobExecutionView> list = executions.list(o.job(), o.limit());
                out.printf("%d job execution(s)%n", list.size());
                for (JobExecutionView v : list) {
                    out.printf("  %-6d %-18s %-10s %-16s %s -> %s  read %d, written %d, skipped %d, commits %d%n",
                            v.executionId(), v.job(), v.status(), v.progress(),
                            v.started() == null ? "-" : TIME.format(v.started()),
                            v.ended() == null ? "-" : TIME.format(v.ended()), v.read(), v.written(), v.skipped(),
                            v.commits());
                    if (!v.parameters().isEmpty()) {
                        out.printf("         %s%n", v.parameters());
                    }
                }
                return 0;
            }
        }
    }

    /**
     * The restart runs in this process, on a thread of its own: the command waits for its end (the process must
     * outlive it), printing its progress whenever it changes.
     */
    private JobExecutionView followToTheEnd(long executionId) {
        String shown = null;
        while (true) {
            JobExecutionView v = executions.get(executionId).orElseThrow();
            BatchStatus status = BatchStatus.valueOf(v.status());
            String line = String.format("  %s %s, read %d, written %d, skipped %d", v.status(), v.progress(), v.read(),
                    v.written(), v.skipped());
            if (!status.isRunning()) {
                return v;
            }
            if (!line.equals(shown)) {
                out.println(line);
                shown = line;
            }
            try {
                Thread.sleep(FOLLOW_EVERY_MS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return v;
            }
        }
    }
}
