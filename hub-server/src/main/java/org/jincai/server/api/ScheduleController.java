package org.jincai.server.api;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.formats.FormatException;
import org.jincai.scheduler.schedule.PayrollRequest;
import org.jincai.scheduler.schedule.Schedule;
import org.jincai.scheduler.schedule.ScheduleService;
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
 * time): 201 with the schedule as placed on the calendar; {@code GET /api/v1/schedules} and {@code /{id}};
 * {@code POST /{id}/pause}, {@code /{id}/resume}; {@code DELETE /{id}?reason=}. Audited as the signed-in user.
 */
@RestController
@RequestMapping("/api/v1/schedules")
public class ScheduleController {

    private final ScheduleService schedules;

    public ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    /** A payroll disbursement to schedule. */
    public record PayrollBody(String file, String agency, String month, String at, String bank) {
    }

    @PostMapping(path = "/payroll", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Schedule payroll(@RequestBody PayrollBody body, Authentication user) {
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
        return schedules.schedulePayroll(new PayrollRequest(Path.of(body.file()), body.agency(), month, at, body.bank()),
                user.getName(), AuditEntry.Channel.REST);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Schedule> list() {
        return schedules.list();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule get(@PathVariable String id) {
        return schedules.get(id);
    }

    @PostMapping(path = "/{id}/pause", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule pause(@PathVariable String id, Authentication user) {
        return schedules.pause(id, user.getName(), AuditEntry.Channel.REST);
    }

    @PostMapping(path = "/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule resume(@PathVariable String id, Authentication user) {
        return schedules.resume(id, user.getName(), AuditEntry.Channel.REST);
    }

    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Schedule cancel(@PathVariable String id, @RequestParam(required = false) String reason,
                           Authentication user) {
        return schedules.cancel(id, user.getName(), AuditEntry.Channel.REST, reason);
    }
}
