package org.jincai.server.api;

import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.routes.RouteIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/vouchers}: a finance system submits a MOF voucher envelope (GBK XML) and gets, with
 * 202, one result per voucher. The body goes through the intake route, the same one the inboxes use.
 */
@RestController
@RequestMapping("/api/v1/vouchers")
public class VoucherController {

    private final ProducerTemplate producer;

    public VoucherController(ProducerTemplate producer) {
        this.producer = producer;
    }

    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IntakeResponse> submit(@RequestBody byte[] envelope, Authentication user) {
        List<VoucherOutcome> outcomes = ApiErrors.unwrap(() -> producer.requestBodyAndHeaders(
                RouteIds.VOUCHER_INTAKE_ENDPOINT, envelope,
                Map.of(RouteIds.HEADER_SOURCE, "rest:" + user.getName(), RouteIds.HEADER_ACTOR, user.getName()),
                List.class));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(IntakeResponse.of(outcomes));
    }
}
