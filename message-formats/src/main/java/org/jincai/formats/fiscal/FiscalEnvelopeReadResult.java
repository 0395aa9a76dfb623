package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * One envelope read with {@link FiscalEnvelopes#read}: problems of the envelope as a whole that still let
 * its vouchers be read (VOUCHER_COUNT_MISMATCH), and the result of each body, of any type, in document order.
 */
public record FiscalEnvelopeReadResult(List<Problem> envelopeErrors, List<FiscalReadResult> vouchers) {

    public FiscalEnvelopeReadResult {
        envelopeErrors = List.copyOf(envelopeErrors);
        vouchers = List.copyOf(vouchers);
    }

    /** No envelope error and every voucher valid. */
    public boolean allValid() {
        return envelopeErrors.isEmpty() && vouchers.stream().allMatch(FiscalReadResult::valid);
    }

    public List<FiscalReadResult> validVouchers() {
        return vouchers.stream().filter(FiscalReadResult::valid).toList();
    }

    public List<FiscalReadResult> invalidVouchers() {
        return vouchers.stream().filter(v -> !v.valid()).toList();
    }
}
