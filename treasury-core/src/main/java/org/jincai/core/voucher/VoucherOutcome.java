package org.jincai.core.voucher;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.VoucherBody;

/**
 * What intake decided for one voucher of an envelope: ACCEPTED (stored as payable, its payments
 * created) or REFUSED with coded errors. Warnings never refuse. {@code body} is the voucher as received,
 * so a refusal can be sent back as a return (退回).
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
        List<Problem> warnings,
        VoucherBody body) {

    public enum Status { ACCEPTED, REFUSED }

    public VoucherOutcome {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
