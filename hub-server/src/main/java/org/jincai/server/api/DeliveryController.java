package org.jincai.server.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jincai.core.TreasuryException;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.ControlException;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryEvent;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.formats.Problem;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.jincai.server.query.BankFileContent;
import org.jincai.server.query.BankFileQueries;
import org.jincai.server.query.BankFileRow;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
 * Payment files on their way to the banks (the bank files), for operators and auditors:
 * {@code GET /api/v1/deliveries?status=&bank=&batchId=&fileName=&from=&to=&page=&size=} lists them newest first, one
 * page (e.g. {@code status=DELIVERY_UNCERTAIN}: held because the hub cannot tell whether the bank received them;
 * dates: the day the file was prepared), {@code GET /api/v1/deliveries/{id}/content} serves the file's bytes exactly
 * as delivered (the bank's media type and character set, the file's name; 404 {@code BANK_FILE_GONE} once they left
 * the hub's home, 409 {@code BANK_FILE_ALTERED} when they differ from the SHA-256 recorded),
 * {@code GET /api/v1/deliveries/{id}} shows one with its trail, and {@code POST .../{id}/confirm} or
 * {@code .../{id}/resend} with {@code {"reason": "..."}} resolves a held one — it reached the bank, or the
 * very same file is sent again — recorded with the operator, the time and the reason. A user sees and decides the
 * deliveries all of whose payments are inside their scope ({@code OUT_OF_SCOPE} otherwise).
 */
@RestController
@RequestMapping("/api/v1/deliveries")
public class DeliveryController {

    public static final String STATUS_UNKNOWN = "STATUS_UNKNOWN";

    private final DeliveryService deliveries;

    private final ControlUsers users;
    private final ScopeGuard scope;

    private final ApiErrors errors;
    private final BankFileQueries files;

    public DeliveryController(DeliveryService deliveries, ControlUsers users, ScopeGuard scope, ApiErrors errors,
                              BankFileQueries files) {
        this.deliveries = deliveries;
        this.files = files;
        this.errors = errors;
        this.users = users;
        this.scope = scope;
    }

    /** One delivery as JSON. */
    public record DeliveryView(String id, String bank, String fileName, String messageId, int transactions,
                               BigDecimal totalAmount, String status, int attempts, String statusReason,
                               Instant statusAt, Instant preparedAt, Instant uploadedAt, Instant answeredAt,
                               List<EventView> history) {

        static DeliveryView of(Delivery d, List<DeliveryEvent> history) {
            return new DeliveryView(d.deliveryId(), d.bankCode(), d.fileName(), d.messageId(), d.transactions(),
                    d.totalAmount(), d.status().name(), d.attempts(), d.statusReason(), d.statusAt(), d.preparedAt(),
                    d.uploadedAt(), d.answeredAt(), history == null ? null : history.stream().map(EventView::of).toList());
        }

        static DeliveryView of(BankFileRow d) {
            return new DeliveryView(d.deliveryId(), d.bankCode(), d.fileName(), d.messageId(), d.transactions(),
                    d.totalAmount(), d.status(), d.attempts(), d.statusReason(), d.statusAt(), d.preparedAt(),
                    d.uploadedAt(), d.answeredAt(), null);
        }
    }

    /** One transition of a delivery. */
    public record EventView(String from, String to, String actor, String reason, Instant at) {

        static EventView of(DeliveryEvent e) {
            return new EventView(e.from() == null ? null : e.from().name(), e.to().name(), e.actor(), e.reason(), e.at());
        }
    }

    /** What an operator sends to confirm or resend: why. */
    public record Decision(String reason) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<DeliveryView> list(Authentication user, @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String bank,
                                   @RequestParam(required = false) String batchId,
                                   @RequestParam(required = false) String fileName,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String page,
                                   @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        String known = status == null || status.isBlank() ? null : status(status).name();
        Page<BankFileRow> rows = files.files(users.scope(user), new BankFileQueries.FileFilter(Filters.text(bank), known,
                Filters.text(batchId), Filters.text(fileName), Filters.date(from, "from"), Filters.date(to, "to")),
                request);
        return new Page<>(rows.items().stream().map(DeliveryView::of).toList(), rows.page(), rows.size(), rows.total(),
                rows.hasNext());
    }

    @GetMapping(path = "/{id}/content")
    public ResponseEntity<Resource> content(@PathVariable String id, Authentication user) {
        BankFileContent file = files.content(users.scope(user), id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType())).contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName())
                        .build().toString())
                .header("X-Content-SHA256", file.sha256())
                .body(new FileSystemResource(file.path()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public DeliveryView one(@PathVariable String id, Authentication user) {
        Delivery d = deliveries.find(id).orElseThrow(() -> new TreasuryException(DeliveryService.DELIVERY_NOT_FOUND,
                "no delivery " + id, "delivery " + id));
        scope.requireDelivery(users.rest(user), id);
        return DeliveryView.of(d, deliveries.history(id));
    }

    @PostMapping(path = "/{id}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    public DeliveryView confirm(@PathVariable String id, @RequestBody Decision decision, Authentication user) {
        requireKnownAndInScope(id, user);
        Delivery d = deliveries.confirm(id, user.getName(), AuditEntry.Channel.REST, decision.reason());
        return DeliveryView.of(d, deliveries.history(id));
    }

    @PostMapping(path = "/{id}/resend", produces = MediaType.APPLICATION_JSON_VALUE)
    public DeliveryView resend(@PathVariable String id, @RequestBody Decision decision, Authentication user) {
        requireKnownAndInScope(id, user);
        Delivery d = deliveries.resend(id, user.getName(), AuditEntry.Channel.REST, decision.reason());
        return DeliveryView.of(d, deliveries.history(id));
    }

    /** An unknown delivery stays 404 ({@code DELIVERY_NOT_FOUND}) for every caller; a known one must be in scope. */
    private void requireKnownAndInScope(String id, Authentication user) {
        if (deliveries.find(id).isPresent()) {
            scope.requireDelivery(users.rest(user), id);
        }
    }

    /** A delivery outside the caller's scope: 403 {@code OUT_OF_SCOPE}, as every control's refusal. */
    @ExceptionHandler(ControlException.class)
    ResponseEntity<ApiErrors.ErrorResponse> outOfScope(ControlException e) {
        return errors.control(e);
    }

    /** A refused decision with its code: 404 for an unknown delivery, 400 without a reason, 409 otherwise. */
    @ExceptionHandler(TreasuryException.class)
    ResponseEntity<ApiErrors.ErrorResponse> refused(TreasuryException e) {
        HttpStatus status = switch (e.code()) {
            case DeliveryService.DELIVERY_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DeliveryService.REASON_REQUIRED, STATUS_UNKNOWN -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(ApiErrors.ErrorResponse.of(List.of(
                Problem.of(e.code(), e.getMessage(), e.location()))));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiErrors.ErrorResponse> noReason(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiErrors.ErrorResponse.of(List.of(Problem.of(
                DeliveryService.REASON_REQUIRED, "send {\"reason\": \"...\"}: an operator's decision needs a reason",
                "body"))));
    }

    private static DeliveryStatus status(String value) {
        return Arrays.stream(DeliveryStatus.values()).filter(s -> s.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new TreasuryException(STATUS_UNKNOWN, "no delivery status '" + value + "'; one of "
                        + Arrays.toString(DeliveryStatus.values()), "status"));
    }
}
