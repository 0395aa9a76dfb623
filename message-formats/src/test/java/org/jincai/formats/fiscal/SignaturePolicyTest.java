package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.sign.SignaturePolicy;
import org.jincai.formats.fiscal.sign.VoucherSigner;
import org.jincai.formats.fiscal.sign.VoucherVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finance system's signature policy from files, as the hub loads it: the hub's PKCS#7 signer from a PEM RSA key and
 * certificate, verified by the policy's verifier and refused once the voucher changed; an RSA signature where SM2 with
 * SM3 is the policy refused for its digest; NONE neither signs nor verifies. (SM2 end to end: treasury-core's
 * Sm2SignedVoucherTest.)
 */
class SignaturePolicyTest {

    @TempDir
    Path dir;

    private Path pem(String name, Object o) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return file;
    }

    private static VoucherBody body(String amount) {
        return VoucherBody.of(TestVouchers.valid().payAmt(new BigDecimal(amount)).build(), 0, null).withIndex(1);
    }

    @Test
    void thePkcs7PolicySignsWithTheHubsPemKeyAndItsVerifierCatchesAChange() throws Exception {
        TestKeys.Signer hub = TestKeys.selfSigned("Jincai hub");
        VoucherSigner signer = SignaturePolicy.PKCS7.signer(pem("hub.key", hub.key()), pem("hub.pem", hub.certificate()));
        VoucherVerifier verifier = SignaturePolicy.PKCS7.verifier(List.of(hub.certificate()), false);

        VoucherBody signed = FiscalSignatures.sign(body("100.00"), "jincai_hub", signer);
        VoucherBody changed = body("999.00").withSignatures(signed.signatures());

        assertThat(FiscalSignatures.verify(signed, verifier)).isEmpty();
        assertThat(FiscalSignatures.verify(changed, verifier)).extracting(Problem::code)
                .containsExactly(FiscalCodes.SIGNATURE_INVALID);
    }

    @Test
    void anRsaSignatureIsRefusedWhereTheSystemSignsWithSm2AndNoneSignsNothing() throws Exception {
        TestKeys.Signer rsa = TestKeys.selfSigned("湖北省财政厅");
        VoucherBody signed = FiscalSignatures.sign(body("100.00"), "cz_dwfz",
                SignaturePolicy.PKCS7.signer(pem("rsa.key", rsa.key()), pem("rsa.pem", rsa.certificate())));

        assertThat(FiscalSignatures.verify(signed, SignaturePolicy.SM2_SM3.verifier(List.of(rsa.certificate()), false)))
                .extracting(Problem::code).containsExactly(FiscalCodes.SIGNATURE_ALGORITHM_REFUSED);
        assertThatThrownBy(() -> SignaturePolicy.NONE.signer(dir.resolve("k"), dir.resolve("c")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SignaturePolicy.SM2_SM3.signer(pem("rsa2.key", rsa.key()), pem("rsa2.pem", rsa.certificate())))
                .as("an RSA key under SM2").isInstanceOf(IllegalArgumentException.class);
    }
}
