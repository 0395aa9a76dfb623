package org.jincai.server.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertService;
import org.jincai.core.risk.RiskService;
import org.jincai.formats.FormatException;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.jincai.server.query.ControlQueries;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alerts of the fiscal controls (docs/budget.md). {@code GET /api/v1/alerts?open=&status=&rule=&agency=&voucherId=
 * &from=&to=&page=&size=}: newest first, one page, inside the caller's scope ({@code open=true} is {@code status=OPEN};
 * dates: the day raised). {@code POST /api/v1/alerts/{id}/ack} with {@code {"reason"}}: acknowledged once.
 * {@code POST /api/v1/alerts/scan?date=YYYY-MM-DD}: the dormant-account scan, as of that day (today in Beijing
 * when none), each account found once.
 */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    private final AlertService alerts;
    private final RiskService risk;
    private final ControlUsers users;
    private final ScopeGuard scope;
    private final ControlQueries queries;

    public AlertController(AlertService alerts, RiskService risk, ControlUsers users, ScopeGuard scope,
                           ControlQueries queries) {
        this.alerts = alerts;
        this.queries = queries;
        this.risk = risk;
        this.users = users;
        this.scope = scope;
    }

    /** An acknowledgement's reason. */
    public record Ack(String reason) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<Alert> list(Authentication user, @RequestParam(required = false) String open,
                            @RequestParam(required = false) String status, @RequestParam(required = false) String rule,
                            @RequestParam(required = false) String agency,
                            @RequestParam(required = false) String voucherId,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.alerts(users.scope(user), new ControlQueries.AlertFilter(
                Boolean.TRUE.equals(Filters.bool(open, "open")) ? Alert.Status.OPEN.name() : status,
                Filters.text(rule), Filters.text(agency), Filters.text(voucherId), Filters.date(from, "from"),
                Filters.date(to, "to")), request);
    }

    @PostMapping(path = "/{id}/ack", produces = MediaType.APPLICATION_JSON_VALUE)
    public Alert acknowledge(@PathVariable String id, Authentication user, @RequestBody(required = false) Ack ack) {
        return alerts.acknowledge(id, users.rest(user), ack == null ? null : ack.reason());
    }

    @PostMapping(path = "/scan", produces = MediaType.APPLICATION_JSON_VALUE)
    public RiskService.ScanResult scan(Authentication user, @RequestParam(required = false) String date) {
        LocalDate asOf;
        try {
            asOf = date == null || date.isBlank() ? risk.today() : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new FormatException("DATE_INVALID", "date must be YYYY-MM-DD, got '" + date + "'", "date");
        }
        // the scan looks at every account of the hub
        scope.requireEverything(users.rest(user), "the dormant-account scan");
        return risk.scanDormant(asOf, users.rest(user));
    }
}
