package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.codes;
import static org.jincai.formats.fiscal.TestVouchers.resource;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DTDs are refused before any entity is declared, expanded or fetched, in the envelope and in the inner voucher. */
class SecureParsingTest {

    private static EnvelopeReadResult read(byte[] envelope) {
        return FiscalEnvelopes.readPayments(new ByteArrayInputStream(envelope), "test");
    }

    @Test
    void externalEntityToEtcPasswdIsRefused() {
        assertThatThrownBy(() -> read(resource("malformed/doctype-xxe.xml")))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(FiscalCodes.DOCTYPE_NOT_ALLOWED);
                    assertThat(e.getMessage()).doesNotContain("root:");
                });
    }

    @Test
    @Timeout(10)
    void billionLaughsIsRefused() {
        assertThatThrownBy(() -> read(resource("malformed/billion-laughs.xml")))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.DOCTYPE_NOT_ALLOWED));
    }

    @Test
    @Timeout(10)
    void externalDtdIsNeverFetched() {
        assertThatThrownBy(() -> read(resource("malformed/external-dtd.xml")))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.DOCTYPE_NOT_ALLOWED));
    }

    @Test
    void aDtdInsideTheInnerVoucherRefusesThatVoucherOnly() {
        EnvelopeReadResult r = read(resource("malformed/inner-doctype-xxe.xml"));

        assertThat(r.vouchers()).hasSize(1);
        assertThat(codes(r.vouchers().get(0).errors())).containsExactly(FiscalCodes.DOCTYPE_NOT_ALLOWED);
        assertThat(r.vouchers().get(0).voucher()).isNull();
    }

    @Test
    void billionLaughsInsideTheInnerVoucherIsRefused() {
        String inner = new String(resource("malformed/billion-laughs.xml"), GBK).replace("MOF", "Voucher");
        VoucherBody body = new VoucherBody(1, "420000", "2026", "5201", "X", 0, null, "", inner.getBytes(GBK), List.of(), List.of());

        VoucherReadResult r = new PaymentVoucherReader().read(body);

        assertThat(codes(r.errors())).containsExactly(FiscalCodes.DOCTYPE_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"malformed/doctype-xxe.xml", "malformed/billion-laughs.xml", "malformed/external-dtd.xml"})
    @Timeout(10)
    void theGeneralReaderRefusesDtdsInTheEnvelope(String file) {
        assertThatThrownBy(() -> FiscalEnvelopes.read(new ByteArrayInputStream(resource(file)), file))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.DOCTYPE_NOT_ALLOWED));
        assertThatThrownBy(() -> FiscalEnvelopes.readEach(new ByteArrayInputStream(resource(file)), file,
                FiscalReadOptions.defaults().withStrictSchema(true), v -> { }))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.DOCTYPE_NOT_ALLOWED));
    }

    @Test
    @Timeout(10)
    void aDtdInAnInnerVoucherOfAnyTypeIsRefusedInStrictModeToo() {
        String laughs = new String(resource("malformed/billion-laughs.xml"), GBK).replace("MOF", "Voucher");
        String xxe = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<!DOCTYPE Voucher SYSTEM \"http://127.0.0.1:9/voucher.dtd\">\n<Voucher/>";
        FiscalVoucherReader strict = new FiscalVoucherReader(FiscalReadOptions.defaults().withStrictSchema(true));

        for (VoucherType type : TypeFixtures.newTypes()) {
            for (String inner : List.of(laughs, xxe)) {
                FiscalReadResult r = strict.read(TypeFixtures.body(type, inner.getBytes(GBK)));
                assertThat(codes(r.errors())).as(type.vtCode()).containsExactly(FiscalCodes.DOCTYPE_NOT_ALLOWED);
                assertThat(r.voucher()).isNull();
            }
        }
    }
}
