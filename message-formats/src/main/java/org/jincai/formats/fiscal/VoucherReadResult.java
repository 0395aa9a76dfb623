package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * What reading one envelope body gave: the body as received (kept for receipts, returns and audit), the
 * payment voucher ({@code null} when the inner voucher could not be read at all), and its errors and
 * warnings. An error makes the voucher invalid: the hub returns (退回) it with the reasons; warnings do not.
 */
public record VoucherReadResult(VoucherBody body, PaymentVoucher voucher, List<Problem> errors, List<Problem> warnings) {

    public VoucherReadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** No errors: the voucher may be stored and processed. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** The idempotency key of the body (AdmDivCode, StYear, VtCode, VoucherNo, VoucherFlag). */
    public VoucherKey key() {
        return body.key();
    }

    /** True when some error has this code. */
    public boolean hasError(String code) {
        return errors.stream().anyMatch(p -> p.code().equals(code));
    }

    /** True when some warning has this code. */
    public boolean hasWarning(String code) {
        return warnings.stream().anyMatch(p -> p.code().equals(code));
    }
}
