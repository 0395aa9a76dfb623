package org.jincai.server.api;

import java.util.List;
import java.util.Map;
import org.jincai.core.audit.AuditEntry;
import org.jincai.formats.FormatException;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.jobs.JobExecutions;
import org.jincai.scheduler.jobs.JobOperations;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Job operations (docs/operations.md, "Jobs"). {@code GET /api/v1/jobs?job=NAME&limit=N}: the job executions, newest
 * first; {@code POST /api/v1/jobs/{id}/restart}: resumes a failed or stopped execution from its last commit and
 * answers when it ends; {@code POST /api/v1/jobs/{id}/stop}: asks a running one to stop. Audited as the signed-in user.
 */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

    static final int MAX_LIMIT = 1000;

    private final JobExecutions executions;
    private final JobOperations operations;

    public JobController(JobExecutions executions, JobOperations operations) {
        this.executions = executions;
        this.operations = operations;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<JobExecutionView> list(@RequestParam(required = false) String job,
                                       @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new FormatException("LIMIT_INVALID", "limit must be 1 to " + MAX_LIMIT, "limit");
        }
        return executions.list(job, limit);
    }

    @PostMapping(path = "/{id}/restart", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> restart(@PathVariable long id, Authentication user) {
        return view(operations.restart(id, user.getName(), AuditEntry.Channel.REST));
    }

    @PostMapping(path = "/{id}/stop", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> stop(@PathVariable long id, Authentication user) {
        return view(operations.stop(id, user.getName(), AuditEntry.Channel.REST));
    }

    private static Map<String, Object> view(JobExecution e) {
        return Map.of("executionId", e.getId(), "job", e.getJobInstance().getJobName(), "status",
                e.getStatus().toString(), "exitCode", e.getExitStatus().getExitCode());
    }
}
