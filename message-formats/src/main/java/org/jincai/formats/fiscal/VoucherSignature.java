package org.jincai.formats.fiscal;

/**
 * One electronic signature (签名) of a voucher body: the position code on the voucher template
 * ({@code No}, e.g. {@code cz_dwfz}), the signer certificate serial ({@code SN}) and the base64 detached
 * PKCS#7 value. The hub keeps it as received and writes it back untouched; it does not verify it here.
 */
public record VoucherSignature(String no, String sn, String value) {
}
