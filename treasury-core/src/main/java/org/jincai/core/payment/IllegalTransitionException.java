package org.jincai.core.payment;

import org.jincai.core.TreasuryException;

/** A payment was asked to move along the lifecycle in a way the lifecycle forbids. */
public class IllegalTransitionException extends TreasuryException {

    public static final String CODE = "ILLEGAL_TRANSITION";

    private final PaymentStatus from;
    private final PaymentStatus to;

    public IllegalTransitionException(String paymentId, PaymentStatus from, PaymentStatus to) {
        super(CODE, "payment " + paymentId + " cannot move from " + from + " to " + to, "payment " + paymentId);
        this.from = from;
        this.to = to;
    }

    public PaymentStatus from() {
        return from;
    }

    public PaymentStatus to() {
        return to;
    }
}
