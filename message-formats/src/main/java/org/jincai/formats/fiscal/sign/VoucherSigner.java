package org.jincai.formats.fiscal.sign;

/**
 * Signs the inner voucher of an envelope body. The bytes signed are exactly the base64-decoded GBK bytes
 * of {@code <Voucher>} (reference §3.1 and §11.3: what the standard signs is not public; signing the bytes
 * that travel makes the signature independent of any re-serialisation). Implementations: RSA PKCS#7 today
 * ({@link Pkcs7VoucherSigner}); an SM2 / GB/T 35275 signer can be plugged in the same way.
 */
public interface VoucherSigner {

    /**
     * A detached signature (DER) over exactly {@code voucherXml}.
     *
     * @throws SigningException when the key or the provider fails
     */
    byte[] sign(byte[] voucherXml);

    /** The signer certificate's serial number in lower-case hex, written as the envelope's {@code SN}. */
    String certificateSerial();
}
