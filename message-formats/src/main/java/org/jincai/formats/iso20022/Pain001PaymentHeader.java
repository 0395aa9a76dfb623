package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The fields of one PmtInf that precede its transactions, for {@link Pain001StreamWriter}.
 * {@code numberOfTransactions} and {@code controlSum} are optional in the schema: when given they are
 * written and checked against the block's transactions at its end; when null they are left out.
 * {@code batchBooking} null leaves BtchBookg out (the bank's default applies).
 */
public record Pain001PaymentHeader(
        String paymentInformationId,
        LocalDate requestedExecutionDate,
        Boolean batchBooking,
        String debtorName,
        String debtorAccount,
        String debtorAgentMemberId,
        Long numberOfTransactions,
        BigDecimal controlSum) {

    /** The header of a block held in memory, with its totals. */
    public static Pain001PaymentHeader of(PaymentInstruction p) {
        return new Pain001PaymentHeader(p.paymentInformationId(), p.requestedExecutionDate(), p.batchBooking(),
                p.debtorName(), p.debtorAccount(), p.debtorAgentMemberId(), (long) p.transactions().size(), p.controlSum());
    }
}
