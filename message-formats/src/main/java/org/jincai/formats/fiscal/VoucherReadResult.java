package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * What reading one envelope body as a payment voucher gave: the body as received, the payment voucher
 * ({@code null} when the inner voucher could not be read at all), and its errors and warnings
 * ({@link BodyReadResult}).
 */
public record VoucherReadResult(VoucherBody body, PaymentVoucher voucher, List<Problem> errors, List<Problem> warnings)
        implements BodyReadResult {

    public VoucherReadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
