package org.jincai.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.routes.RouteIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/vouchers}: a finance system submits a MOF voucher envelope (GBK XML) and gets, with
 * 202, one result per voucher. The body goes through the intake route, the same intake the inboxes use.
 * {@code GET /api/v1/vouchers/{admDivCode}/{stYear}/{vtCode}/{voucherNo}/receipt} serves its receipt.
 */
@RestController
@RequestMapping("/api/v1/vouchers")
public class VoucherController {

    static final MediaType GBK_XML = MediaType.parseMediaType("application/xml;charset=GBK");

    private final ProducerTemplate producer;
    private final ReceiptService receipts;
    private final SummaryQueries summary;
    private final long maxEnvelopeBytes;

    public VoucherController(ProducerTemplate producer, ReceiptService receipts, SummaryQueries summary,
                             @Value("${jincai.api.max-envelope-bytes:67108864}") long maxEnvelopeBytes) {
        this.producer = producer;
        this.receipts = receipts;
        this.summary = summary;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IntakeResponse> submit(HttpServletRequest request, Authentication user) throws IOException {
        byte[] envelope = readBounded(request);
        List<VoucherOutcome> outcomes = ApiErrors.unwrap(() -> producer.requestBodyAndHeaders(
                RouteIds.VOUCHER_INTAKE_ENDPOINT, envelope,
                Map.of(RouteIds.HEADER_SOURCE, "rest:" + user.getName(), RouteIds.HEADER_ACTOR, user.getName()),
                List.class));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(IntakeResponse.of(outcomes));
    }

    /** The body, refused with 413 {@code ENVELOPE_TOO_LARGE} past the limit, before it is all in memory. */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxEnvelopeBytes) {
            throw new EnvelopeTooLargeException(maxEnvelopeBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxEnvelopeBytes + 1));
            if (body.length > maxEnvelopeBytes) {
                throw new EnvelopeTooLargeException(maxEnvelopeBytes);
            }
            if (body.length == 0) {
                throw new FormatException("BODY_MISSING", "a voucher envelope is required", "body");
            }
            return body;
        }
    }

    /**
     * The receipt (回单) or return (退回) written for a voucher once its banks settled it: the MOF envelope in
     * GBK. 404 with {@code VOUCHER_NOT_FOUND} for a voucher never taken in, {@code RECEIPT_NOT_READY} while
     * its payments are still with the banks.
     */
    @GetMapping("/{admDivCode}/{stYear}/{vtCode}/{voucherNo}/receipt")
    public ResponseEntity<?> receipt(@PathVariable String admDivCode, @PathVariable String stYear,
                                     @PathVariable String vtCode, @PathVariable String voucherNo) {
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
