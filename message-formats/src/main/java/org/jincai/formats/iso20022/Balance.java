package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One Bal of a statement: its type code ({@code OPBD} opening booked, {@code CLBD} closing booked,
 * {@code ITBD}, {@code CLAV}, {@code PRCD}, ..., or a proprietary type), the amount with its currency,
 * whether the balance is in credit or debit, and its date ({@code Dt/Dt} or {@code Dt/DtTm}).
 */
public record Balance(String type, BigDecimal amount, String currency, CreditDebit creditDebit, LocalDate date,
        OffsetDateTime dateTime) {

    public static final String OPENING_BOOKED = "OPBD";
    public static final String CLOSING_BOOKED = "CLBD";

    /** The amount, negative for a debit balance. */
    public BigDecimal signedAmount() {
        return creditDebit == CreditDebit.DBIT ? amount.negate() : amount;
    }

    /** The date, or the date of the date-time. */
    public LocalDate day() {
        return date != null ? date : dateTime == null ? null : dateTime.toLocalDate();
    }
}
