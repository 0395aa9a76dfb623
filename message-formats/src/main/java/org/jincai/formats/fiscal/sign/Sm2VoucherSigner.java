package org.jincai.formats.fiscal.sign;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * SM2 with SM3 (国密, GB/T 32918 and GB/T 32905): a detached CMS SignedData over the content — the base64 text, as
 * for PKCS#7 — whose signer info names SM3 as digest and SM2-with-SM3 as signature (OIDs 1.2.156.10197.1.401 and
 * .501, the default signer identity {@code 1234567812345678} of GM/T 0009), with the signer certificate included.
 * BouncyCastle does the arithmetic through a provider instance of its own; none is registered globally.
 *
 * <p>Thread-safe: every call builds its own generator.
 */
public final class Sm2VoucherSigner implements VoucherSigner {

    private final PrivateKey key;
    private final X509Certificate certificate;

    /** @throws IllegalArgumentException when the key is not an elliptic-curve (SM2) key */
    public Sm2VoucherSigner(PrivateKey key, X509Certificate certificate) {
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        if (!(key instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("an SM2 (elliptic-curve) key is needed, not " + key.getAlgorithm());
        }
    }

    @Override
    public byte[] sign(byte[] content) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(Sm2.SIGNATURE).setProvider(Sm2.PROVIDER).build(key);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Sm2.PROVIDER).build())
                    .build(contentSigner, certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new SigningException("SM2 signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String certificateSerial() {
        return certificate.getSerialNumber().toString(16);
    }
}
