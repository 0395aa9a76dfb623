package org.jincai.server.api;

import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconException;
import org.jincai.core.reconcile.ReconcileException;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
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
 * {@code GET /api/v1/exceptions?open=true&bank=CODE&limit=N}: newest first. {@code POST /api/v1/exceptions/{id}/resolve}
 * with {@code {"reason"}}: resolved once by the signed-in user, audited; 404 for an unknown id, 409 when already
 * resolved, 400 without a reason.
 */
@RestController
@RequestMapping("/api/v1/exceptions")
public class ExceptionController {

    static final int MAX_LIMIT = 10_000;

    private final ExceptionQueue exceptions;

    public ExceptionController(ExceptionQueue exceptions) {
        this.exceptions = exceptions;
    }

    /** A resolution's reason. */
    public record Resolution(String reason) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ReconException> listExceptions(@RequestParam(defaultValue = "false") boolean open,
                                     @RequestParam(required = false) String bank,
                                     @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new FormatException("LIMIT_INVALID", "limit must be 1 to " + MAX_LIMIT, "limit");
        }
        return exceptions.list(open, bank == null || bank.isBlank() ? null : bank.strip(), limit);
    }

    @PostMapping(path = "/{id}/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    public ReconException resolveException(@PathVariable String id, Authentication user,
                                  @RequestBody(required = false) Resolution resolution) {
        return exceptions.resolve(id, user.getName(), AuditEntry.Channel.REST,
                resolution == null ? null : resolution.reason());
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
