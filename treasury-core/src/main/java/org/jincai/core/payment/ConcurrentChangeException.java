package org.jincai.core.payment;

import org.jincai.core.TreasuryException;

/** A payment was no longer in the state a transition expected: someone else moved it first. */
public class ConcurrentChangeException extends TreasuryException {

    public static final String CODE = "CONCURRENT_CHANGE";

    public ConcurrentChangeException(String paymentId, PaymentStatus expected) {
        super(CODE, "payment " + paymentId + " is no longer " + expected, "payment " + paymentId);
    }
}
