package org.jincai.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away SM2 keys (curve sm2p256v1) with self-signed SM3-with-SM2 certificates, made in the test and written as
 * PEM files where a configuration expects them; never stored in the repository.
 */
public final class Sm2Keys {

    private static final Provider BC = new BouncyCastleProvider();

    /** A key, its certificate, and the PEM files holding them. */
    public record Sm2Signer(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile) {
    }

    private Sm2Keys() {
    }

    /** A fresh SM2 key with a self-signed certificate for {@code cn}, written to {@code dir/name.key} and {@code .pem}. */
    public static Sm2Signer create(Path dir, String name, String cn) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("sm2p256v1"));
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + cn);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), subject, kp.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                    builder.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(BC).build(kp.getPrivate())));
            Path keyFile = dir.resolve(name + ".key");
            Path certFile = dir.resolve(name + ".pem");
            pem(keyFile, kp.getPrivate());
            pem(certFile, cert);
            return new Sm2Signer(kp.getPrivate(), cert, keyFile, certFile);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pem(Path file, Object o) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
