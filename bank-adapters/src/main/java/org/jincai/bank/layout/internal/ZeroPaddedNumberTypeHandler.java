package org.jincai.bank.layout.internal;

import java.util.regex.Pattern;
import org.beanio.types.TypeConversionException;
import org.beanio.types.TypeHandler;

/**
 * An unsigned integer zero-padded to exactly {@code width} digits (N(width)), as a {@link Long}. Strict:
 * a field that is not exactly {@code width} digits is refused when read, and a value that needs more
 * digits is refused when written instead of being cut. Configure with {@code <property name="width"/>};
 * map the field with {@code keepPadding="true"} so BeanIO hands over all the digits.
 */
public class ZeroPaddedNumberTypeHandler implements TypeHandler {

    private int width = 15;
    private Pattern digits = Pattern.compile("\\d{15}");

    public void setWidth(int width) {
        if (width < 1 || width > 18) {
            throw new IllegalArgumentException("width " + width + " is outside 1..18");
        }
        this.width = width;
        this.digits = Pattern.compile("\\d{" + width + "}");
    }

    @Override
    public Object parse(String text) throws TypeConversionException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!digits.matcher(text).matches()) {
            throw new TypeConversionException("'" + text + "' is not " + width + " digits");
        }
        return Long.parseLong(text);
    }

    @Override
    public String format(Object value) {
        if (value == null) {
            return null;
        }
        long n = ((Number) value).longValue();
        String s = Long.toString(n);
        if (n < 0 || s.length() > width) {
            throw new IllegalArgumentException(n + " does not fit N(" + width + ")");
        }
        return "0".repeat(width - s.length()) + s;
    }

    @Override
    public Class<?> getType() {
        return Long.class;
    }
}
