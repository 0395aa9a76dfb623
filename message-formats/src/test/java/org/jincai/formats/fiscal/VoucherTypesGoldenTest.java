package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.codes;
import static org.jincai.formats.fiscal.TestVouchers.resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherSigner;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherVerifier;
import org.jincai.formats.fiscal.sign.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of every type beyond the payments ({@code fiscal/golden/<VtCode>-<name>.xml}: a GBK envelope
 * with the original and its receipt, and {@code .inner.xml}, the original's inner voucher as plain GBK):
 * read -> model equal to the fixture -> write -> byte-equal, for the inner vouchers and the envelope.
 * Run with {@code -Djincai.fiscal.regenerateGolden=true} to rewrite them from {@link TypeFixtures}.
 */
class VoucherTypesGoldenTest {

    private static final Path SOURCE = Path.of("src/test/resources/fiscal/golden");
    private static final String SIGNED = "2301-clearing-request-signed.xml";

    static Stream<VoucherType> types() {
        return TypeFixtures.newTypes().stream();
    }

    private static List<FiscalVoucher> fixtures(VoucherType type) {
        return List.of(TypeFixtures.valid(type).build(), TypeFixtures.receipt(type).build());
    }

    private static byte[] envelope(VoucherType type) {
        List<FiscalVoucher> vouchers = fixtures(type);
        return new MofEnvelopeWriter().toBytes(List.of(
                VoucherBody.of(vouchers.get(0), VoucherBody.FLAG_ORIGINAL, null),
                VoucherBody.of(vouchers.get(1), VoucherBody.FLAG_RECEIPT, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void readsIntoTheFixtureAndWritesBackByteForByte(VoucherType type) throws IOException {
        String name = TypeFixtures.goldenName(type);
        if (Boolean.getBoolean("jincai.fiscal.regenerateGolden")) {
            Files.createDirectories(SOURCE);
            Files.write(SOURCE.resolve(name + ".xml"), envelope(type));
            Files.write(SOURCE.resolve(name + ".inner.xml"), new FiscalVoucherWriter().write(fixtures(type).get(0)));
        }
        byte[] golden = resource("golden/" + name + ".xml");

        FiscalEnvelopeReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(golden), name);

        assertThat(r.envelopeErrors()).isEmpty();
        assertThat(r.vouchers()).hasSize(2).allSatisfy(v -> {
            assertThat(v.errors()).as("errors").isEmpty();
            assertThat(v.warnings()).as("warnings").isEmpty();
            assertThat(v.type()).isSameAs(type);
        });
        assertThat(r.vouchers()).extracting(FiscalReadResult::voucher).containsExactlyElementsOf(fixtures(type));
        assertThat(r.vouchers().get(0).body().voucherXml()).isEqualTo(resource("golden/" + name + ".inner.xml"));
        for (FiscalReadResult v : r.vouchers()) {
            assertThat(new FiscalVoucherWriter().write(v.voucher())).isEqualTo(v.body().voucherXml());
        }
        assertThat(new MofEnvelopeWriter().toBytes(r.vouchers().stream().map(FiscalReadResult::body).toList())).isEqualTo(golden);
        List<VoucherBody> rewritten = r.vouchers().stream()
                .map(v -> VoucherBody.of(v.voucher(), v.body().voucherFlag(), v.body().returnReason())).toList();
        assertThat(new MofEnvelopeWriter().toBytes(rewritten)).isEqualTo(golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theIntakesPaymentReaderStillRefusesThem(VoucherType type) {
        byte[] golden = resource("golden/" + TypeFixtures.goldenName(type) + ".xml");

        EnvelopeReadResult r = FiscalEnvelopes.readPayments(new ByteArrayInputStream(golden), "intake");

        assertThat(r.vouchers()).hasSize(2).allSatisfy(v -> {
            assertThat(codes(v.errors())).containsExactly(FiscalCodes.UNSUPPORTED_VT_CODE);
            assertThat(v.voucher()).isNull();
        });
    }

    @Test
    void theGeneralReaderReadsPaymentsToo() {
        byte[] example = resource("mof-envelope-5201-8202.xml");

        FiscalEnvelopeReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(example), "example");
        EnvelopeReadResult payments = FiscalEnvelopes.readPayments(new ByteArrayInputStream(example), "example");

        assertThat(r.allValid()).isTrue();
        assertThat(r.vouchers()).allSatisfy(v -> assertThat(v.isPayment()).isTrue());
        assertThat(r.vouchers()).extracting(FiscalReadResult::payment)
                .containsExactlyElementsOf(payments.vouchers().stream().map(VoucherReadResult::voucher).toList());
        assertThat(r.vouchers().get(0).voucher().amount("PayAmt")).isEqualTo(new BigDecimal("60531.20"));
    }

    @Test
    void oneEnvelopeMayMixTypesAndIsStreamedVoucherByVoucher() {
        List<VoucherBody> bodies = new ArrayList<>();
        bodies.add(VoucherBody.of(TestVouchers.valid().build(), 0, null));
        types().forEach(t -> bodies.add(VoucherBody.of(TypeFixtures.valid(t).build(), 0, null)));
        byte[] mixed = new MofEnvelopeWriter().toBytes(bodies);
        List<String> seen = new ArrayList<>();

        List<org.jincai.formats.Problem> envelopeErrors = FiscalEnvelopes.readEach(new ByteArrayInputStream(mixed), "mixed",
                FiscalReadOptions.defaults(), v -> {
                    assertThat(v.errors()).isEmpty();
                    seen.add(v.voucher().vtCode());
                });

        assertThat(envelopeErrors).isEmpty();
        assertThat(seen).containsExactly("5201", "8207", "5106", "5108", "2301", "2302", "2203", "2252");
    }

    @Test
    void aSignedEnvelopePassesThroughByteForByteAndStillVerifies() throws IOException {
        if (Boolean.getBoolean("jincai.fiscal.regenerateGolden")) {
            Files.createDirectories(SOURCE);
            TestKeys.Signer pboc = TestKeys.selfSigned("PBOC Wuhan clearing (test only)");
            VoucherBody receipt = VoucherBody.of(TypeFixtures.receipt(VoucherTypes.CLEARING_REQUEST).build(), VoucherBody.FLAG_RECEIPT, null);
            VoucherBody signed = FiscalSignatures.sign(receipt, "rh_qs",
                    new Pkcs7VoucherSigner(pboc.key(), pboc.certificate(), SignatureAlgorithm.SHA1_WITH_RSA));
            signed = new VoucherBody(0, signed.admDivCode(), signed.stYear(), signed.vtCode(), signed.voucherNo(), signed.voucherFlag(),
                    null, "SUCCESS", signed.voucherXml(), signed.signatures(), List.of(new SignStamp("rh_zqz", "ZQZ-4200-0001")));
            Files.write(SOURCE.resolve(SIGNED), new MofEnvelopeWriter().toBytes(List.of(signed)));
        }
        byte[] golden = resource("golden/" + SIGNED);

        FiscalEnvelopeReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(golden), SIGNED,
                FiscalReadOptions.defaults().withSignatureVerifier(Pkcs7VoucherVerifier.anySigner()));

        assertThat(r.allValid()).isTrue();
        VoucherBody body = r.vouchers().get(0).body();
        assertThat(body.signatures()).hasSize(1);
        assertThat(body.signatures().get(0).no()).isEqualTo("rh_qs");
        assertThat(body.stamps()).extracting(SignStamp::no).containsExactly("rh_zqz");
        assertThat(new MofEnvelopeWriter().toBytes(List.of(body))).isEqualTo(golden);
        assertThat(new String(golden, GBK)).contains("<Signature No=\"rh_qs\" SN=\"" + body.signatures().get(0).sn() + "\">");
    }
}
