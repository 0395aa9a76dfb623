package org.jincai.formats.fiscal;

/**
 * One electronic seal (电子印章) of a voucher body: the position code on the voucher template ({@code No},
 * e.g. {@code dw_gz}) and the seal value, kept as received and written back untouched.
 */
public record SignStamp(String no, String value) {
}
