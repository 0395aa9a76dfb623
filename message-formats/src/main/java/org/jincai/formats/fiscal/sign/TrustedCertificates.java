package org.jincai.formats.fiscal.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads the certificates a finance system's signatures are trusted by: a PEM or DER file of one or more
 * certificates (the signer's certificate, or the CA that issues them, e.g. "Private Certificate Authority Of
 * MOF"), or a PKCS#12 / JKS truststore whose certificate entries are all trusted.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /**
     * @param password the truststore's password; {@code null} or empty for a certificate file or a store without one
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> load(Path file, char[] password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trusted certificates " + file + ": " + e.getMessage(), e);
        }
        List<X509Certificate> out = certificates(bytes);
        if (out.isEmpty()) {
            out = store(bytes, password, file);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate (PEM, DER, PKCS#12 or JKS expected)");
        }
        return out;
    }

    private static List<X509Certificate> certificates(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
        boolean pem = head.contains("-----BEGIN");
        boolean der = bytes.length > 1 && (bytes[0] & 0xFF) == 0x30;
        if (!pem && !der) {
            return List.of();
        }
        // the JDK's factory first; BouncyCastle's for what it cannot read, such as SM2 keys on the sm2p256v1 curve
        for (CertificateFactory factory : factories()) {
            try {
                List<X509Certificate> out = new ArrayList<>();
                for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                    out.add((X509Certificate) c);
                }
                return out;
            } catch (CertificateException | RuntimeException e) {
                // a PKCS#12 store is DER too: let the next factory, then the store reader try
            }
        }
        return List.of();
    }

    private static List<CertificateFactory> factories() {
        try {
            return List.of(CertificateFactory.getInstance("X.509"), CertificateFactory.getInstance("X.509", Sm2.PROVIDER));
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 certificate factory", e);
        }
    }

    private static List<X509Certificate> store(byte[] bytes, char[] password, Path file) {
        GeneralSecurityException last = null;
        for (String type : List.of("PKCS12", "JKS")) {
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password == null || password.length == 0 ? null : password);
                List<X509Certificate> out = new ArrayList<>();
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.getCertificate(alias) instanceof X509Certificate c) {
                        out.add(c);
                    }
                }
                return out;
            } catch (GeneralSecurityException e) {
                last = e;
            } catch (IOException e) {
                last = new GeneralSecurityException(e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("cannot read " + file + " as certificates or truststore: "
                + (last == null ? "unknown format" : last.getMessage()), last);
    }
}
