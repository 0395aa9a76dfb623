package org.jincai.batch.payroll;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jincai.batch.payroll.internal.PayrollFileReader;
import org.jincai.batch.payroll.internal.PayrollInput;
import org.jincai.batch.payroll.internal.PayrollReport;
import org.jincai.batch.payroll.internal.PayrollServices;
import org.jincai.core.TreasuryException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DuplicateKeyException;

/**
 * Starts, resumes and reports payroll runs (the CLI's {@code payroll run|restart|status}, the REST API, the demo).
 * A run is taken once per file, agency and month: the same file again is {@value PayrollCodes#PAYROLL_ALREADY_RUN}
 * once its run finished, and resumes it (from its last commit) while it has not — so running the same command
 * again after a crash carries on where the crash left it. A re-run of the failed lines of a finished run is asked
 * for by its id ({@code retryFailed}).
 */
public class PayrollLauncher {

    public static final String KIND_CSV = "CSV";
    public static final String KIND_8207 = "8207";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** A run asked for: the file, the agency and month it pays, who submits it, and the options. */
    public record Request(Path file, String agency, String month, String approveAs, String charset, String retryFailed,
                          String submitter) {
    }

    /**
     * Where a run stands after this process ran it: the run, the job's exit code (COMPLETED, AWAITING_APPROVAL,
     * AWAITING_ANSWERS, FAILED…), why it stopped, whether this call resumed an earlier run, and its figures.
     */
    public record Outcome(PayrollRun run, String exitCode, String exitDescription, boolean resumed,
                          PayrollSummary summary) {

        public boolean completed() {
            return ExitStatus.COMPLETED.getExitCode().equals(exitCode);
        }
    }

    private final PayrollServices s;
    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final ExecutionLiveness liveness;

    public PayrollLauncher(PayrollServices services, JobOperator operator, JobRepository repository, Job job,
                           ExecutionLiveness liveness) {
        this.s = services;
        this.operator = operator;
        this.repository = repository;
        this.job = job;
        this.liveness = liveness;
    }

    /** Takes the file and runs the job in this thread until it completes or stops. */
    public Outcome run(Request r) {
        Submitted taken = submit(r);
        return restart(taken.run().runId(), taken.resumed());
    }

    /** A run taken: new, or an unfinished earlier run of the same file, agency and month ({@code resumed}). */
    public record Submitted(PayrollRun run, boolean resumed) {
    }

    /**
     * Checks the request and stores the run, without running it ({@link #restart} runs it): the REST API answers
     * with the run before its job starts.
     */
    public Submitted submit(Request r) {
        Prepared p = prepare(r);
        try {
            s.store().insert(p.run());
            return new Submitted(s.run(p.run().runId()), false);
        } catch (DuplicateKeyException again) {
            PayrollRun earlier = s.store().findByKey(p.run().sha256(), r.agency(), r.month(), r.retryFailed())
                    .orElseThrow(() -> again);
            if (jobCompleted(earlier.runId())) {
                throw new PayrollException(PayrollCodes.PAYROLL_ALREADY_RUN, "this file was run for agency "
                        + r.agency() + " and " + r.month() + " as run " + earlier.runId() + (r.retryFailed() == null
                        ? "; to pay its failed lines again: --retry-failed " + earlier.runId()
                        : ", the re-run of " + r.retryFailed()), "run " + earlier.runId());
            }
            return new Submitted(earlier, true);
        }
    }

    /** Runs a run taken by {@link #submit}, or resumes one from its last commit (or reports it, when complete). */
    public Outcome restart(String runId) {
        return restart(runId, lastExecution(runId).isPresent());
    }

    /**
     * Refuses ({@value PayrollCodes#PAYROLL_RUN_RUNNING}) a restart of a run whose last execution still runs on a
     * living node — its own, the node taking it over, or a worker of one of its partitions ({@link ExecutionLiveness}):
     * the restart would mark live work FAILED and run it a second time beside it. A run whose node is lost is taken
     * over by the cluster's sweep on its own; one launched by a one-shot command (no node recorded) is the operator's
     * to restart.
     */
    public void refuseIfRunningOnALiveNode(String runId) {
        Optional<JobExecution> running = lastExecution(runId).filter(JobExecution::isRunning);
        if (running.isEmpty()) {
            return;
        }
        Optional<String> live = liveness.liveNode(running.get().getId());
        if (live.isPresent()) {
            throw new PayrollException(PayrollCodes.PAYROLL_RUN_RUNNING, "payroll run " + runId + " (execution "
                    + running.get().getId() + ") is running on node " + live.get() + ": not restarted beside it",
                    runId);
        }
    }

    /** The run as it stands, with its figures as the database has them now. */
    public Outcome status(String runId) {
        PayrollRun run = s.run(runId);
        JobExecution last = lastExecution(runId).orElse(null);
        return new Outcome(run, last == null ? "NOT_STARTED" : last.getExitStatus().getExitCode(),
                last == null ? "" : last.getExitStatus().getExitDescription(), false,
                new PayrollReport(s).summary(runId));
    }

    /** The latest runs, newest first. */
    public List<PayrollRun> latest(int limit) {
        return s.store().latest(limit);
    }

    /**
     * Of {@code files}, those no run was taken from (each path made absolute as a run records it), in one query for
     * the runs whose input is in {@code folder}.
     */
    public List<Path> notRunInputs(Path folder, List<Path> files) {
        Set<String> inputs = s.store().inputsStartingWith(folder.toAbsolutePath().toString());
        return files.stream().filter(f -> !inputs.contains(f.toAbsolutePath().toString())).toList();
    }

    /** Where the outputs of a run are written. */
    public Path outputs(String runId) {
        return s.outputs(s.run(runId).runId());
    }

    private Outcome restart(String runId, boolean resumed) {
        s.run(runId);
        Optional<JobExecution> last = lastExecution(runId);
        if (last.isEmpty()) {
            return finish(runId, launch(runId), resumed);
        }
        JobExecution execution = last.get();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return finish(runId, execution, resumed);
        }
        if (execution.isRunning()) {
            refuseIfRunningOnALiveNode(runId);
            // the process that ran it is gone (killed): its execution and steps are marked FAILED to be restarted
            abandonInterrupted(execution);
        }
        try {
            return finish(runId, operator.restart(execution), resumed);
        } catch (Exception e) {
            throw new IllegalStateException("payroll run " + runId + " cannot be restarted: " + e.getMessage(), e);
        }
    }

    private void abandonInterrupted(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted: the process running it stopped"));
                step.setEndTime(java.time.LocalDateTime.now());
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted: the process running it stopped"));
        execution.setEndTime(java.time.LocalDateTime.now());
        repository.update(execution);
    }

    private JobExecution launch(String runId) {
        try {
            return operator.start(job, parameters(runId));
        } catch (Exception e) {
            throw new IllegalStateException("payroll run " + runId + " cannot be started: " + e.getMessage(), e);
        }
    }

    private Outcome finish(String runId, JobExecution execution, boolean resumed) {
        String description = execution.getExitStatus().getExitDescription();
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            description = first instanceof TreasuryException t ? t.code() + ": " + t.getMessage()
                    : first.getClass().getSimpleName() + ": " + first.getMessage();
        }
        return new Outcome(s.run(runId), exitCode(execution), description, resumed, new PayrollReport(s).summary(runId));
    }

    /** The job's own exit code, or the step's when the run stopped to wait (AWAITING_APPROVAL, AWAITING_ANSWERS). */
    private String exitCode(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return execution.getStepExecutions().stream().map(st -> st.getExitStatus().getExitCode())
                    .filter(c -> c.startsWith("AWAITING_")).reduce((a, b) -> b)
                    .orElse(execution.getExitStatus().getExitCode());
        }
        return execution.getExitStatus().getExitCode();
    }

    private boolean jobCompleted(String runId) {
        return lastExecution(runId).map(e -> e.getStatus() == BatchStatus.COMPLETED).orElse(false);
    }

    private Optional<JobExecution> lastExecution(String runId) {
        JobInstance instance = repository.getJobInstance(PayrollJobConfiguration.JOB, parameters(runId));
        return instance == null ? Optional.empty() : Optional.ofNullable(repository.getLastJobExecution(instance));
    }

    private static JobParameters parameters(String runId) {
        return new JobParametersBuilder().addString(PayrollJobConfiguration.RUN_ID, runId).toJobParameters();
    }

    private record Prepared(PayrollRun run) {
    }

    /** Every argument and the file checked before anything is stored. */
    private Prepared prepare(Request r) {
        if (s.props().admDivCode() == null || s.props().admDivCode().isBlank() || s.props().payers().isEmpty()) {
            throw new PayrollException(PayrollCodes.PAYROLL_NOT_CONFIGURED, "jincai.payroll needs adm-div-code and the"
                    + " payers (one payroll account per bank): docs/payroll.md", "jincai.payroll");
        }
        if (r.agency() == null || r.agency().isBlank() || r.agency().length() > 30) {
            throw new PayrollException(PayrollCodes.PAYROLL_ARGUMENT_INVALID, "--agency needs an agency code of at most"
                    + " 30 characters", "--agency");
        }
        try {
            YearMonth.parse(r.month() == null ? "" : r.month());
        } catch (DateTimeParseException e) {
            throw new PayrollException(PayrollCodes.PAYROLL_ARGUMENT_INVALID, "--month needs yyyy-MM, not " + r.month(),
                    "--month");
        }
        PayrollInput input = PayrollInput.inspect(r.file(), r.charset());
        if (input.kind() == PayrollInput.Kind.CSV) {
            PayrollFileReader.requireHeader(r.file(), input.charset());
        }
        if (r.retryFailed() != null) {
            PayrollRun retried = s.store().find(r.retryFailed()).orElseThrow(() -> new PayrollException(
                    PayrollCodes.PAYROLL_RUN_NOT_FOUND, "no payroll run " + r.retryFailed(), "--retry-failed"));
            if (!retried.sha256().equals(input.sha256()) || !retried.agencyCode().equals(r.agency())
                    || !retried.month().equals(r.month())) {
                throw new PayrollException(PayrollCodes.PAYROLL_RETRY_REFUSED, "run " + retried.runId() + " paid another"
                        + " file, agency or month (" + retried.fileName() + ", " + retried.agencyCode() + ", "
                        + retried.month() + ")", "--retry-failed");
            }
            if (!jobCompleted(retried.runId())) {
                throw new PayrollException(PayrollCodes.PAYROLL_RETRY_REFUSED, "run " + retried.runId() + " is not"
                        + " finished: its lines may still be paid; restart it first", "--retry-failed");
            }
        }
        Clock clock = s.clock();
        String runId = "PR" + STAMP.format(clock.instant())
                + String.format("%04X", ThreadLocalRandom.current().nextInt(0x10000));
        String submitter = r.submitter() == null ? "system" : r.submitter();
        return new Prepared(new PayrollRun(runId, r.file().getFileName().toString(), r.file().toAbsolutePath().toString(),
                input.sha256(), input.kind() == PayrollInput.Kind.V8207 ? KIND_8207 : KIND_CSV, input.charset().name(),
                s.props().admDivCode(), r.agency(), r.month(), r.retryFailed(), null, null, r.approveAs(),
                PayrollRun.Status.STARTED, submitter, clock.instant()));
    }
}
