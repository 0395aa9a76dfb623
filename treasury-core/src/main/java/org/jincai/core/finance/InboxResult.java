package org.jincai.core.finance;

import java.util.List;
import org.jincai.core.voucher.VoucherOutcome;

/**
 * What taking one inbox file did: TAKEN (its vouchers' outcomes, the returns (退回) written for the refused ones
 * and the duplicate notices for those already taken) or ALREADY_TAKEN (the same name and content were taken
 * before: nothing done). {@code sha256} is the file's digest either way.
 */
public record InboxResult(Outcome outcome, String sha256, List<VoucherOutcome> vouchers, List<String> returnFiles,
                          List<String> duplicateNotices) {

    public enum Outcome { TAKEN, ALREADY_TAKEN }

    public InboxResult {
        vouchers = List.copyOf(vouchers);
        returnFiles = List.copyOf(returnFiles);
        duplicateNotices = List.copyOf(duplicateNotices);
    }
}
