package org.jincai.formats.fiscal.sign;

import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * What the detached CMS SignedData verifiers share: the structure read over exactly the content given, every signer
 * checked in turn ({@link #verifyOne}), the signer's certificate found among those carried or configured, its
 * signature over the content, and trust as configuration — a certificate that is one of the anchors or issued (and
 * signed) by one of them. The JCA provider is the algorithm's ({@code null}: the platform's). Immutable.
 */
abstract class CmsVoucherVerifier implements VoucherVerifier {

    final List<X509CertificateHolder> anchors;
    private final Provider provider;

    CmsVoucherVerifier(List<X509CertificateHolder> anchors, Provider provider) {
        this.anchors = List.copyOf(anchors);
        this.provider = provider;
    }

    /** The configured certificates as BouncyCastle holders. */
    static List<X509CertificateHolder> holders(Collection<X509Certificate> certificates) {
        List<X509CertificateHolder> holders = new ArrayList<>();
        for (X509Certificate c : certificates) {
            try {
                holders.add(new JcaX509CertificateHolder(c));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("a trusted certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
            }
        }
        return holders;
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

    /** One signer's check: its digest algorithm, certificate, signature and trust. */
    abstract SignatureCheck verifyOne(SignerInformation signer, Store<X509CertificateHolder> carried);

    /**
     * The signer's signature over the content: {@code null} when it verifies, else the failure; a certificate not valid
     * at signing time is {@code untrustedCode}, a digest mismatch is described as a {@code digestName} mismatch.
     */
    SignatureCheck signatureProblem(SignerInformation signer, X509CertificateHolder cert, String untrustedCode,
                                    String digestName) {
        try {
            JcaSimpleSignerInfoVerifierBuilder builder = new JcaSimpleSignerInfoVerifierBuilder();
            if (provider != null) {
                builder.setProvider(provider);
            }
            if (!signer.verify(builder.build(cert))) {
                return SignatureCheck.failed(SignatureCheck.SIGNATURE_INVALID, "the signature does not match the signed content");
            }
            return null;
        } catch (CMSSignerDigestMismatchException e) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_INVALID, "the content differs from what was signed ("
                    + digestName + " mismatch)");
        } catch (CMSVerifierCertificateNotValidException e) {
            return SignatureCheck.failed(untrustedCode, "the signer certificate was not valid at signing time");
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_INVALID, "the signature cannot be verified: " + e.getMessage());
        }
    }

    /** The signer's certificate: carried by the signature, or one of the anchors; {@code null} if neither. */
    X509CertificateHolder signerCertificate(SignerInformation signer, Store<X509CertificateHolder> carried) {
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

    /** Whether {@code cert} is an anchor or issued by one. */
    boolean trusted(X509CertificateHolder cert) {
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

    private boolean issuedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            JcaContentVerifierProviderBuilder builder = new JcaContentVerifierProviderBuilder();
            if (provider != null) {
                builder.setProvider(provider);
            }
            return cert.isSignatureValid(builder.build(issuer));
        } catch (Exception e) {
            // a certificate whose signature cannot even be checked is not issued by this anchor
            return false;
        }
    }
}
