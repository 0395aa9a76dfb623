package org.jincai.core.voucher;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.formats.Problem;

/**
 * What intake decided for one voucher of an envelope — exactly one outcome per {@code VoucherBody}:
 * <ul>
 *   <li>ACCEPTED: stored as payable, its payments created (or, for an interrupted inbox intake resumed, stored
 *       by that same intake before the interruption);</li>
 *   <li>REFUSED: not stored, with coded errors — nothing will be paid for it, it may be corrected and sent again;</li>
 *   <li>DUPLICATE: a voucher with this key (AdmDivCode, StYear, VtCode, VoucherNo) was already taken; this copy
 *       changes nothing and the original stands, answered in its own time. Never to be read as a return.</li>
 * </ul>
 * Warnings never refuse.
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

    public enum Status { ACCEPTED, REFUSED, DUPLICATE }

    public VoucherOutcome {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
