package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One Ntry of a statement (camt.053) or notification (camt.054), whatever its version: amount and
 * currency, credit or debit, reversal ({@code RvslInd}), status ({@code BOOK}, {@code PDNG},
 * {@code INFO}: {@code Sts/Cd} from .08 on, the element's text before), booking and value dates
 * ({@code Dt} or {@code DtTm}), the bank's reference, the bank transaction code
 * ({@code Domn/Fmly/SubFmly} as {@code PMNT/ICDT/DMCT}, else the proprietary code), and its details:
 * the batches and transactions of every {@code NtryDtls}. A batch-booked entry carries one
 * transaction per payment it books.
 */
public record StatementEntry(
        String entryReference,
        BigDecimal amount,
        String currency,
        CreditDebit creditDebit,
        boolean reversal,
        String status,
        LocalDate bookingDate,
        OffsetDateTime bookingDateTime,
        LocalDate valueDate,
        OffsetDateTime valueDateTime,
        String accountServicerReference,
        String bankTransactionCode,
        String additionalInformation,
        List<EntryBatch> batches,
        List<EntryTransaction> transactions) {

    public StatementEntry {
        batches = batches == null ? List.of() : List.copyOf(batches);
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
    }

    /** The amount, negative for a debit. */
    public BigDecimal signedAmount() {
        return creditDebit == CreditDebit.DBIT ? amount.negate() : amount;
    }

    /** The booking date, or the date of the booking date-time. */
    public LocalDate bookingDay() {
        return bookingDate != null ? bookingDate : bookingDateTime == null ? null : bookingDateTime.toLocalDate();
    }
}
