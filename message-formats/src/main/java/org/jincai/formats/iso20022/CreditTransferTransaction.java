package org.jincai.formats.iso20022;

import java.math.BigDecimal;

/**
 * One CdtTrfTxInf: a credit of {@code amount} (scaled to the currency's minor units) to one creditor,
 * with unstructured remittance text ({@code RmtInf/Ustrd}, cut to 140 characters when written) and/or
 * a structured creditor reference ({@code RmtInf/Strd/CdtrRefInf}); either may be null.
 */
public record CreditTransferTransaction(
        String instructionId,
        String endToEndId,
        BigDecimal amount,
        String currency,
        String creditorName,
        String creditorAccount,
        String creditorAgentMemberId,
        String creditorAgentName,
        String remittanceInformation,
        CreditorReference creditorReference) {

    /** A credit with unstructured remittance only. */
    public CreditTransferTransaction(String instructionId, String endToEndId, BigDecimal amount, String currency,
            String creditorName, String creditorAccount, String creditorAgentMemberId, String creditorAgentName,
            String remittanceInformation) {
        this(instructionId, endToEndId, amount, currency, creditorName, creditorAccount, creditorAgentMemberId,
                creditorAgentName, remittanceInformation, null);
    }
}
