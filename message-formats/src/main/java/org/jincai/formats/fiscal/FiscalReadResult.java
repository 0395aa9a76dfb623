package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * What reading one envelope body as a voucher of any supported type gave: the body as received, the voucher
 * ({@code null} when the inner voucher could not be read at all, or its VtCode is not supported), and its
 * errors and warnings ({@link BodyReadResult}).
 */
public record FiscalReadResult(VoucherBody body, FiscalVoucher voucher, List<Problem> errors, List<Problem> warnings)
        implements BodyReadResult {

    public FiscalReadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** The type the voucher was read as, {@code null} when it was not read. */
    public VoucherType type() {
        return voucher == null ? null : voucher.type();
    }

    /** True when the voucher was read as a payment voucher (5201 / 8202 / 5214 / 5212). */
    public boolean isPayment() {
        return voucher != null && voucher.type().family() == VoucherFamily.PAYMENT;
    }

    /** The typed payment view, {@code null} when the voucher is not a payment voucher or was not read. */
    public PaymentVoucher payment() {
        return isPayment() ? voucher.toPayment() : null;
    }
}
