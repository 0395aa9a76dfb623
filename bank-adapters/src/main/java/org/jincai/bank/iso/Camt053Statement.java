package org.jincai.bank.iso;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What one camt.053 bank-to-customer statement says, as the simulated bank writes it: one account,
 * its opening and closing booked balances (signed: negative is a debit balance), and the booked
 * entries. An entry is either one credit transfer or, under batch booking, one payment file with a
 * {@link Batch} and one {@link Transaction} per credit carrying the EndToEndId the hub sent.
 * {@link Camt053V08Writer} refuses a statement whose balances or batch totals do not add up.
 */
public record Camt053Statement(
        String messageId,
        OffsetDateTime creationDateTime,
        String statementId,
        long electronicSequenceNumber,
        String accountId,
        String currency,
        String accountOwnerName,
        String servicerBankNumber,
        LocalDate balanceDate,
        BigDecimal openingBalance,
        BigDecimal closingBalance,
        List<Entry> entries) {

    public Camt053Statement {
        entries = List.copyOf(entries);
    }

    /** Net movement of the entries: credits positive, debits negative. */
    public BigDecimal netMovement() {
        return entries.stream().map(Entry::signedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One booked entry (Ntry, status BOOK) with its account servicer reference. */
    public record Entry(
            String entryReference,
            BigDecimal amount,
            boolean credit,
            LocalDate bookingDate,
            LocalDate valueDate,
            String accountServicerReference,
            Batch batch,
            List<Transaction> transactions) {

        public Entry {
            transactions = List.copyOf(transactions);
        }

        public BigDecimal signedAmount() {
            return credit ? amount : amount.negate();
        }
    }

    /** NtryDtls/Btch: the payment file a batch-booked entry stands for. */
    public record Batch(String messageId, String paymentInformationId, int numberOfTransactions, BigDecimal totalAmount,
            boolean credit) {
    }

    /** NtryDtls/TxDtls: one credit transfer of an entry, with the hub's references echoed back. */
    public record Transaction(
            String accountServicerReference,
            String messageId,
            String paymentInformationId,
            String instructionId,
            String endToEndId,
            BigDecimal amount,
            boolean credit,
            String creditorName,
            String creditorAccount,
            String remittance) {
    }
}
