package org.jincai.formats.fiscal;

/**
 * One electronic seal (电子印章) of a voucher body: the position code on the voucher template ({@code No},
 * e.g. {@code dw_gz}) and the seal value, kept as received and written back untouched. A seal whose element
 * has more than a {@code No} and a text (other attributes, child elements: stamp servers differ) is kept
 * whole in {@code xml}, re-serialised from what was parsed, and written back as such.
 *
 * @param xml the whole seal element when it is not the plain {@code <SignStamp No="…">value</SignStamp>};
 *     {@code null} otherwise
 */
public record SignStamp(String no, String value, String xml) {

    public SignStamp(String no, String value) {
        this(no, value, null);
    }
}
