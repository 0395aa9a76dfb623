package org.jincai.core.reconcile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.jincai.core.Digests;

/**
 * An exception about to be opened. {@code about} names what it is about (a statement line, a payment, a
 * statement): the same kind about the same thing is one exception, however many runs find it.
 */
public record NewException(ExceptionKind kind, String about, String bankCode, String accountNo, String statementId,
                           String entryKey, String paymentId, BigDecimal amount, BigDecimal expectedAmount,
                           LocalDate bookingDate, String detail) {

    String dedupKey() {
        return Digests.sha256((kind.name() + "\u0000" + bankCode + "\u0000" + about).getBytes(StandardCharsets.UTF_8));
    }
}
