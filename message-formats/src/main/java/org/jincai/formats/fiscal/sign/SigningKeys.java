package org.jincai.formats.fiscal.sign;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The hub's own signing key and certificate, from PEM files: an unencrypted private key ({@code BEGIN PRIVATE KEY},
 * PKCS#8, or the traditional {@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}) — RSA for PKCS#7, SM2 for
 * SM2 with SM3 — and its X.509 certificate. A key protected by a password is kept in a file only root can read.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    /** @throws IllegalArgumentException when the file cannot be read or holds no private key */
    public static PrivateKey privateKey(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                PrivateKeyInfo info = o instanceof PrivateKeyInfo i ? i : o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : null;
                if (info != null) {
                    // RSA keys go to the JDK's provider (which signs PKCS#7); SM2 keys, on a curve it lacks, to BouncyCastle's
                    boolean rsa = PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm());
                    return (rsa ? new JcaPEMKeyConverter() : new JcaPEMKeyConverter().setProvider(Sm2.PROVIDER))
                            .getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " holds no unencrypted PEM private key");
    }

    /** The first certificate of a PEM or DER file. */
    public static X509Certificate certificate(Path file) {
        List<X509Certificate> all = TrustedCertificates.load(file, null);
        return all.get(0);
    }
}
