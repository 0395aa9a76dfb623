/**
 * Signatures (电子签名) of fiscal vouchers: a pluggable {@link org.jincai.formats.fiscal.sign.VoucherSigner} /
 * {@link org.jincai.formats.fiscal.sign.VoucherVerifier} over the base64 text of the inner voucher that finance systems sign, with an
 * RSA detached PKCS#7 (CMS SignedData, eContent absent, SHA-256 or SHA-1) and an SM2-with-SM3 (国密) implementation on
 * BouncyCastle, and a finance system's {@link org.jincai.formats.fiscal.sign.SignaturePolicy}.
 */
package org.jincai.formats.fiscal.sign;
