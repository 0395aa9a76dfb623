package org.jincai.server.api;

import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconException;
import org.jincai.core.reconcile.ReconcileException;
import org.jincai.formats.Problem;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.ControlQueries;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The exceptions of bank-flow reconciliation (docs/operations.md, "Reconciliation exceptions").
 * {@code GET /api/v1/exceptions?open=&bank=&kind=&paymentId=&from=&to=&page=&size=}: newest first, one page, inside
 * the caller's scope (one about a payment is inside when the payment is; one about no payment is for a scope of
 * everything; dates: the day opened). {@code POST /api/v1/exceptions/{id}/resolve}
 * with {@code {"reason"}}: resolved once by the signed-in user, audited; 404 for an unknown id, 403
 * {@code OUT_OF_SCOPE} for one outside the caller's scope (as the list has it), 409 when already resolved, 400
 * without a reason.
 */
@RestController
@RequestMapping("/api/v1/exceptions")
public class ExceptionController {

    private final ExceptionQueue exceptions;
    private final ControlQueries queries;
    private final ControlUsers users;

    public ExceptionController(ExceptionQueue exceptions, ControlQueries queries, ControlUsers users) {
        this.exceptions = exceptions;
        this.queries = queries;
        this.users = users;
    }

    /** A resolution's reason. */
    public record Resolution(String reason) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<ReconException> listExceptions(Authentication user, @RequestParam(required = false) String open,
                                               @RequestParam(required = false) String bank,
                                               @RequestParam(required = false) String kind,
                                               @RequestParam(required = false) String paymentId,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.exceptions(users.scope(user), new ControlQueries.ExceptionFilter(Filters.bool(open, "open"),
                Filters.text(bank), kind,
                Filters.text(paymentId), Filters.date(from, "from"), Filters.date(to, "to")), request);
    }

    @PostMapping(path = "/{id}/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    public ReconException resolveException(@PathVariable String id, Authentication user,
                                  @RequestBody(required = false) Resolution resolution) {
        return resolveException(id, user, resolution, AuditEntry.Channel.REST);
    }

    /** Resolves exception {@code id} for {@code user}, audited under {@code channel} (REST, or the console's). */
    public ReconException resolveException(String id, Authentication user, Resolution resolution,
                                           AuditEntry.Channel channel) {
        if (queries.exceptionOutside(users.scope(user), id)) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, "exception " + id
                    + " is outside the scope of " + user.getName(), "exception " + id);
        }
        return exceptions.resolve(id, user.getName(), channel, resolution == null ? null : resolution.reason());
    }

    @ExceptionHandler(ReconcileException.class)
    ResponseEntity<ApiErrors.ErrorResponse> refused(ReconcileException e) {
        HttpStatus status = switch (e.code()) {
            case ReconcileException.EXCEPTION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ReconcileException.REASON_REQUIRED -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status)
                .body(ApiErrors.ErrorResponse.of(List.of(Problem.of(e.code(), e.getMessage(), e.location()))));
    }
}
