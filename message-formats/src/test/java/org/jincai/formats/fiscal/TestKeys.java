package org.jincai.formats.fiscal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away RSA keys and certificates made in the test, never stored: a CA ("Private Certificate Authority
 * Of MOF" style) and signers it issues, or self-signed signers.
 */
final class TestKeys {

    /** A key pair and its certificate. */
    record Signer(PrivateKey key, X509Certificate certificate) {
    }

    private static final KeyPairGenerator RSA;

    static {
        try {
            RSA = KeyPairGenerator.getInstance("RSA");
            RSA.initialize(2048);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestKeys() {
    }

    static synchronized KeyPair rsa() {
        return RSA.generateKeyPair();
    }

    /** A self-signed certificate for a fresh key. */
    static Signer selfSigned(String cn) {
        KeyPair kp = rsa();
        return new Signer(kp.getPrivate(), certificate(cn, kp.getPublic(), cn, kp.getPrivate(), false, BigInteger.valueOf(System.nanoTime())));
    }

    /** A fresh key with a certificate issued by {@code issuer}. */
    static Signer issuedBy(Signer issuer, String cn) {
        KeyPair kp = rsa();
        String issuerCn = issuer.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return new Signer(kp.getPrivate(), certificate(cn, kp.getPublic(), issuerCn, issuer.key(), false,
                new BigInteger("3f38e4aaee0c2acb", 16).add(BigInteger.valueOf(System.nanoTime() % 1000))));
    }

    /** A self-signed CA certificate. */
    static Signer authority(String cn) {
        KeyPair kp = rsa();
        return new Signer(kp.getPrivate(), certificate(cn, kp.getPublic(), cn, kp.getPrivate(), true, BigInteger.ONE));
    }

    private static X509Certificate certificate(String cn, PublicKey key, String issuerCn, PrivateKey issuerKey, boolean ca, BigInteger serial) {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn), serial,
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name("CN=" + cn), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (OperatorCreationException | CertificateException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }
}
