package org.jincai.routes.intake;

import java.io.ByteArrayInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.routes.RouteIds;

/**
 * Voucher intake: a MOF envelope (from {@code POST /api/v1/vouchers}, later an SFTP or folder inbox) is
 * read and taken in voucher by voucher; the reply body is the list of {@code VoucherOutcome}s.
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
        byte[] envelope = exchange.getMessage().getMandatoryBody(byte[].class);
        String source = exchange.getMessage().getHeader(RouteIds.HEADER_SOURCE, "unknown", String.class);
        String actor = exchange.getMessage().getHeader(RouteIds.HEADER_ACTOR, "unknown", String.class);
        exchange.getMessage().setBody(intake.receive(new ByteArrayInputStream(envelope), source, actor));
    }
}
