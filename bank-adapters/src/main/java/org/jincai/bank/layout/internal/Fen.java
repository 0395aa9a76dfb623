package org.jincai.bank.layout.internal;

import static org.jincai.bank.file.BankFileErrors.AMOUNT_OVERFLOW;

import java.math.BigDecimal;
import org.jincai.bank.file.BankFileException;

/**
 * Yuan as integer fen for fixed-width fields, with a named maximum: a value above it is
 * AMOUNT_OVERFLOW, never a wrapped or cut number. Sums use exact arithmetic for the same reason.
 */
public final class Fen {

    private Fen() {
    }

    /** {@code yuan} (positive, whole fen: checked by the caller) in fen; AMOUNT_OVERFLOW above {@code max} fen. */
    public static long of(BigDecimal yuan, long max, String field, String location) {
        BigDecimal fen = yuan.movePointRight(2);
        if (fen.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new BankFileException(AMOUNT_OVERFLOW, field + " " + yuan.toPlainString() + " is above the largest "
                    + toYuan(max).toPlainString() + " the field can hold", location);
        }
        return fen.longValueExact();
    }

    /** {@code total + fen}, AMOUNT_OVERFLOW when the sum is above {@code max} fen. */
    public static long add(long total, long fen, long max, String field, String location) {
        long sum;
        try {
            sum = Math.addExact(total, fen);
        } catch (ArithmeticException e) {
            sum = Long.MAX_VALUE;
        }
        if (sum > max) {
            throw new BankFileException(AMOUNT_OVERFLOW, field + " would exceed the largest " + toYuan(max).toPlainString()
                    + " the field can hold", location);
        }
        return sum;
    }

    /** Fen as yuan with two decimals. */
    public static BigDecimal toYuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }
}
