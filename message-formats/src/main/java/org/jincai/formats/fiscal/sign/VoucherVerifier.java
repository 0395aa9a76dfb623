package org.jincai.formats.fiscal.sign;

/**
 * Verifies one signature of an envelope body over exactly the base64-decoded inner voucher bytes. Which
 * signers are trusted is the implementation's configuration (per counterpart); a verifier never throws for
 * a bad signature, it answers with a {@link SignatureCheck} carrying a stable code.
 */
public interface VoucherVerifier {

    /**
     * @param voucherXml the inner voucher bytes the signature claims to cover
     * @param signature the decoded signature value (DER)
     */
    SignatureCheck verify(byte[] voucherXml, byte[] signature);
}
