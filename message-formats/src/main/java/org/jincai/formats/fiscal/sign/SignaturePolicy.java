package org.jincai.formats.fiscal.sign;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How a finance system signs its vouchers, and so how the hub verifies them and signs what it sends back: not at
 * all, RSA detached PKCS#7, or SM2 with SM3 (国密).
 */
public enum SignaturePolicy {
    NONE,
    PKCS7,
    SM2_SM3;

    /**
     * The verifier trusting {@code certificates} (and what they issue).
     *
     * @param sha1Allowed PKCS#7 only: SHA-1 digests accepted with a warning
     * @throws IllegalStateException for {@link #NONE}
     */
    public VoucherVerifier verifier(List<X509Certificate> certificates, boolean sha1Allowed) {
        return switch (this) {
            case NONE -> throw new IllegalStateException("no signature is verified under NONE");
            case PKCS7 -> sha1Allowed ? Pkcs7VoucherVerifier.trusting(certificates)
                    : Pkcs7VoucherVerifier.trusting(certificates).refusingSha1();
            case SM2_SM3 -> Sm2VoucherVerifier.trusting(certificates);
        };
    }

    /**
     * The signer with the key and certificate in these PEM files: SHA-256 with RSA for PKCS#7, SM2 with SM3.
     *
     * @throws IllegalArgumentException when the files cannot be read or the key does not suit the policy
     * @throws IllegalStateException for {@link #NONE}
     */
    public VoucherSigner signer(Path key, Path certificate) {
        return switch (this) {
            case NONE -> throw new IllegalStateException("nothing is signed under NONE");
            case PKCS7 -> new Pkcs7VoucherSigner(SigningKeys.privateKey(key), SigningKeys.certificate(certificate),
                    SignatureAlgorithm.SHA256_WITH_RSA);
            case SM2_SM3 -> new Sm2VoucherSigner(SigningKeys.privateKey(key), SigningKeys.certificate(certificate));
        };
    }
}
