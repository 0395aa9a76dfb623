package org.jincai.core.payment;

import org.jincai.core.TreasuryException;

/** A payment was no longer in the state a transition expected: someone else moved it first. */
public class ConcurrentChangeException extends TreasuryException {

    public static final String CODE = "CONCURRENT_CHANGE";

    public ConcurrentChangeException(String paymentId, PaymentStatus expected) {
        super(CODE, "payment " + paymentId + " is no longer " + expected, "payment " + paymentId);
    }

    /** Some of a set of payments moved by one statement were no longer where the statement expected them. */
    public ConcurrentChangeException(int expected, int moved, PaymentStatus from, String location) {
        super(CODE, moved + " of " + expected + " payments were still " + from + ": the others were moved by someone"
                + " else", location);
    }
}
