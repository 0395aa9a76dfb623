package org.jincai.server.api;

import java.net.URI;
import java.util.Map;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.scheduler.SchedulerException;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.jobs.JobExecutions;
import org.jincai.scheduler.jobs.JobOperations;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.Filters;
import org.jincai.server.query.OperationQueries;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Job operations (docs/operations.md, "Jobs"). {@code GET /api/v1/jobs?job=&status=&from=&to=&page=&size=}: the job
 * executions, newest first, one page (a caller with part of the hub in scope sees the payroll runs of its agencies
 * only); {@code GET /api/v1/jobs/{id}}: one execution; {@code POST /api/v1/jobs/{id}/restart}: resumes a failed or
 * stopped execution from its last commit in the background and answers 202 at once with the new execution's id and a
 * {@code Location} to follow it; {@code POST /api/v1/jobs/{id}/stop}: asks a running one to stop. Audited as the
 * signed-in user.
 */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

    private final OperationQueries queries;
    private final JobExecutions executions;
    private final JobOperations operations;
    private final ControlUsers users;

    public JobController(OperationQueries queries, JobExecutions executions, JobOperations operations,
                         ControlUsers users) {
        this.queries = queries;
        this.executions = executions;
        this.operations = operations;
        this.users = users;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<JobExecutionView> list(Authentication user, @RequestParam(required = false) String job,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String page,
                                       @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.jobRuns(users.scope(user), new OperationQueries.JobFilter(Filters.text(job), status,
                Filters.date(from, "from"), Filters.date(to, "to")), request);
    }

    /** One execution: 404 {@code JOB_EXECUTION_NOT_FOUND}, 403 {@code OUT_OF_SCOPE} outside the caller's scope. */
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public JobExecutionView get(@PathVariable long id, Authentication user) {
        JobExecutionView run = executions.get(id).orElseThrow(() -> new SchedulerException("JOB_EXECUTION_NOT_FOUND",
                "id", "no job execution " + id));
        if (!queries.visibleRun(users.scope(user), id)) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, "job execution " + id
                    + " is not inside your data scope", "id");
        }
        return run;
    }

    /** 202 Accepted at once: the new execution runs on this node in the background; its Location tells how it goes. */
    @PostMapping(path = "/{id}/restart", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<Map<String, Object>> restart(@PathVariable long id, Authentication user) {
        JobExecution e = operations.restart(id, user.getName(), AuditEntry.Channel.REST);
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + e.getId())).body(view(e));
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
