package org.jincai.formats.fiscal.sign;

import java.io.IOException;
import java.security.PrivateKey;
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
 * RSA detached PKCS#7: a CMS SignedData without eContent (the signed content, the base64 text, travels in {@code <Voucher>},
 * not inside the signature), with the signer certificate included, SHA-256 or SHA-1. By default the
 * signature covers signed attributes (content type, message digest, signing time), as CMS signers
 * usually do; {@link #withDirectSignature()} signs the content digest directly for counterparts that
 * expect the older form. The JDK's own RSA provider does the arithmetic; no provider is registered
 * globally.
 *
 * <p>Thread-safe: every call builds its own generator.
 */
public final class Pkcs7VoucherSigner implements VoucherSigner {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SignatureAlgorithm algorithm;
    private final boolean directSignature;

    /**
     * @throws IllegalArgumentException when the key is not an RSA key
     */
    public Pkcs7VoucherSigner(PrivateKey key, X509Certificate certificate, SignatureAlgorithm algorithm) {
        this(key, certificate, algorithm, false);
    }

    private Pkcs7VoucherSigner(PrivateKey key, X509Certificate certificate, SignatureAlgorithm algorithm, boolean directSignature) {
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.directSignature = directSignature;
        if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("an RSA key is needed, not " + key.getAlgorithm());
        }
    }

    /** The same signer without signed attributes: the RSA signature is over the content digest itself. */
    public Pkcs7VoucherSigner withDirectSignature() {
        return new Pkcs7VoucherSigner(key, certificate, algorithm, true);
    }

    @Override
    public byte[] sign(byte[] content) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm.jcaName()).build(key);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setDirectSignature(directSignature)
                    .build(contentSigner, certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new SigningException("PKCS#7 signing with " + algorithm.jcaName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String certificateSerial() {
        return certificate.getSerialNumber().toString(16);
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }
}
