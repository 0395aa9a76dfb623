package org.jincai.core.payment;

import java.util.EnumSet;
import java.util.Set;

/**
 * The payment lifecycle of the design: RECEIVED → VALIDATED → RESERVED → PENDING_APPROVAL → APPROVED
 * → RELEASED → SENT → ACCEPTED | REJECTED → PAID | FAILED → RECEIPTED → RECONCILED, with RETURNED
 * (money back after payment) and CANCELLED (withdrawn before it left the hub). A payment no receipt answers —
 * a line of a batch job's voucher (a payroll run, VtCode 8207), answered by the job's outputs — goes from PAID to
 * RECONCILED when a statement books it: the reconciler makes that move for those payments only. The allowed moves
 * are declared here once; everything else is refused.
 */
public enum PaymentStatus {
    RECEIVED,
    VALIDATED,
    RESERVED,
    PENDING_APPROVAL,
    APPROVED,
    RELEASED,
    SENT,
    ACCEPTED,
    REJECTED,
    PAID,
    FAILED,
    RECEIPTED,
    RECONCILED,
    RETURNED,
    CANCELLED;

    /** The states this one may move to. */
    public Set<PaymentStatus> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(VALIDATED, CANCELLED);
            case VALIDATED -> EnumSet.of(RESERVED, CANCELLED);
            case RESERVED -> EnumSet.of(PENDING_APPROVAL, CANCELLED);
            case PENDING_APPROVAL -> EnumSet.of(APPROVED, CANCELLED);
            case APPROVED -> EnumSet.of(RELEASED, CANCELLED);
            // once in a file the payment is the bank's to answer: no cancelling from here on
            case RELEASED -> EnumSet.of(SENT);
            case SENT -> EnumSet.of(ACCEPTED, REJECTED);
            case ACCEPTED -> EnumSet.of(PAID, FAILED);
            case REJECTED -> EnumSet.of(FAILED);
            case PAID -> EnumSet.of(RECEIPTED, RECONCILED, RETURNED);
            case FAILED -> EnumSet.of(RECEIPTED);
            case RECEIPTED -> EnumSet.of(RECONCILED, RETURNED);
            case RECONCILED -> EnumSet.of(RETURNED);
            case RETURNED, CANCELLED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canMoveTo(PaymentStatus target) {
        return next().contains(target);
    }

    /** Throws {@link IllegalTransitionException} unless this state may move to {@code target}. */
    public void requireMoveTo(PaymentStatus target, String paymentId) {
        if (!canMoveTo(target)) {
            throw new IllegalTransitionException(paymentId, this, target);
        }
    }
}
