package org.jincai.formats.iso20022;

/**
 * One TxInfAndSts: the bank's status (ExternalPaymentTransactionStatus1Code: ACCP, ACSC, ACTC, RJCT,
 * PDNG, ...) of one original transaction, with its reason code (ExternalStatusReason1Code such as
 * AC04) and free additional information.
 */
public record TransactionStatus(
        String originalPaymentInformationId,
        String originalInstructionId,
        String originalEndToEndId,
        String status,
        String reasonCode,
        String additionalInformation) {

    public boolean rejected() {
        return "RJCT".equals(status);
    }
}
