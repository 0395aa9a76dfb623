package org.jincai.formats.iso20022;

import java.math.BigDecimal;

/** One CdtTrfTxInf: a credit of {@code amount} (scaled to the currency's minor units) to one creditor. */
public record CreditTransferTransaction(
        String instructionId,
        String endToEndId,
        BigDecimal amount,
        String currency,
        String creditorName,
        String creditorAccount,
        String creditorAgentMemberId,
        String creditorAgentName,
        String remittanceInformation) {
}
