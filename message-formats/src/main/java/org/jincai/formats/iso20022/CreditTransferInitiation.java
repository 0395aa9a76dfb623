package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A customer credit transfer initiation (pain.001), independent of its schema version: the group
 * header and its payment information blocks. NbOfTxs and CtrlSum are derived, never stored, so they
 * cannot disagree with the transactions.
 */
public record CreditTransferInitiation(
        String messageId,
        OffsetDateTime creationDateTime,
        String initiatingPartyName,
        List<PaymentInstruction> paymentInstructions) {

    public CreditTransferInitiation {
        paymentInstructions = List.copyOf(paymentInstructions);
    }

    public int numberOfTransactions() {
        return paymentInstructions.stream().mapToInt(p -> p.transactions().size()).sum();
    }

    public BigDecimal controlSum() {
        return paymentInstructions.stream().map(PaymentInstruction::controlSum).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
