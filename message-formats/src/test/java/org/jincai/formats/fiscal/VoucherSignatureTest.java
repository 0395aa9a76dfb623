package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.fiscal.TestVouchers.codes;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherSigner;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherVerifier;
import org.jincai.formats.fiscal.sign.SignatureAlgorithm;
import org.jincai.formats.fiscal.sign.SignatureCheck;
import org.jincai.formats.fiscal.sign.VoucherVerifier;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RSA detached PKCS#7 over the exact inner voucher bytes, with throw-away keys and certificates made here:
 * sign, verify, detect a changed byte, trust by certificate or issuer, and pass signatures through untouched.
 */
class VoucherSignatureTest {

    private static TestKeys.Signer mofCa;
    private static TestKeys.Signer finance;
    private static TestKeys.Signer stranger;

    @BeforeAll
    static void keys() {
        mofCa = TestKeys.authority("Private Certificate Authority Of MOF (test)");
        finance = TestKeys.issuedBy(mofCa, "420000 finance payment centre (test)");
        stranger = TestKeys.selfSigned("somebody else (test)");
    }

    private static Pkcs7VoucherSigner signer(TestKeys.Signer s, SignatureAlgorithm algorithm) {
        return new Pkcs7VoucherSigner(s.key(), s.certificate(), algorithm);
    }

    private static VoucherBody unsigned() {
        return VoucherBody.of(TypeFixtures.quotaNotice().build(), 0, null).withIndex(1);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aSignatureVerifiesAndOneChangedByteBreaksIt(SignatureAlgorithm algorithm) {
        VoucherBody signed = FiscalSignatures.sign(unsigned(), "cz_dwfz", signer(finance, algorithm));
        byte[] bytes = signed.voucherXml();
        bytes[bytes.length / 2] ^= 0x01;
        VoucherBody tampered = new VoucherBody(1, signed.admDivCode(), signed.stYear(), signed.vtCode(), signed.voucherNo(), 0, null, "",
                bytes, signed.signatures(), List.of());
        VoucherVerifier verifier = Pkcs7VoucherVerifier.trusting(List.of(mofCa.certificate()));

        assertThat(codes(FiscalSignatures.verify(signed, verifier)))
                .isEqualTo(algorithm == SignatureAlgorithm.SHA1_WITH_RSA ? List.of(FiscalCodes.SIGNATURE_SHA1) : List.of());
        List<Problem> problems = FiscalSignatures.verify(tampered, verifier);
        assertThat(codes(problems)).containsExactly(FiscalCodes.SIGNATURE_INVALID);
        assertThat(problems.get(0).location()).isEqualTo("envelope body 1 / Signature cz_dwfz");
    }

    @Test
    void theSignatureIsDetachedRsaWithTheCertificateAndItsSerialInSn() throws Exception {
        VoucherBody signed = FiscalSignatures.sign(unsigned(), "cz_dwfz", signer(finance, SignatureAlgorithm.SHA256_WITH_RSA));
        VoucherSignature s = signed.signatures().get(0);
        CMSSignedData cms = new CMSSignedData(Base64.getDecoder().decode(s.value()));

        assertThat(cms.getSignedContent()).as("eContent absent").isNull();
        assertThat(cms.getCertificates().getMatches(null)).hasSize(1);
        assertThat(cms.getSignerInfos().getSigners().iterator().next().getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(s.no()).isEqualTo("cz_dwfz");
        assertThat(s.sn()).isEqualTo(finance.certificate().getSerialNumber().toString(16));
    }

    @Test
    void aDirectSignatureWithoutSignedAttributesVerifiesToo() {
        VoucherBody signed = FiscalSignatures.sign(unsigned(), "cz", signer(finance, SignatureAlgorithm.SHA1_WITH_RSA).withDirectSignature());
        byte[] bytes = FiscalSignatures.signedContent(signed.voucherText());
        bytes[10] ^= 0x20;

        assertThat(codes(FiscalSignatures.verify(signed, Pkcs7VoucherVerifier.anySigner()))).containsExactly(FiscalCodes.SIGNATURE_SHA1);
        assertThat(Pkcs7VoucherVerifier.anySigner().verify(bytes, Base64.getDecoder().decode(signed.signatures().get(0).value())).code())
                .isEqualTo(SignatureCheck.SIGNATURE_INVALID);
    }

    @Test
    void trustIsByCertificateOrIssuer() {
        VoucherBody byFinance = FiscalSignatures.sign(unsigned(), "cz", signer(finance, SignatureAlgorithm.SHA256_WITH_RSA));
        VoucherBody byStranger = FiscalSignatures.sign(unsigned(), "cz", signer(stranger, SignatureAlgorithm.SHA256_WITH_RSA));

        assertThat(FiscalSignatures.verify(byFinance, Pkcs7VoucherVerifier.trusting(List.of(finance.certificate())))).isEmpty();
        assertThat(FiscalSignatures.verify(byFinance, Pkcs7VoucherVerifier.trusting(List.of(mofCa.certificate())))).isEmpty();
        assertThat(codes(FiscalSignatures.verify(byStranger, Pkcs7VoucherVerifier.trusting(List.of(mofCa.certificate())))))
                .containsExactly(FiscalCodes.CERTIFICATE_UNKNOWN);
        assertThat(FiscalSignatures.verify(byStranger, Pkcs7VoucherVerifier.anySigner())).isEmpty();
    }

    @Test
    void sha1CanBeRefused() {
        VoucherBody signed = FiscalSignatures.sign(unsigned(), "cz", signer(finance, SignatureAlgorithm.SHA1_WITH_RSA));

        assertThat(codes(FiscalSignatures.verify(signed, Pkcs7VoucherVerifier.anySigner()))).containsExactly(FiscalCodes.SIGNATURE_SHA1);
        assertThat(codes(FiscalSignatures.verify(signed, Pkcs7VoucherVerifier.anySigner().refusingSha1())))
                .containsExactly(FiscalCodes.SIGNATURE_ALGORITHM_REFUSED);
    }

    @Test
    void missingAndMalformedSignaturesAreReported() {
        VoucherBody garbage = unsigned().withSignature(new VoucherSignature("a", "1", Base64.getEncoder().encodeToString("not cms".getBytes())));
        VoucherBody notBase64 = unsigned().withSignature(new VoucherSignature("b", "1", "@@@"));
        VoucherVerifier verifier = Pkcs7VoucherVerifier.anySigner();

        assertThat(codes(FiscalSignatures.verify(unsigned(), verifier))).containsExactly(FiscalCodes.SIGNATURE_MISSING);
        assertThat(codes(FiscalSignatures.verify(garbage, verifier))).containsExactly(FiscalCodes.SIGNATURE_MALFORMED);
        assertThat(codes(FiscalSignatures.verify(notBase64, verifier))).containsExactly(FiscalCodes.SIGNATURE_MALFORMED);
        assertThatThrownBy(() -> Pkcs7VoucherVerifier.trusting(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReaderVerifiesWhenAskedAndEverySignatureMustHold() {
        VoucherBody first = FiscalSignatures.sign(unsigned(), "cz_dwfz", signer(finance, SignatureAlgorithm.SHA1_WITH_RSA));
        VoucherBody both = FiscalSignatures.sign(first, "yh_qs", signer(stranger, SignatureAlgorithm.SHA256_WITH_RSA));
        FiscalReadOptions verifying = FiscalReadOptions.defaults()
                .withSignatureVerifier(Pkcs7VoucherVerifier.trusting(List.of(mofCa.certificate())));

        assertThat(both.signatures().get(0)).isEqualTo(first.signatures().get(0));
        assertThat(new FiscalVoucherReader().read(unsigned()).errors()).isEmpty();
        assertThat(codes(new FiscalVoucherReader(verifying).read(unsigned()).errors())).containsExactly(FiscalCodes.SIGNATURE_MISSING);
        assertThat(new FiscalVoucherReader(verifying).read(first).errors()).isEmpty();
        assertThat(new FiscalVoucherReader(verifying).read(both).errors()).extracting(Problem::code, Problem::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FiscalCodes.CERTIFICATE_UNKNOWN, "envelope body 1 / Signature yh_qs"));
    }

    @Test
    void signaturesPassThroughReadAndWriteByteForByte() {
        VoucherBody signed = FiscalSignatures.sign(unsigned(), "cz_dwfz", signer(finance, SignatureAlgorithm.SHA1_WITH_RSA));
        byte[] envelope = new MofEnvelopeWriter().toBytes(List.of(signed, VoucherBody.of(TestVouchers.valid().build(), 0, null)));
        FiscalReadOptions verifying = FiscalReadOptions.defaults().withSignatureVerifier(Pkcs7VoucherVerifier.anySigner());

        FiscalEnvelopeReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(envelope), "signed", verifying);
        byte[] rewritten = new MofEnvelopeWriter().toBytes(r.vouchers().stream().map(FiscalReadResult::body).toList());
        EnvelopeReadResult payments = FiscalEnvelopes.readPayments(new ByteArrayInputStream(rewritten), "again");

        assertThat(rewritten).isEqualTo(envelope);
        assertThat(r.vouchers().get(0).errors()).isEmpty();
        assertThat(codes(r.vouchers().get(1).errors())).containsExactly(FiscalCodes.SIGNATURE_MISSING);
        assertThat(r.vouchers().get(0).body().signatures()).isEqualTo(signed.signatures());
        assertThat(codes(r.vouchers().get(0).warnings())).containsExactly(FiscalCodes.SIGNATURE_SHA1);
        assertThat(codes(FiscalSignatures.verify(payments.vouchers().get(0).body(), Pkcs7VoucherVerifier.anySigner())))
                .containsExactly(FiscalCodes.SIGNATURE_SHA1);
    }

    @Test
    void theHubSignsAndVerifiesTheBase64TextAsWrittenEvenWrappedInLines() {
        VoucherBody plain = unsigned();
        String wrapped = plain.voucherText().replaceAll("(.{76})", "$1\n");
        VoucherBody body = new VoucherBody(1, plain.admDivCode(), plain.stYear(), plain.vtCode(), plain.voucherNo(), 0, null, "",
                plain.voucherXml(), List.of(), List.of(), wrapped);
        VoucherBody signed = FiscalSignatures.sign(body, "yh_qs", signer(finance, SignatureAlgorithm.SHA256_WITH_RSA));
        byte[] signature = Base64.getDecoder().decode(signed.signatures().get(0).value());
        Pkcs7VoucherVerifier verifier = Pkcs7VoucherVerifier.trusting(List.of(mofCa.certificate()));
        FiscalReadOptions verifying = FiscalReadOptions.defaults().withSignatureVerifier(verifier);

        FiscalReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(new MofEnvelopeWriter().toBytes(List.of(signed))), "wrapped",
                verifying).vouchers().get(0);

        assertThat(r.errors()).isEmpty();
        assertThat(r.body().voucherText()).isEqualTo(wrapped);
        assertThat(verifier.verify(FiscalSignatures.signedContent(wrapped), signature).isValid()).isTrue();
        assertThat(verifier.verify(signed.voucherXml(), signature).code()).as("not over the decoded bytes")
                .isEqualTo(SignatureCheck.SIGNATURE_INVALID);
    }
}
