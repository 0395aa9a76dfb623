package org.jincai.scheduler.jobs;

import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.scheduler.SchedulerException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * An operator's restart and stop of a job execution through Spring Batch's {@link JobOperator}, audited as
 * {@code JOB_RESTARTED} / {@code JOB_STOP_REQUESTED} with who asked. A restart resumes from the failed or stopped
 * execution's last commit (the job's own restart semantics) on a thread of its own: it answers with the new execution
 * as soon as that is created, and the caller follows it in the repository ({@link JobExecutions#get}). A stop marks
 * the execution STOPPING in the repository, which the node running it obeys at its next chunk boundary.
 */
public class JobOperations implements AutoCloseable {

    private final JobOperator operator;
    private final TaskExecutorJobOperator restarts;
    private final SimpleAsyncTaskExecutor restartThreads;
    private final JobRepository repository;
    private final AuditTrail audit;

    public JobOperations(JobOperator operator, JobRepository repository, JobRegistry jobs, AuditTrail audit) {
        this.operator = operator;
        this.repository = repository;
        this.audit = audit;
        this.restartThreads = new SimpleAsyncTaskExecutor("job-restart-");
        // closing waits this long for a restart still running before the application stops under it
        restartThreads.setTaskTerminationTimeout(30_000);
        this.restarts = new TaskExecutorJobOperator();
        restarts.setJobRepository(repository);
        restarts.setJobRegistry(jobs);
        restarts.setTaskExecutor(restartThreads);
        try {
            restarts.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the job restarts' operator", e);
        }
    }

    /**
     * Restarts execution {@code id} in the background; returns the new execution as created (STARTING or STARTED).
     * What the restart is refused for (not found, completed, not restartable) is thrown here, at once.
     */
    public JobExecution restart(long id, String actor, AuditEntry.Channel channel) {
        JobExecution failed = require(id);
        Long next;
        try {
            next = restarts.restart(id);
        } catch (NoSuchJobException e) {
            throw new SchedulerException("JOB_NOT_FOUND", "id", "job '" + failed.getJobInstance().getJobName()
                    + "' is not in this application", e);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new SchedulerException("JOB_ALREADY_COMPLETE", "id", "execution " + id + " of "
                    + failed.getJobInstance().getJobName() + " has completed: nothing to restart", e);
        } catch (Exception e) {
            throw new SchedulerException("JOB_NOT_RESTARTABLE", "id", "execution " + id + " cannot restart: "
                    + e.getMessage(), e);
        }
        JobExecution execution = repository.getJobExecution(next);
        audit.append(AuditEntry.of(actor, channel, "JOB_RESTARTED", "JOB_EXECUTION", Long.toString(id))
                .change(failed.getStatus().toString(), "execution " + next + " " + execution.getStatus()));
        return execution;
    }

    /** Asks execution {@code id} to stop. */
    public JobExecution stop(long id, String actor, AuditEntry.Channel channel) {
        JobExecution running = require(id);
        try {
            operator.stop(id);
        } catch (JobExecutionNotRunningException e) {
            throw new SchedulerException("JOB_NOT_RUNNING", "id", "execution " + id + " is " + running.getStatus(), e);
        } catch (NoSuchJobExecutionException e) {
            throw new SchedulerException("JOB_EXECUTION_NOT_FOUND", "id", "no job execution " + id, e);
        }
        audit.append(AuditEntry.of(actor, channel, "JOB_STOP_REQUESTED", "JOB_EXECUTION", Long.toString(id))
                .change(running.getStatus().toString(), "STOPPING"));
        return repository.getJobExecution(id);
    }

    /** Waits (at most 30 s) for the restarts still running. */
    @Override
    public void close() {
        restartThreads.close();
    }

    private JobExecution require(long id) {
        JobExecution e;
        try {
            e = repository.getJobExecution(id);
        } catch (EmptyResultDataAccessException notThere) {
            e = null;
        }
        if (e == null) {
            throw new SchedulerException("JOB_EXECUTION_NOT_FOUND", "id", "no job execution " + id);
        }
        return e;
    }
}
