package org.jincai.core.payment;

/**
 * One requested transition of one payment. {@code reasonCode}/{@code reasonText} carry the bank's
 * answer when there is one (they are stored on the payment); {@code reason} is the event's note.
 */
public record Move(String paymentId, PaymentStatus from, PaymentStatus to, String reason, String reasonCode, String reasonText) {

    public static Move of(String paymentId, PaymentStatus from, PaymentStatus to, String reason) {
        return new Move(paymentId, from, to, reason, null, null);
    }
}
