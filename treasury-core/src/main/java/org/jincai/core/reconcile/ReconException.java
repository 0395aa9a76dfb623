package org.jincai.core.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One exception of the queue, open ({@code resolvedAt} null) or resolved with its reason. */
public record ReconException(String id, ExceptionKind kind, String bankCode, String accountNo, String statementId,
                             String entryKey, String paymentId, BigDecimal amount, BigDecimal expectedAmount,
                             LocalDate bookingDate, String detail, String runId, Instant openedAt,
                             Instant resolvedAt, String resolvedBy, String reason) {

    public boolean open() {
        return resolvedAt == null;
    }
}
