package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.util.List;

/**
 * One TxDtls of an entry: the references that tie it to a payment (EndToEndId first), its amount
 * ({@code Amt}, else {@code AmtDtls/TxAmt/Amt}, else {@code AmtDtls/InstdAmt/Amt}; null when the bank
 * gave none), the counterparties ({@code RltdPties}: name and account of debtor and creditor, agents
 * by BIC or clearing member id) and remittance (every {@code Ustrd}, every {@code Strd/CdtrRefInf}).
 */
public record EntryTransaction(
        String messageId,
        String accountServicerReference,
        String paymentInformationId,
        String instructionId,
        String endToEndId,
        String transactionId,
        BigDecimal amount,
        String currency,
        CreditDebit creditDebit,
        String debtorName,
        String debtorAccount,
        String debtorAgent,
        String creditorName,
        String creditorAccount,
        String creditorAgent,
        List<String> unstructuredRemittance,
        List<CreditorReference> creditorReferences,
        String additionalInformation) {

    public EntryTransaction {
        unstructuredRemittance = unstructuredRemittance == null ? List.of() : List.copyOf(unstructuredRemittance);
        creditorReferences = creditorReferences == null ? List.of() : List.copyOf(creditorReferences);
    }

    /** A transaction with the fields the hub's reconciliation uses. */
    public static EntryTransaction of(String endToEndId, BigDecimal amount, String currency, CreditDebit creditDebit,
            String creditorName, String creditorAccount, String remittance) {
        return new EntryTransaction(null, null, null, null, endToEndId, null, amount, currency, creditDebit, null, null,
                null, creditorName, creditorAccount, null, remittance == null ? List.of() : List.of(remittance), List.of(), null);
    }
}
