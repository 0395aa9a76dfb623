package org.jincai.formats.fiscal.sign;

/**
 * Signs the content of an envelope body: for MOF vouchers the ASCII bytes of the base64 text written in
 * {@code <Voucher>}, as finance systems sign it (reference §11.3, checked with openssl on a real 2024
 * signature; {@link org.jincai.formats.fiscal.FiscalSignatures#sign}). Implementations: RSA PKCS#7
 * ({@link Pkcs7VoucherSigner}) and SM2 with SM3 ({@link Sm2VoucherSigner}).
 */
public interface VoucherSigner {

    /**
     * A detached signature (DER) over exactly {@code content}.
     *
     * @throws SigningException when the key or the provider fails
     */
    byte[] sign(byte[] content);

    /** The signer certificate's serial number in lower-case hex, written as the envelope's {@code SN}. */
    String certificateSerial();
}
