package org.jincai.formats.fiscal;

/**
 * The idempotency key of a voucher in transit (standard §11.3): the routing attributes of its envelope
 * body plus VoucherFlag, so an original and its receipt (回单) are different messages while a second copy
 * of either is the same one.
 */
public record VoucherKey(String admDivCode, String stYear, String vtCode, String voucherNo, int voucherFlag) {

    @Override
    public String toString() {
        return admDivCode + "/" + stYear + "/" + vtCode + "/" + voucherNo + "/" + voucherFlag;
    }
}
