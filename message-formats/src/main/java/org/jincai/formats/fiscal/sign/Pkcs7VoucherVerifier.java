package org.jincai.formats.fiscal.sign;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;

/**
 * Verifies RSA detached PKCS#7 signatures (CMS SignedData) over the content it is given (for MOF vouchers
 * the base64 text of {@code <Voucher>}, see {@link org.jincai.formats.fiscal.FiscalSignatures}); an
 * encapsulated content, if any, is ignored in favour of those bytes. Every signer of the structure must
 * verify. Trust is configuration: {@link #trusting(Collection)} accepts a signer certificate that is one
 * of the given certificates or is issued (and signed) by one of them — the counterpart's certificate or
 * its CA (for MOF vouchers, "Private Certificate Authority Of MOF"); {@link #anySigner()} checks integrity
 * only and trusts whatever certificate the signature carries. When the signature carries a signing time,
 * the signer certificate must have been valid then.
 *
 * <p>SHA-256, SHA-384, SHA-512 and SHA-1 digests are accepted, a SHA-1 one flagged ({@link SignatureCheck#sha1()},
 * which the reader reports as SIGNATURE_SHA1); {@link #refusingSha1()} refuses SHA-1 (SIGNATURE_ALGORITHM_REFUSED),
 * for a finance system whose profile does not allow it.
 * Immutable and thread-safe.
 */
public final class Pkcs7VoucherVerifier extends CmsVoucherVerifier {

    private static final Set<String> STRONG_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256.getId(), NISTObjectIdentifiers.id_sha384.getId(), NISTObjectIdentifiers.id_sha512.getId());
    private static final String SHA1 = OIWObjectIdentifiers.idSHA1.getId();

    private final boolean anySigner;
    private final boolean sha1Allowed;

    private Pkcs7VoucherVerifier(List<X509CertificateHolder> anchors, boolean anySigner, boolean sha1Allowed) {
        super(anchors, null);
        this.anySigner = anySigner;
        this.sha1Allowed = sha1Allowed;
    }

    /** Trusts signers whose certificate is one of {@code certificates} or is issued by one of them. */
    public static Pkcs7VoucherVerifier trusting(Collection<X509Certificate> certificates) {
        List<X509CertificateHolder> holders = holders(certificates);
        if (holders.isEmpty()) {
            throw new IllegalArgumentException("no trusted certificate; use anySigner() to check integrity only");
        }
        return new Pkcs7VoucherVerifier(holders, false, true);
    }

    /** Checks that the bytes are unaltered since signing, trusting whichever certificate the signature carries. */
    public static Pkcs7VoucherVerifier anySigner() {
        return new Pkcs7VoucherVerifier(List.of(), true, true);
    }

    /** The same verifier refusing SHA-1 digests (SIGNATURE_ALGORITHM_REFUSED). */
    public Pkcs7VoucherVerifier refusingSha1() {
        return new Pkcs7VoucherVerifier(anchors, anySigner, false);
    }

    @Override
    SignatureCheck verifyOne(SignerInformation signer, Store<X509CertificateHolder> carried) {
        String digest = signer.getDigestAlgOID();
        if (!STRONG_DIGESTS.contains(digest) && !(sha1Allowed && SHA1.equals(digest))) {
            return SignatureCheck.failed(SignatureCheck.SIGNATURE_ALGORITHM_REFUSED, "digest algorithm " + digest + " is not accepted");
        }
        X509CertificateHolder cert = signerCertificate(signer, carried);
        if (cert == null) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "the signer's certificate is neither carried nor trusted");
        }
        SignatureCheck problem = signatureProblem(signer, cert, SignatureCheck.CERTIFICATE_UNKNOWN, "message digest");
        if (problem != null) {
            return problem;
        }
        if (!anySigner && !trusted(cert)) {
            return SignatureCheck.failed(SignatureCheck.CERTIFICATE_UNKNOWN, "signer " + cert.getSubject() + " is not trusted");
        }
        String serial = cert.getSerialNumber().toString(16);
        return SHA1.equals(digest) ? SignatureCheck.validSha1(serial, cert.getSubject().toString())
                : SignatureCheck.valid(serial, cert.getSubject().toString());
    }
}
