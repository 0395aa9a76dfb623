package org.jincai.formats.iso20022;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A customer payment status report (pain.002), independent of its schema version: the group status
 * of the original message and the status of each original transaction. {@code groupStatus} may be
 * null when the bank reports per transaction only. {@code groupReasonCode} and
 * {@code groupAdditionalInformation} carry the group's StsRsnInf, which is how a bank says why it
 * refused a whole file (FF01 invalid file format, AM05 duplicate) without listing its transactions.
 */
public record PaymentStatusReport(
        String messageId,
        OffsetDateTime creationDateTime,
        String originalMessageId,
        String originalMessageNameId,
        String groupStatus,
        String groupReasonCode,
        String groupAdditionalInformation,
        List<TransactionStatus> transactions) {

    public PaymentStatusReport {
        transactions = List.copyOf(transactions);
    }

    /** A report without a group status reason. */
    public PaymentStatusReport(String messageId, OffsetDateTime creationDateTime, String originalMessageId,
            String originalMessageNameId, String groupStatus, List<TransactionStatus> transactions) {
        this(messageId, creationDateTime, originalMessageId, originalMessageNameId, groupStatus, null, null, transactions);
    }
}
