package org.jincai.core.payment;

import java.time.Instant;

/** One recorded lifecycle transition: who moved which payment from what to what, when and why. */
public record PaymentEvent(String paymentId, PaymentStatus from, PaymentStatus to, String actor, String reason, Instant occurredAt) {
}
