package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One PmtInf block: a debtor account debited on one requested execution date for its credit transfers.
 * Accounts are domestic account numbers (Othr/Id); agents are identified by their CNAPS member id.
 */
public record PaymentInstruction(
        String paymentInformationId,
        LocalDate requestedExecutionDate,
        boolean batchBooking,
        String debtorName,
        String debtorAccount,
        String debtorAgentMemberId,
        List<CreditTransferTransaction> transactions) {

    public PaymentInstruction {
        transactions = List.copyOf(transactions);
    }

    public BigDecimal controlSum() {
        return transactions.stream().map(CreditTransferTransaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
