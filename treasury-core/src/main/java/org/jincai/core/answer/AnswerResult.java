package org.jincai.core.answer;

import java.util.Set;

/**
 * What applying one bank answer or statement file did: APPLIED (with counts, and the vouchers whose
 * payments moved, so they can be checked for settlement) or DUPLICATE (seen before, nothing changed).
 */
public record AnswerResult(Outcome outcome, int accepted, int rejected, int alreadyApplied, Set<String> voucherIds) {

    public enum Outcome { APPLIED, DUPLICATE }

    public AnswerResult {
        voucherIds = Set.copyOf(voucherIds);
    }

    static AnswerResult duplicate() {
        return new AnswerResult(Outcome.DUPLICATE, 0, 0, 0, Set.of());
    }
}
