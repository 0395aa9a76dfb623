package org.jincai.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.CamelExecutionException;
import org.jincai.core.TreasuryException;
import org.jincai.core.controls.ControlException;
import org.jincai.core.voucher.EnvelopeRefusedException;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.scheduler.SchedulerException;
import org.jincai.scheduler.calendar.CalendarImportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API failure as an RFC 9457 problem ({@code application/problem+json}) with the hub's stable code —
 * never a stack trace: {@code type} ({@code urn:jincai:problem:<CODE>}), {@code title} (the code), {@code status},
 * {@code detail}, {@code instance} (the request's path), and the hub's members {@code code}, {@code message} (the
 * detail, kept for clients of the first API version) and {@code errors} (every problem with its code, message and
 * location). Input the hub cannot read is a 400; an unexpected fault is a 500 whose detail stays in the log.
 * {@link ProblemResponses} completes the HTTP members of each error body on its way out.
 */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** The body of every error answer: an RFC 9457 problem with the hub's members. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorResponse(String type, String title, Integer status, String detail, String instance, String code,
            String message, List<IntakeResponse.ProblemView> errors) {

        /** Where every problem type of the hub lives: the code makes the type. */
        public static final String TYPE_PREFIX = "urn:jincai:problem:";

        /** The problems, the first one naming the whole; the HTTP members are filled in by {@link #at}. */
        public static ErrorResponse of(List<Problem> problems) {
            Problem first = problems.get(0);
            return new ErrorResponse(TYPE_PREFIX + first.code(), first.code(), null, first.message(), null,
                    first.code(), first.message(), problems.stream().map(IntakeResponse.ProblemView::of).toList());
        }

        /** This problem as answered with {@code httpStatus} to a request for {@code path}. */
        public ErrorResponse at(int httpStatus, String path) {
            return new ErrorResponse(type, title, httpStatus, detail, path, code, message, errors);
        }
    }

    /** Runs a route call and rethrows what the route threw, not Camel's wrapper. */
    static <T> T unwrap(Supplier<T> call) {
        try {
            return call.get();
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @ExceptionHandler(FormatException.class)
    ResponseEntity<ErrorResponse> unreadable(FormatException e) {
        return ResponseEntity.badRequest().body(ErrorResponse.of(List.of(e.problem())));
    }

    @ExceptionHandler(EnvelopeTooLargeException.class)
    ResponseEntity<ErrorResponse> tooLarge(EnvelopeTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ErrorResponse.of(List.of(Problem.of(EnvelopeTooLargeException.CODE, e.getMessage(), "body"))));
    }

    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<ErrorResponse> busy(IntakeBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ErrorResponse.of(List.of(Problem.of(IntakeBusyException.CODE, e.getMessage(), "body"))));
    }

    @ExceptionHandler(EnvelopeRefusedException.class)
    ResponseEntity<ErrorResponse> refused(EnvelopeRefusedException e) {
        return ResponseEntity.badRequest().body(ErrorResponse.of(e.problems()));
    }

    /** A fiscal control's refusal, with every problem: bad input 400, not allowed 403, no such thing 404, state 409. */
    @ExceptionHandler(ControlException.class)
    ResponseEntity<ErrorResponse> control(ControlException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(ErrorResponse.of(e.problems()));
    }

    @ExceptionHandler(TreasuryException.class)
    ResponseEntity<ErrorResponse> businessRule(TreasuryException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ErrorResponse.of(List.of(Problem.of(e.code(), e.getMessage(), e.location()))));
    }

    /** A scheduling or job operation refused: no such schedule or execution 404, wrong state 409, bad input 400. */
    @ExceptionHandler(SchedulerException.class)
    ResponseEntity<ErrorResponse> scheduler(SchedulerException e) {
        HttpStatus status = switch (e.code()) {
            case "SCHEDULE_NOT_FOUND", "JOB_EXECUTION_NOT_FOUND" -> HttpStatus.NOT_FOUND;
            case "SCHEDULE_NOT_WAITING", "SCHEDULE_NOT_PAUSED", "SCHEDULE_NOT_CANCELLABLE", "JOB_NOT_RUNNING",
                 "JOB_ALREADY_COMPLETE", "JOB_NOT_RESTARTABLE" -> HttpStatus.CONFLICT;
            case "SCHEDULER_UNAVAILABLE" -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
        List<Problem> problems = e instanceof CalendarImportException c
                ? c.problems().stream().map(p -> Problem.of(e.code(), p, "body")).toList()
                : List.of(Problem.of(e.code(), e.getMessage(), e.field() == null ? "" : e.field()));
        return ResponseEntity.status(status).body(ErrorResponse.of(problems));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> noBody(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(ErrorResponse.of(List.of(Problem.of("BODY_MISSING", "a voucher envelope is required", "body"))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ErrorResponse.of(List.of(Problem.of(
                "UNSUPPORTED_MEDIA_TYPE", "send the envelope as application/xml", "Content-Type"))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse known) {
            // Spring's own HTTP errors (404, 405, ...) keep their status, with a code instead of a page
            return ResponseEntity.status(known.getStatusCode()).body(ErrorResponse.of(List.of(Problem.of(
                    "HTTP_" + known.getStatusCode().value(), known.getBody().getDetail(), ""))));
        }
        String ref = Long.toHexString(System.nanoTime());
        log.error("unexpected API failure, reference {}", ref, e);
        return ResponseEntity.internalServerError().body(ErrorResponse.of(List.of(Problem.of("INTERNAL_ERROR",
                "the hub could not process the request; reference " + ref, ""))));
    }
}
