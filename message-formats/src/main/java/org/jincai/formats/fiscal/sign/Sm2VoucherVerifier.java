package org.jincai.formats.fiscal.sign;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;

/**
 * Verifies the SM2-with-SM3 signatures {@link Sm2VoucherSigner} makes: a CMS SignedData over exactly the content
 * given, SM3 digest, every signer verifying. The signer's certificate must be one of the configured ones or issued
 * (and SM2-signed) by one of them, else {@value SignatureCheck#CERTIFICATE_UNKNOWN}; a digest other than SM3 is
 * {@value SignatureCheck#SIGNATURE_ALGORITHM_REFUSED}; altered content {@value SignatureCheck#SIGNATURE_INVALID}.
 * Immutable and thread-safe.
 */
public final class Sm2VoucherVerifier extends CmsVoucherVerifier {

    private static final String SM3 = GMObjectIdentifiers.sm3.getId();

    private Sm2VoucherVerifier(List<X509CertificateHolder> anchors) {
        super(anchors, Sm2.PROVIDER);
    }

    /** Trusts signers whose certificate is one of {@code certificates} or is issued by one of them. */
    public static Sm2VoucherVerifier trusting(Collection<X509Certificate> certificates) {
        List<X509CertificateHolder> holders = holders(certificates);
        if (holders.isEmpty()) {
            throw new IllegalArgumentException("no trusted certificate for SM2 signatures");
        }
        return new Sm2VoucherVerifier(holders);
    }

    @Override
    SignatureCheck verifyOne(SignerInformation signer, Store<X509CertificateHolder> carried) {
        if (!SM3.equals(signer.getDigestAlgOID())) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_ALGORITHM_REFUSED, "digest algorithm "
                    + signer.getDigestAlgOID() + " is not SM3");
        }
        X509CertificateHolder cert = signerCertificate(signer, carried);
        if (cert == null) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "the signer's certificate is neither carried"
                    + " nor configured");
        }
        SignatureCheck problem = signatureProblem(signer, cert, SignatureCheck.CERTIFICATE_UNKNOWN, "SM3 digest");
        if (problem != null) {
            return problem;
        }
        if (!trusted(cert)) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "signer " + cert.getSubject()
                    + " is not a configured certificate nor issued by one");
        }
        return SignatureCheck.valid(cert.getSerialNumber().toString(16), cert.getSubject().toString());
    }
}
