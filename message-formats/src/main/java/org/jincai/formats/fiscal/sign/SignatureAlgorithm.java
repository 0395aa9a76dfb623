package org.jincai.formats.fiscal.sign;

/**
 * The RSA signature algorithms of the PKCS#7 implementation: SHA-256, and SHA-1 because the signatures
 * seen in production (HB24, "Private Certificate Authority Of MOF" certificates) still use it.
 */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA"),
    SHA1_WITH_RSA("SHA1withRSA");

    private final String jcaName;

    SignatureAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The JCA algorithm name. */
    public String jcaName() {
        return jcaName;
    }
}
