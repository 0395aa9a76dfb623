package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The group header of a streamed pain.001. GrpHdr/NbOfTxs and CtrlSum come first in the file, so the
 * caller declares them up front (it knows them from its database); {@link Pain001StreamWriter} counts
 * and sums what it writes and fails at the end when they disagree.
 *
 * @param numberOfTransactions the CdtTrfTxInf the file will hold
 * @param controlSum           the sum of their instructed amounts
 */
public record Pain001GroupHeader(String messageId, OffsetDateTime creationDateTime, String initiatingPartyName,
        long numberOfTransactions, BigDecimal controlSum) {

    public Pain001GroupHeader {
        Objects.requireNonNull(controlSum, "controlSum");
    }

    /** The header of a message held in memory, its totals computed. */
    public static Pain001GroupHeader of(CreditTransferInitiation m) {
        return new Pain001GroupHeader(m.messageId(), m.creationDateTime(), m.initiatingPartyName(),
                m.numberOfTransactions(), m.controlSum());
    }
}
