package org.jincai.core.release;

import java.time.Instant;

/** One recorded transition of a delivery: from (null at release), to, who, why, when. */
public record DeliveryEvent(DeliveryStatus from, DeliveryStatus to, String actor, String reason, Instant at) {
}
