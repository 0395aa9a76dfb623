package org.jincai.formats.fiscal.internal;

/**
 * Builds problem locations the same way everywhere: {@code envelope body 3 / voucher T202600000002 /
 * detail T202600000002-4 / PayeeAcctName}. The voucher is named by the envelope's VoucherNo, the routing key
 * the sender sees in the voucher library, or by the inner VoucherNo when the envelope has none.
 */
public final class Locations {

    private Locations() {
    }

    public static String voucher(String bodyLocation, String envelopeVoucherNo, String innerVoucherNo) {
        String label = notBlank(envelopeVoucherNo) ? envelopeVoucherNo : notBlank(innerVoucherNo) ? innerVoucherNo : "(no VoucherNo)";
        return bodyLocation == null ? "voucher " + label : bodyLocation + " / voucher " + label;
    }

    /** A detail by its Id, or by its 1-based position when it has none. */
    public static String detail(String voucherLocation, String detailId, int position) {
        return voucherLocation + " / detail " + (notBlank(detailId) ? detailId : "#" + position);
    }

    public static String field(String location, String tag) {
        return location + " / " + tag;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
