package org.jincai.formats.fiscal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One {@code <VoucherBody>} of a MOF envelope: the routing attributes, VoucherFlag (0 发送单 original,
 * 1 回单 receipt, 2 退回 return), the return reason, Attach, the inner voucher both as the exact GBK bytes
 * that were base64-encoded and as the base64 text {@code <Voucher>} carried — the finance systems' detached
 * PKCS#7 signs that text, so it is kept and written back exactly as received, never re-encoded — and the
 * seals and signatures as received.
 *
 * @param index 1-based position in the envelope it was read from; 0 for a body not yet placed
 * @param voucherFlag {@link #FLAG_UNKNOWN} when the envelope's VoucherFlag was absent or not a number
 * @param returnReason {@code Return_Reason}; {@code null} when not set
 * @param attach {@code Attach}; empty when not set
 * @param voucherXml the base64-decoded inner voucher; copied in and out, see {@link #openVoucherXml()}
 * @param voucherText the base64 text of {@code <Voucher>} as received (line breaks included), what the
 *     signatures cover; {@code null} or empty to encode {@code voucherXml} without line breaks
 */
public record VoucherBody(
        int index,
        String admDivCode,
        String stYear,
        String vtCode,
        String voucherNo,
        int voucherFlag,
        String returnReason,
        String attach,
        byte[] voucherXml,
        List<VoucherSignature> signatures,
        List<SignStamp> stamps,
        String voucherText) {

    /** 发送单: the original voucher. */
    public static final int FLAG_ORIGINAL = 0;
    /** 回单: the receiver's receipt, with the X-fields filled. */
    public static final int FLAG_RECEIPT = 1;
    /** 退回: sent back unprocessed with Return_Reason (its number is not in public sources; 2 is the hub's choice). */
    public static final int FLAG_RETURN = 2;
    /** VoucherFlag absent or not a number in the envelope read. */
    public static final int FLAG_UNKNOWN = -1;

    public VoucherBody {
        attach = attach == null ? "" : attach;
        returnReason = returnReason == null || returnReason.isEmpty() ? null : returnReason;
        voucherXml = voucherXml == null ? new byte[0] : voucherXml.clone();
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
        stamps = stamps == null ? List.of() : List.copyOf(stamps);
        if (voucherText == null || voucherText.isEmpty()) {
            voucherText = Base64.getEncoder().encodeToString(voucherXml);
        } else if (!Arrays.equals(decode(voucherText), voucherXml)) {
            throw new IllegalArgumentException("the base64 text does not decode to the voucher bytes");
        }
    }

    /** A body whose base64 text is the plain encoding of {@code voucherXml} (a voucher the hub wrote). */
    public VoucherBody(int index, String admDivCode, String stYear, String vtCode, String voucherNo, int voucherFlag,
            String returnReason, String attach, byte[] voucherXml, List<VoucherSignature> signatures, List<SignStamp> stamps) {
        this(index, admDivCode, stYear, vtCode, voucherNo, voucherFlag, returnReason, attach, voucherXml, signatures, stamps, null);
    }

    /**
     * The bytes of base64 text, line breaks and surrounding blanks (some senders wrap at 76) ignored.
     *
     * @throws IllegalArgumentException when it is not base64
     */
    static byte[] decode(String base64Text) {
        return Base64.getDecoder().decode(base64Text.replaceAll("[ \\t\\r\\n]", ""));
    }

    /**
     * A body carrying {@code voucher}, encoded in GBK by the default {@link PaymentVoucherWriter}; the
     * routing attributes are taken from the voucher, and there are no seals or signatures yet.
     *
     * @throws org.jincai.formats.FormatException GBK_UNENCODABLE and the other writer codes
     */
    public static VoucherBody of(PaymentVoucher voucher, int voucherFlag, String returnReason) {
        return of(voucher, voucherFlag, returnReason, new PaymentVoucherWriter());
    }

    /** As {@link #of(PaymentVoucher, int, String)}, with a writer configured for the counterpart's profile. */
    public static VoucherBody of(PaymentVoucher voucher, int voucherFlag, String returnReason, PaymentVoucherWriter writer) {
        return new VoucherBody(0, voucher.admDivCode(), voucher.stYear(), voucher.vtCode(), voucher.voucherNo(),
                voucherFlag, returnReason, "", writer.write(voucher), List.of(), List.of(), null);
    }

    /**
     * A body carrying a voucher of any type, encoded in GBK by the default {@link FiscalVoucherWriter}; the
     * routing attributes are taken from the voucher, and there are no seals or signatures yet.
     *
     * @throws org.jincai.formats.FormatException GBK_UNENCODABLE and the other writer codes
     */
    public static VoucherBody of(FiscalVoucher voucher, int voucherFlag, String returnReason) {
        return of(voucher, voucherFlag, returnReason, new FiscalVoucherWriter());
    }

    /** As {@link #of(FiscalVoucher, int, String)}, with a writer configured for the counterpart's profile. */
    public static VoucherBody of(FiscalVoucher voucher, int voucherFlag, String returnReason, FiscalVoucherWriter writer) {
        return new VoucherBody(0, voucher.admDivCode(), voucher.stYear(), voucher.vtCode(), voucher.voucherNo(),
                voucherFlag, returnReason, "", writer.write(voucher), List.of(), List.of(), null);
    }

    /** The inner voucher bytes (a copy). */
    @Override
    public byte[] voucherXml() {
        return voucherXml.clone();
    }

    /** The inner voucher bytes as a stream, without copying. */
    public InputStream openVoucherXml() {
        return new ByteArrayInputStream(voucherXml);
    }

    /** The internal array, for this package's writers only: never handed out. */
    byte[] voucherXmlUnshared() {
        return voucherXml;
    }

    public int voucherXmlLength() {
        return voucherXml.length;
    }

    public VoucherBody withIndex(int newIndex) {
        return new VoucherBody(newIndex, admDivCode, stYear, vtCode, voucherNo, voucherFlag, returnReason, attach,
                voucherXml, signatures, stamps, voucherText);
    }

    /** A copy with a different VoucherFlag and reason, e.g. an original turned into a return (退回). */
    public VoucherBody withFlag(int newFlag, String newReturnReason) {
        return new VoucherBody(index, admDivCode, stYear, vtCode, voucherNo, newFlag, newReturnReason, attach,
                voucherXml, signatures, stamps, voucherText);
    }

    /** A copy with one more signature after those already carried (which stay untouched). */
    public VoucherBody withSignature(VoucherSignature signature) {
        List<VoucherSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return withSignatures(all);
    }

    /** A copy with these signatures instead of the current ones. */
    public VoucherBody withSignatures(List<VoucherSignature> newSignatures) {
        return new VoucherBody(index, admDivCode, stYear, vtCode, voucherNo, voucherFlag, returnReason, attach,
                voucherXml, newSignatures, stamps, voucherText);
    }

    public VoucherKey key() {
        return new VoucherKey(admDivCode, stYear, vtCode, voucherNo, voucherFlag);
    }

    /** {@code envelope body N}, the start of every problem location inside this body. */
    public String location() {
        return "envelope body " + index;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof VoucherBody b
                && index == b.index
                && voucherFlag == b.voucherFlag
                && Objects.equals(admDivCode, b.admDivCode)
                && Objects.equals(stYear, b.stYear)
                && Objects.equals(vtCode, b.vtCode)
                && Objects.equals(voucherNo, b.voucherNo)
                && Objects.equals(returnReason, b.returnReason)
                && Objects.equals(attach, b.attach)
                && Arrays.equals(voucherXml, b.voucherXml)
                && signatures.equals(b.signatures)
                && stamps.equals(b.stamps)
                && voucherText.equals(b.voucherText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, admDivCode, stYear, vtCode, voucherNo, voucherFlag, returnReason, attach,
                Arrays.hashCode(voucherXml), signatures, stamps);
    }

    @Override
    public String toString() {
        return "VoucherBody[" + index + ", " + key() + ", " + voucherXml.length + " bytes, "
                + signatures.size() + " signatures, " + stamps.size() + " stamps]";
    }
}
