package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * What reading one envelope body gave, whichever view of its voucher the reader made: the body as received
 * (kept for receipts, returns and audit) and the voucher's errors and warnings. An error makes the voucher
 * invalid: the hub returns (退回) it with the reasons; warnings do not.
 */
public sealed interface BodyReadResult permits FiscalReadResult, VoucherReadResult {

    VoucherBody body();

    List<Problem> errors();

    List<Problem> warnings();

    /** No errors: the voucher may be stored and processed. */
    default boolean valid() {
        return errors().isEmpty();
    }

    /** The idempotency key of the body (AdmDivCode, StYear, VtCode, VoucherNo, VoucherFlag). */
    default VoucherKey key() {
        return body().key();
    }

    /** True when some error has this code. */
    default boolean hasError(String code) {
        return errors().stream().anyMatch(p -> p.code().equals(code));
    }

    /** True when some warning has this code. */
    default boolean hasWarning(String code) {
        return warnings().stream().anyMatch(p -> p.code().equals(code));
    }
}
