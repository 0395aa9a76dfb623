package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * One envelope read for intake: problems of the envelope as a whole that still let its vouchers be read
 * (VOUCHER_COUNT_MISMATCH), and the result of each body in document order.
 */
public record EnvelopeReadResult(List<Problem> envelopeErrors, List<VoucherReadResult> vouchers) {

    public EnvelopeReadResult {
        envelopeErrors = List.copyOf(envelopeErrors);
        vouchers = List.copyOf(vouchers);
    }

    /** No envelope error and every voucher valid. */
    public boolean allValid() {
        return envelopeErrors.isEmpty() && vouchers.stream().allMatch(VoucherReadResult::valid);
    }

    public List<VoucherReadResult> validVouchers() {
        return vouchers.stream().filter(VoucherReadResult::valid).toList();
    }

    public List<VoucherReadResult> invalidVouchers() {
        return vouchers.stream().filter(v -> !v.valid()).toList();
    }
}
