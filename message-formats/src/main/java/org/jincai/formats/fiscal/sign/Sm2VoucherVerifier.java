package org.jincai.formats.fiscal.sign;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * Verifies the SM2-with-SM3 signatures {@link Sm2VoucherSigner} makes: a CMS SignedData over exactly the content
 * given, SM3 digest, every signer verifying. The signer's certificate must be one of the configured ones or issued
 * (and SM2-signed) by one of them, else {@value SignatureCheck#CERTIFICATE_UNKNOWN}; a digest other than SM3 is
 * {@value SignatureCheck#SIGNATURE_ALGORITHM_REFUSED}; altered content {@value SignatureCheck#SIGNATURE_INVALID}.
 * Immutable and thread-safe.
 */
public final class Sm2VoucherVerifier implements VoucherVerifier {

    private static final String SM3 = GMObjectIdentifiers.sm3.getId();

    private final List<X509CertificateHolder> anchors;

    private Sm2VoucherVerifier(List<X509CertificateHolder> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    /** Trusts signers whose certificate is one of {@code certificates} or is issued by one of them. */
    public static Sm2VoucherVerifier trusting(Collection<X509Certificate> certificates) {
        List<X509CertificateHolder> holders = new ArrayList<>();
        for (X509Certificate c : certificates) {
            try {
                holders.add(new JcaX509CertificateHolder(c));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("a trusted certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
            }
        }
        if (holders.isEmpty()) {
            throw new IllegalArgumentException("no trusted certificate for SM2 signatures");
        }
        return new Sm2VoucherVerifier(holders);
    }

    @Override
    public SignatureCheck verify(byte[] content, byte[] signature) {
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException | RuntimeException e) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_MALFORMED, "not a CMS SignedData structure: " + e.getMessage());
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_MALFORMED, "the SignedData has no signer");
        }
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> carried = cms.getCertificates();
        SignatureCheck last = null;
        for (SignerInformation signer : signers) {
            last = verifyOne(signer, carried);
            if (!last.isValid()) {
                return last;
            }
        }
        return last;
    }

    private SignatureCheck verifyOne(SignerInformation signer, Store<X509CertificateHolder> carried) {
        if (!SM3.equals(signer.getDigestAlgOID())) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_ALGORITHM_REFUSED, "digest algorithm "
                    + signer.getDigestAlgOID() + " is not SM3");
        }
        X509CertificateHolder cert = signerCertificate(signer, carried);
        if (cert == null) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "the signer's certificate is neither carried"
                    + " nor configured");
        }
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Sm2.PROVIDER).build(cert))) {
                return SignatureCheck.failed(SignatureCheck.SIGNATURE_INVALID, "the signature does not match the signed content");
            }
        } catch (CMSSignerDigestMismatchException e) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_INVALID, "the content differs from what was signed (SM3 digest mismatch)");
        } catch (CMSVerifierCertificateNotValidException e) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "the signer certificate was not valid at signing time");
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_INVALID, "the signature cannot be verified: " + e.getMessage());
        }
        if (!trusted(cert)) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "signer " + cert.getSubject()
                    + " is not a configured certificate nor issued by one");
        }
        return SignatureCheck.valid(cert.getSerialNumber().toString(16), cert.getSubject().toString());
    }

    private X509CertificateHolder signerCertificate(SignerInformation signer, Store<X509CertificateHolder> carried) {
        for (X509CertificateHolder c : carried.getMatches(null)) {
            if (signer.getSID().match(c)) {
                return c;
            }
        }
        for (X509CertificateHolder c : anchors) {
            if (signer.getSID().match(c)) {
                return c;
            }
        }
        return null;
    }

    private boolean trusted(X509CertificateHolder cert) {
        for (X509CertificateHolder anchor : anchors) {
            if (anchor.equals(cert)) {
                return true;
            }
            if (anchor.getSubject().equals(cert.getIssuer()) && issuedBy(cert, anchor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean issuedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Sm2.PROVIDER).build(issuer));
        } catch (Exception e) {
            // a certificate whose signature cannot even be checked is not issued by this anchor
            return false;
        }
    }
}
