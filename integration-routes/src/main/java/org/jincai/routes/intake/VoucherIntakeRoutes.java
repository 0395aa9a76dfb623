package org.jincai.routes.intake;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.routes.RouteIds;

/**
 * Voucher intake: a MOF envelope (from {@code POST /api/v1/vouchers}: the request body spooled to a file, a
 * {@link Path}; or bytes already in memory) is checked whole, then taken in voucher by voucher, streamed from
 * the file; the reply body is the list of {@code VoucherOutcome}s, one per voucher.
 * An unreadable or inconsistent envelope fails the exchange with its typed exception, which the caller
 * turns into a 400 with the code.
 */
public class VoucherIntakeRoutes extends RouteBuilder {

    private final VoucherIntakeService intake;

    public VoucherIntakeRoutes(VoucherIntakeService intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        // the caller (REST, inbox) answers the sender with the typed error: no redelivery, no error log here
        from(RouteIds.VOUCHER_INTAKE_ENDPOINT)
                .routeId(RouteIds.VOUCHER_INTAKE)
                .errorHandler(noErrorHandler())
                .process(this::receive);
    }

    private void receive(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        EnvelopeSource envelope = body instanceof Path file ? EnvelopeSource.of(file)
                : body instanceof File file ? EnvelopeSource.of(file.toPath())
                : EnvelopeSource.of(exchange.getMessage().getMandatoryBody(byte[].class));
        String source = exchange.getMessage().getHeader(RouteIds.HEADER_SOURCE, "unknown", String.class);
        String actor = exchange.getMessage().getHeader(RouteIds.HEADER_ACTOR, "unknown", String.class);
        exchange.getMessage().setBody(intake.receive(envelope, source, actor));
    }
}
