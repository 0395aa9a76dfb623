package org.jincai.formats.fiscal.sign;

/**
 * The outcome of verifying one signature: valid (no code) with the signer's certificate serial and subject,
 * or failed with a stable code and a message.
 *
 * @param code {@code null} when valid, else one of the constants below
 * @param signerSerial the signer certificate's serial number in lower-case hex (the envelope's {@code SN}),
 *     when known
 * @param signerSubject the signer certificate's subject DN, when known
 * @param sha1 the signature verified with a SHA-1 digest (broken for new signatures, still used by finance
 *     systems' certificates of "Private Certificate Authority Of MOF")
 */
public record SignatureCheck(String code, String message, String signerSerial, String signerSubject, boolean sha1) {

    /** The signature does not verify over the given bytes: they were altered, or it was made over others. */
    public static final String SIGNATURE_INVALID = "SIGNATURE_INVALID";
    /** Not a CMS / PKCS#7 SignedData structure, or one without a signer. */
    public static final String SIGNATURE_MALFORMED = "SIGNATURE_MALFORMED";
    /**
     * The signer's certificate is neither carried nor configured, is not a configured one nor issued by one, or was not
     * valid when it signed.
     */
    public static final String CERTIFICATE_UNKNOWN = "CERTIFICATE_UNKNOWN";
    /** The digest or signature algorithm is one the verifier refuses. */
    public static final String SIGNATURE_ALGORITHM_REFUSED = "SIGNATURE_ALGORITHM_REFUSED";

    public static SignatureCheck valid(String signerSerial, String signerSubject) {
        return new SignatureCheck(null, "", signerSerial, signerSubject, false);
    }

    /** Valid, with a SHA-1 digest. */
    public static SignatureCheck validSha1(String signerSerial, String signerSubject) {
        return new SignatureCheck(null, "", signerSerial, signerSubject, true);
    }

    public static SignatureCheck failed(String code, String message) {
        return new SignatureCheck(code, message, null, null, false);
    }

    public boolean isValid() {
        return code == null;
    }
}
