package org.jincai.formats.fiscal.sign;

/**
 * Verifies one signature of an envelope body over exactly the content given (for MOF vouchers the ASCII bytes
 * of the base64 text of {@code <Voucher>}). Which
 * signers are trusted is the implementation's configuration (per counterpart); a verifier never throws for
 * a bad signature, it answers with a {@link SignatureCheck} carrying a stable code.
 */
public interface VoucherVerifier {

    /**
     * @param content the content the signature claims to cover
     * @param signature the decoded signature value (DER)
     */
    SignatureCheck verify(byte[] content, byte[] signature);
}
