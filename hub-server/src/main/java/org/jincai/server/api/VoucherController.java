package org.jincai.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.camel.ProducerTemplate;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.routes.RouteIds;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.jincai.server.query.PaymentQueries;
import org.jincai.server.query.VoucherRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/vouchers}: a finance system submits a MOF voucher envelope (GBK XML) and gets, with
 * 202, one result per voucher. At most {@code jincai.api.max-concurrent-intakes} envelopes are taken at once
 * (503 {@code INTAKE_BUSY} with {@code Retry-After} past that); the body is streamed to a spool file under
 * {@code <home>/spool} (413 past {@code jincai.api.max-envelope-bytes}), never held in memory, and goes from
 * there through the intake route, the same intake the inboxes use.
 * {@code GET /api/v1/vouchers/{admDivCode}/{stYear}/{vtCode}/{voucherNo}/receipt} serves its receipt. Every voucher
 * of an envelope must be inside the sender's scope — for a finance system's user, of a division its system serves —
 * or the envelope is refused whole with 403 {@code OUT_OF_SCOPE}, nothing stored; a receipt is served inside the
 * reader's scope only. {@code GET /api/v1/vouchers?admDivCode=&agency=&vtCode=&voucherNo=&bank=&financeSystem=&from=&to=
 * &page=&size=} lists the vouchers taken in inside the reader's scope (dates: VouDate), newest first, one page;
 * {@code GET /api/v1/vouchers/{id}} shows one (404 {@code VOUCHER_NOT_FOUND}, 403 {@code OUT_OF_SCOPE}); its payments
 * are {@code GET /api/v1/payments?voucherId=}.
 */
@RestController
@RequestMapping("/api/v1/vouchers")
public class VoucherController {

    static final MediaType GBK_XML = MediaType.parseMediaType("application/xml;charset=GBK");

    private final ProducerTemplate producer;
    private final ReceiptService receipts;
    private final SummaryQueries summary;
    private final long maxEnvelopeBytes;
    private final int maxConcurrent;
    private final Semaphore inFlight;
    private final Duration retryAfter;
    private final Path spool;
    private final ControlUsers users;
    private final ScopeGuard scope;
    private final PaymentQueries queries;

    public VoucherController(ProducerTemplate producer, ReceiptService receipts, SummaryQueries summary,
                             ControlUsers users, ScopeGuard scope, PaymentQueries queries,
                             @Value("${jincai.api.max-envelope-bytes:67108864}") long maxEnvelopeBytes,
                             @Value("${jincai.api.max-concurrent-intakes:4}") int maxConcurrent,
                             @Value("${jincai.api.retry-after:PT5S}") Duration retryAfter,
                             @Value("${jincai.home}") Path home) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("jincai.api.max-concurrent-intakes must be at least 1");
        }
        this.producer = producer;
        this.receipts = receipts;
        this.summary = summary;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.maxConcurrent = maxConcurrent;
        this.inFlight = new Semaphore(maxConcurrent);
        this.retryAfter = retryAfter;
        this.spool = home.resolve("spool");
        this.users = users;
        this.scope = scope;
        this.queries = queries;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<VoucherRow> list(Authentication user, @RequestParam(required = false) String admDivCode,
                                 @RequestParam(required = false) String agency,
                                 @RequestParam(required = false) String vtCode,
                                 @RequestParam(required = false) String voucherNo,
                                 @RequestParam(required = false) String bank,
                                 @RequestParam(required = false) String financeSystem,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.vouchers(users.scope(user), new PaymentQueries.VoucherFilter(Filters.text(admDivCode),
                Filters.text(agency), Filters.text(vtCode), Filters.text(voucherNo), Filters.text(bank),
                Filters.text(financeSystem), Filters.date(from, "from"), Filters.date(to, "to")), request);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public VoucherRow one(@PathVariable String id, Authentication user) {
        return queries.voucher(users.scope(user), id);
    }

    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IntakeResponse> submit(HttpServletRequest request, Authentication user) throws IOException {
        if (request.getContentLengthLong() > maxEnvelopeBytes) {
            throw new EnvelopeTooLargeException(maxEnvelopeBytes);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(take(request.getInputStream(), user, "rest"));
    }

    /**
     * Takes the envelope read from {@code body} as a submission of {@code user}: at most
     * {@code max-concurrent-intakes} at once ({@code INTAKE_BUSY} past it), spooled to disk, checked against the
     * user's scope, then every voucher through the intake route, its source recorded as {@code via:<user>} (the REST
     * intake's {@code rest}, the console's upload {@code console}).
     */
    public IntakeResponse take(InputStream body, Authentication user, String via) throws IOException {
        if (!inFlight.tryAcquire()) {
            throw new IntakeBusyException(maxConcurrent, Math.max(1, retryAfter.toSeconds()));
        }
        try {
            Path envelope = spool(body);
            try {
                scope.requireEnvelope(users.rest(user), users.financeSystem(user), envelope);
                List<VoucherOutcome> outcomes = ApiErrors.unwrap(() -> producer.requestBodyAndHeaders(
                        RouteIds.VOUCHER_INTAKE_ENDPOINT, envelope,
                        Map.of(RouteIds.HEADER_SOURCE, via + ":" + user.getName(), RouteIds.HEADER_ACTOR, user.getName()),
                        List.class));
                return IntakeResponse.of(outcomes);
            } finally {
                Files.deleteIfExists(envelope);
            }
        } finally {
            inFlight.release();
        }
    }

    /**
     * The body copied to a spool file as it arrives, refused with 413 {@code ENVELOPE_TOO_LARGE} as soon as it
     * passes the limit (whatever Content-Length said) and with 400 {@code BODY_MISSING} when empty.
     */
    private Path spool(InputStream body) throws IOException {
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, "envelope-", ".xml");
        long size = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > maxEnvelopeBytes) {
                    throw new EnvelopeTooLargeException(maxEnvelopeBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (size == 0) {
            Files.deleteIfExists(file);
            throw new FormatException("BODY_MISSING", "a voucher envelope is required", "body");
        }
        return file;
    }

    /**
     * The receipt (回单) or return (退回) written for a voucher once its banks settled it: the MOF envelope in
     * GBK. 404 with {@code VOUCHER_NOT_FOUND} for a voucher never taken in, {@code RECEIPT_NOT_READY} while
     * its payments are still with the banks.
     */
    @GetMapping("/{admDivCode}/{stYear}/{vtCode}/{voucherNo}/receipt")
    public ResponseEntity<?> receipt(@PathVariable String admDivCode, @PathVariable String stYear,
                                     @PathVariable String vtCode, @PathVariable String voucherNo,
                                     Authentication user) {
        scope.requireVoucher(users.rest(user), admDivCode, stYear, vtCode, voucherNo);
        return receipts.answerFor(admDivCode, stYear, vtCode, voucherNo)
                .<ResponseEntity<?>>map(envelope -> ResponseEntity.ok().contentType(GBK_XML).body(envelope))
                .orElseGet(() -> {
                    String location = admDivCode + "/" + stYear + "/" + vtCode + "/" + voucherNo;
                    Problem p = summary.voucherKnown(admDivCode, stYear, vtCode, voucherNo)
                            ? Problem.of("RECEIPT_NOT_READY", "the voucher's payments are not settled by the banks yet",
                            location)
                            : Problem.of("VOUCHER_NOT_FOUND", "no voucher with this key was taken in", location);
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                            .body(ApiErrors.ErrorResponse.of(List.of(p)));
                });
    }
}
