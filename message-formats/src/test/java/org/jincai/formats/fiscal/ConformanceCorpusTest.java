package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherVerifier;
import org.jincai.formats.fiscal.sign.SignatureCheck;
import org.jincai.formats.fiscal.sign.TrustedCertificates;
import org.jincai.formats.inspect.FormatInspector;
import org.jincai.formats.inspect.Inspection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance corpus ({@code fiscal/conformance/}, provenance in its SOURCES.md): vouchers in the shapes
 * finance systems really send — a signed 2024 5214 with seals and zero X-fields, a 2014 8207 with the older
 * habits, a bare 5212 — read in lenient and strict mode, beside the golden files generated from the tables.
 */
class ConformanceCorpusTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String DIR = "/fiscal/conformance/";

    private static Pkcs7VoucherVerifier trustingTestCa() {
        try {
            return Pkcs7VoucherVerifier.trusting(TrustedCertificates.load(Paths.get(ConformanceCorpusTest.class.getResource(DIR + "ca.pem").toURI()), null));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FiscalReadOptions lenient() {
        return FiscalReadOptions.defaults().withSignatureVerifier(trustingTestCa()).withSignatureRequired(false);
    }

    static byte[] resource(String name) {
        try (InputStream in = ConformanceCorpusTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Expectation(String file, String mode, boolean valid, Set<String> codes) {
        @Override
        public String toString() {
            return file + " " + mode;
        }
    }

    static Stream<Expectation> expectations() {
        return new String(resource("expected.tsv"), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", -1))
                .map(c -> new Expectation(c[0], c[1], c[2].equals("yes"),
                        Arrays.stream(c[3].split(",")).filter(s -> !s.isBlank()).collect(Collectors.toSet())));
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void eachFileReadsAsExpectedInEachMode(Expectation e) {
        FiscalReadOptions options = e.mode().equals("strict") ? lenient().withMode(FiscalReadOptions.Mode.STRICT) : lenient();

        FiscalEnvelopeReadResult r = FiscalEnvelopes.readFile(resource(e.file()), e.file(), options);

        assertThat(r.vouchers()).hasSize(1);
        FiscalReadResult v = r.vouchers().get(0);
        assertThat(v.valid()).as("%s: errors %s", e, v.errors()).isEqualTo(e.valid());
        assertThat(codes(e.valid() ? v.warnings() : v.errors())).as("%s", e).isEqualTo(e.codes());
    }

    @Test
    void theSignatureCoversTheBase64TextNotTheDecodedBytes() {
        VoucherBody body = FiscalEnvelopes.read(new ByteArrayInputStream(resource("mof-5214-signed-sha1.xml")), "5214", lenient())
                .vouchers().get(0).body();
        byte[] signature = Base64.getDecoder().decode(body.signatures().get(0).value());
        Pkcs7VoucherVerifier verifier = trustingTestCa();

        SignatureCheck overText = verifier.verify(FiscalSignatures.signedContent(body.voucherText()), signature);
        SignatureCheck overBytes = verifier.verify(body.voucherXml(), signature);

        assertThat(overText.isValid()).isTrue();
        assertThat(overText.sha1()).isTrue();
        assertThat(overText.signerSerial()).isEqualTo(body.signatures().get(0).sn());
        assertThat(overBytes.code()).isEqualTo(SignatureCheck.SIGNATURE_INVALID);
        assertThat(codes(FiscalSignatures.verify(body, verifier.refusingSha1()))).containsExactly(FiscalCodes.SIGNATURE_ALGORITHM_REFUSED);
    }

    @Test
    void anAlteredTextFailsWhereverItIsLocated() {
        FiscalReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(resource("mof-5214-signed-altered.xml")), "altered", lenient())
                .vouchers().get(0);

        assertThat(r.errors()).extracting(Problem::code, Problem::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FiscalCodes.SIGNATURE_INVALID, "envelope body 1 / Signature cz_dwfz"));
    }

    @Test
    void sealsAndSignaturesAreCarriedByteForByteAndStillVerify() {
        byte[] envelope = resource("mof-5214-signed-sha1.xml");
        FiscalReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(envelope), "5214", lenient()).vouchers().get(0);

        byte[] rewritten = new MofEnvelopeWriter().toBytes(List.of(r.body()));

        assertThat(new String(rewritten, GBK)).isEqualTo(new String(envelope, GBK));
        assertThat(r.body().stamps()).singleElement().satisfies(s -> {
            assertThat(s.no()).isEqualTo("dw_gz");
            assertThat(s.xml()).contains("<StampID>ZJ-420000-0001</StampID>");
        });
        assertThat(FiscalEnvelopes.read(new ByteArrayInputStream(rewritten), "again", lenient()).allValid()).isTrue();
    }

    @Test
    void theZeroXFieldsOfAnOriginalAreReadAsZero() {
        PaymentVoucher v = FiscalEnvelopes.readPayments(new ByteArrayInputStream(resource("mof-5214-signed-sha1.xml")), "5214", lenient())
                .vouchers().get(0).voucher();

        assertThat(v.xPayAmt()).isEqualByComparingTo("0.00");
        assertThat(v.details().get(0).xPayAmt()).isEqualByComparingTo("0.00");
        assertThat(v.otherFields()).containsEntry("ForeignAmt", "0").containsEntry("ExpFuncCode1", "201");
        assertThat(v.details().get(0).otherFields()).containsEntry("PayKindCode", "01").containsEntry("MOFDepCode", "09");
    }

    @Test
    void theOlderHabitsAreReadAsTheirMappedValues() {
        FiscalVoucher v = FiscalEnvelopes.read(new ByteArrayInputStream(resource("mof-8207-2014-habits.xml")), "8207", lenient())
                .vouchers().get(0).voucher();

        assertThat(v.id()).isEqualTo("PL2014063000017");
        assertThat(v.date("XPayDate")).isEqualTo(LocalDate.of(2014, 6, 30));
        assertThat(v.text("PayTypeCode")).isEqualTo("11");
        assertThat(v.amount("XSumAmt")).isEqualByComparingTo("0.00");
    }

    @Test
    void aProfileSaysWhichHabitsItsFinanceSystemMayUse() {
        FiscalReadOptions onlyDates = lenient().withHabits(EnumSet.of(FiscalHabit.DATE_WITH_TIME));

        FiscalReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(resource("mof-8207-2014-habits.xml")), "8207", onlyDates)
                .vouchers().get(0);

        assertThat(codes(r.errors())).containsExactlyInAnyOrder(FiscalCodes.HEADER_ID_ABSENT, FiscalCodes.PAY_TYPE_CODE_THREE_DIGITS);
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.DATE_WITH_TIME);
    }

    @Test
    void aFieldOutsideTheTablesIsKeptWithAWarningAndRefusedInStrictMode() {
        byte[] voucher = new String(resource("voucher-5212-bare.xml"), GBK)
                .replace("<PayAmt>2.00</PayAmt>\n<BusinessTypeCode>", "<PayAmt>2.00</PayAmt>\n<RegionNote>省级统发</RegionNote>\n<BusinessTypeCode>")
                .getBytes(GBK);

        FiscalReadResult lenient = FiscalEnvelopes.readFile(voucher, "5212", lenient()).vouchers().get(0);
        FiscalReadResult strict = FiscalEnvelopes.readFile(voucher, "5212", lenient().withMode(FiscalReadOptions.Mode.STRICT)).vouchers().get(0);

        assertThat(lenient.valid()).isTrue();
        assertThat(lenient.warnings()).extracting(Problem::code, Problem::location).contains(
                org.assertj.core.groups.Tuple.tuple(FiscalCodes.FIELD_UNLISTED, "envelope body 1 / voucher W002418000377 / RegionNote"),
                org.assertj.core.groups.Tuple.tuple(FiscalCodes.FIELD_UNLISTED, "envelope body 1 / voucher W002418000377 / ExpFuncCode1"));
        assertThat(lenient.voucher().otherFields()).containsEntry("RegionNote", "省级统发").containsKey("ExpFuncCode1");
        assertThat(strict.errors()).extracting(Problem::code).containsOnly(FiscalCodes.FIELD_UNLISTED);
        assertThat(strict.errors()).extracting(Problem::location)
                .contains("envelope body 1 / voucher W002418000377 / RegionNote");
    }

    @Test
    void aPaymentShapedVoucherOfAnUnlistedTypeIsAPaymentOnlyWhereTheProfileAcceptsIt() {
        byte[] voucher = new String(resource("voucher-5212-bare.xml"), GBK).replace("<VtCode>5212</VtCode>", "<VtCode>5299</VtCode>").getBytes(GBK);
        byte[] notice = new String(voucher, GBK).replaceAll("<PayAcctNo>[^<]*</PayAcctNo>\n", "").getBytes(GBK);

        EnvelopeReadResult refused = FiscalEnvelopes.readPaymentFile(voucher, "5299", lenient());
        EnvelopeReadResult accepted = FiscalEnvelopes.readPaymentFile(voucher, "5299", lenient().withUnlistedPaymentVtCodes(true));
        EnvelopeReadResult notAPayment = FiscalEnvelopes.readPaymentFile(notice, "5299", lenient().withUnlistedPaymentVtCodes(true));

        assertThat(codes(refused.vouchers().get(0).errors())).containsExactly(FiscalCodes.VT_CODE_UNLISTED);
        assertThat(accepted.allValid()).isTrue();
        assertThat(codes(accepted.vouchers().get(0).warnings()))
                .containsExactlyInAnyOrder(FiscalCodes.VT_CODE_UNLISTED, FiscalCodes.FIELD_UNLISTED);
        assertThat(accepted.vouchers().get(0).voucher().vtCode()).isEqualTo("5299");
        assertThat(codes(notAPayment.vouchers().get(0).errors())).containsExactly(FiscalCodes.UNSUPPORTED_VT_CODE);
        assertThat(notAPayment.vouchers().get(0).voucher()).isNull();
    }

    @Test
    void aBareInnerVoucherIsInspectedAsAFiscalVoucher() throws Exception {
        Path bare = Paths.get(getClass().getResource(DIR + "voucher-5212-bare.xml").toURI());
        Path signed = Paths.get(getClass().getResource(DIR + "mof-5214-signed-sha1.xml").toURI());
        Path altered = Paths.get(getClass().getResource(DIR + "mof-5214-signed-altered.xml").toURI());

        Inspection i = FormatInspector.inspect(bare, false);
        Inspection verified = FormatInspector.inspect(signed, false, trustingTestCa());
        Inspection broken = FormatInspector.inspect(altered, false, trustingTestCa());

        assertThat(i.format()).isEqualTo(FormatInspector.FISCAL_VOUCHER);
        assertThat(i.valid()).as("%s", i.errors()).isTrue();
        assertThat(i.summary()).containsEntry("byVtCode", java.util.Map.of("5212", 1)).containsEntry("payAmt", "2.00");
        assertThat(verified.valid()).isTrue();
        assertThat(codes(verified.warnings())).contains(FiscalCodes.SIGNATURE_SHA1);
        assertThat(verified.summary()).containsEntry("signatures", java.util.Map.of("carried", 1, "verified", 1));
        assertThat(codes(broken.errors())).containsExactly(FiscalCodes.SIGNATURE_INVALID);
    }

    private static Set<String> codes(List<Problem> problems) {
        return problems.stream().map(Problem::code).collect(Collectors.toSet());
    }
}
