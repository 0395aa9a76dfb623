package org.jincai.formats.iso20022;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.jincai.formats.FormatException;

/** Amounts in ISO 20022 messages: BigDecimal scaled to the currency's minor units (CNY: 2 decimals). */
public final class IsoAmounts {

    private IsoAmounts() {
    }

    /** Minor units of an ISO 4217 currency; -1 when the code is not one. */
    public static int minorUnits(String currency) {
        try {
            return Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException e) {
            return -1;
        }
    }

    /**
     * {@code amount} at exactly its currency's minor units, for writing: a payment of 12.345 yuan
     * cannot be made, so it is refused rather than rounded.
     */
    public static BigDecimal forWriting(BigDecimal amount, String currency, String where) {
        int digits = minorUnits(currency);
        if (digits < 0) {
            throw new FormatException(IsoProblemCodes.ISO_CURRENCY_INVALID, "'" + currency + "' is not an ISO 4217 currency", where);
        }
        if (amount.signum() <= 0) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString() + " is not positive", where);
        }
        try {
            return amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString() + " has more than "
                    + digits + " decimals for " + currency, where);
        }
    }

    /**
     * {@code amount} as read, scaled to its currency's minor units when no digit is lost ("100" and
     * "100.0" become 100.00 yuan), so amounts compare equal whichever way the sender wrote them.
     */
    public static BigDecimal asRead(BigDecimal amount, String currency) {
        int digits = minorUnits(currency);
        if (digits < 0) {
            return amount;
        }
        try {
            return amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException finerThanTheCurrency) {
            return amount;
        }
    }
}
