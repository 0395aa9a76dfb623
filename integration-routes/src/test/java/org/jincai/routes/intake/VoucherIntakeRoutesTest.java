package org.jincai.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.FormatException;
import org.jincai.routes.RouteIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voucher intake route in a plain Camel context over the core's intake and a real database. */
class VoucherIntakeRoutesTest {

    @TempDir
    Path home;
    CoreFixture core;
    DefaultCamelContext camel;
    ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture(home.resolve("staging"));
        camel = new DefaultCamelContext();
        camel.addRoutes(new VoucherIntakeRoutes(core.intake));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        core.close();
    }

    @SuppressWarnings("unchecked")
    private List<VoucherOutcome> send(byte[] envelope) {
        return producer.requestBodyAndHeaders(RouteIds.VOUCHER_INTAKE_ENDPOINT, envelope,
                Map.of(RouteIds.HEADER_SOURCE, "rest:finance", RouteIds.HEADER_ACTOR, "finance"), List.class);
    }

    @Test
    void answersOneOutcomePerVoucherAndStoresTheAcceptedOnes() {
        List<VoucherOutcome> outcomes = send(Envelopes.example());

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes).filteredOn(VoucherOutcome::accepted).hasSize(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher WHERE source = 'rest:finance' AND received_by = 'finance'"))
                .isEqualTo(2);
    }

    @Test
    void aSpooledEnvelopeIsReadFromItsFileAsTheRestApiHandsItOver() throws Exception {
        Path spooled = home.resolve("spooled.xml");
        java.nio.file.Files.write(spooled, Envelopes.example());

        @SuppressWarnings("unchecked")
        List<VoucherOutcome> outcomes = producer.requestBodyAndHeaders(RouteIds.VOUCHER_INTAKE_ENDPOINT, spooled,
                Map.of(RouteIds.HEADER_SOURCE, "rest:finance", RouteIds.HEADER_ACTOR, "finance"), List.class);

        assertThat(outcomes).filteredOn(VoucherOutcome::accepted).hasSize(2);
    }

    @Test
    void anUnreadableEnvelopeFailsTheExchangeWithItsCodeAndStoresNothing() {
        assertThatThrownBy(() -> send("<MOF><VoucherCount>1</VoucherCount>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isNotBlank());
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
    }
}
