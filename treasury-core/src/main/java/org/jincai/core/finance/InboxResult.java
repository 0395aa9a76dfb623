package org.jincai.core.finance;

import java.util.List;
import org.jincai.core.voucher.VoucherOutcome;

/**
 * What taking one inbox file did: TAKEN (its vouchers' outcomes, and the returns written for the refused
 * ones) or ALREADY_TAKEN (the same name and content were taken before: nothing done).
 */
public record InboxResult(Outcome outcome, List<VoucherOutcome> vouchers, List<String> returnFiles) {

    public enum Outcome { TAKEN, ALREADY_TAKEN }

    public InboxResult {
        vouchers = List.copyOf(vouchers);
        returnFiles = List.copyOf(returnFiles);
    }
}
