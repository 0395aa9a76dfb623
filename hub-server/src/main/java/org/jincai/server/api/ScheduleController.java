package org.jincai.server.api;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.formats.FormatException;
import org.jincai.scheduler.schedule.PayrollRequest;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.jincai.server.query.OperationQueries;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' schedules (docs/operations.md, "Schedules"). {@code POST /api/v1/schedules/payroll} with
 * {@code {"file","agency","month":"yyyy-MM","at":"yyyy-MM-ddTHH:mm","bank"}} (the file on the hub's disk, Beijing
 * time): 201 with the schedule as placed on the calendar; {@code GET /api/v1/schedules?state=&kind=&page=&size=} (one
 * page) and {@code /{id}};
 * {@code POST /{id}/pause}, {@code /{id}/resume}; {@code DELETE /{id}?reason=}. Audited as the signed-in user.
 * Inside the caller's data scope: a payroll schedule belongs to its agency (of the payroll's division), a built-in
 * schedule to the whole hub; others are neither listed nor shown nor changed ({@code OUT_OF_SCOPE}).
 */
@RestController
@RequestMapping("/api/v1/schedules")
public class ScheduleController {

    private final ScheduleService schedules;
    private final ControlUsers users;
    private final ScopeGuard scope;
    private final PayrollProperties payroll;
    private final OperationQueries queries;

    public ScheduleController(ScheduleService schedules, ControlUsers users, ScopeGuard scope, PayrollProperties payroll,
                              OperationQueries queries) {
        this.schedules = schedules;
        this.queries = queries;
        this.users = users;
        this.scope = scope;
        this.payroll = payroll;
    }

    /** A payroll disbursement to schedule. */
    public record PayrollBody(String file, String agency, String month, String at, String bank) {
    }

    @PostMapping(path = "/payroll", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Schedule payroll(@RequestBody PayrollBody body, Authentication user) {
        return payroll(body, user, AuditEntry.Channel.REST);
    }

    /** Schedules a payroll for {@code user}, audited under {@code channel} (REST, or the console's own). */
    public Schedule payroll(PayrollBody body, Authentication user, AuditEntry.Channel channel) {
        if (body.file() == null || body.file().isBlank()) {
            throw new FormatException("SCHEDULE_INVALID", "file is required", "file");
        }
        YearMonth month;
        LocalDateTime at;
        try {
            month = YearMonth.parse(body.month() == null ? "" : body.month().strip());
        } catch (DateTimeParseException e) {
            throw new FormatException("SCHEDULE_INVALID", "month must be yyyy-MM, got '" + body.month() + "'", "month");
        }
        try {
            at = LocalDateTime.parse(body.at() == null ? "" : body.at().strip());
        } catch (DateTimeParseException e) {
            throw new FormatException("SCHEDULE_INVALID", "at must be yyyy-MM-ddTHH:mm, got '" + body.at() + "'", "at");
        }
        scope.requireAgency(users.rest(user), payroll.admDivCode(), body.agency(), "agency");
        return schedules.schedulePayroll(new PayrollRequest(Path.of(body.file()), body.agency(), month, at, body.bank()),
                user.getName(), channel);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<Schedule> list(Authentication user, @RequestParam(required = false) String state,
                               @RequestParam(required = false) String kind,
                               @RequestParam(required = false) String page,
                               @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.schedules(users.scope(user), new OperationQueries.ScheduleFilter(state, kind), request);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule get(@PathVariable String id, Authentication user) {
        return requireVisible(user, id);
    }

    @PostMapping(path = "/{id}/pause", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule pause(@PathVariable String id, Authentication user) {
        return pause(id, user, AuditEntry.Channel.REST);
    }

    /** Pauses schedule {@code id} for {@code user}, audited under {@code channel}. */
    public Schedule pause(String id, Authentication user, AuditEntry.Channel channel) {
        requireVisible(user, id);
        return schedules.pause(id, user.getName(), channel);
    }

    @PostMapping(path = "/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule resume(@PathVariable String id, Authentication user) {
        return resume(id, user, AuditEntry.Channel.REST);
    }

    /** Resumes schedule {@code id} for {@code user}, audited under {@code channel}. */
    public Schedule resume(String id, Authentication user, AuditEntry.Channel channel) {
        requireVisible(user, id);
        return schedules.resume(id, user.getName(), channel);
    }

    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule cancel(@PathVariable String id, @RequestParam(required = false) String reason,
                           Authentication user) {
        return cancel(id, reason, user, AuditEntry.Channel.REST);
    }

    /** Cancels schedule {@code id} for {@code user}, audited under {@code channel}. */
    public Schedule cancel(String id, String reason, Authentication user, AuditEntry.Channel channel) {
        requireVisible(user, id);
        return schedules.cancel(id, user.getName(), channel, reason);
    }

    private Schedule requireVisible(Authentication user, String id) {
        Actor who = users.rest(user);
        Schedule s = schedules.get(id);
        if (!queries.visible(who.scope(), s)) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, "schedule " + id
                    + " is outside the scope of " + who.name(), "schedule " + id);
        }
        return s;
    }
}
