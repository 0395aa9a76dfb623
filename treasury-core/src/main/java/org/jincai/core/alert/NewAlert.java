package org.jincai.core.alert;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An alert to raise. {@code dedupKey} names the hit itself (the rule and what it is about, e.g. the payment or
 * the account and day): an alert whose key was raised before is not raised again, so a scan run twice or a
 * replayed intake adds nothing.
 */
public record NewAlert(String dedupKey, String rule, boolean hold, String voucherId, String paymentId,
                       String admDivCode, String agencyCode, String accountNo, BigDecimal amount, String detail) {

    public NewAlert {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }
}
