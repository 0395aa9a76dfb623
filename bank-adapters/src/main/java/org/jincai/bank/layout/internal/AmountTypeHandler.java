package org.jincai.bank.layout.internal;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.beanio.types.TypeConversionException;
import org.beanio.types.TypeHandler;

/**
 * Yuan with exactly two decimals ({@code 1234.50}), no sign, no grouping. Strict both ways: a text
 * like {@code 12.5} or {@code 1,234.50} is refused when read, and an amount with fractions of a fen
 * is refused when written instead of being rounded, because money is never rounded silently.
 */
public class AmountTypeHandler implements TypeHandler {

    /** Fifteen integer digits: far above any bank's per-file limit, far below BigDecimal trouble. */
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9]\\d{0,14})\\.\\d{2}");

    @Override
    public Object parse(String text) throws TypeConversionException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!AMOUNT.matcher(text).matches()) {
            throw new TypeConversionException("amount '" + text + "' is not yuan with two decimals (e.g. 1234.50)");
        }
        return new BigDecimal(text);
    }

    @Override
    public String format(Object value) {
        if (value == null) {
            return "";
        }
        BigDecimal amount = (BigDecimal) value;
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " is negative or has fractions of a fen");
        }
        return amount.setScale(2).toPlainString();
    }

    @Override
    public Class<?> getType() {
        return BigDecimal.class;
    }
}
