package org.jincai.core.voucher;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.formats.Problem;

/**
 * What intake decided for one voucher of an envelope: ACCEPTED (stored as payable, its payments
 * created) or REFUSED with coded errors. Warnings never refuse.
 */
public record VoucherOutcome(
        int index,
        String admDivCode,
        String stYear,
        String vtCode,
        String voucherNo,
        Status status,
        String bankCode,
        int payments,
        BigDecimal payAmt,
        List<Problem> errors,
        List<Problem> warnings) {

    public enum Status { ACCEPTED, REFUSED }

    public VoucherOutcome {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
