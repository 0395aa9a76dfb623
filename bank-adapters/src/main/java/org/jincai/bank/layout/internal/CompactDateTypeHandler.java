package org.jincai.bank.layout.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.beanio.types.TypeConversionException;
import org.beanio.types.TypeHandler;

/** A date as {@code yyyyMMdd}, resolved strictly: {@code 20250230} is an error, not 28 February. */
public class CompactDateTypeHandler implements TypeHandler {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    @Override
    public Object parse(String text) throws TypeConversionException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("date '" + text + "' is not a valid yyyyMMdd date", e);
        }
    }

    @Override
    public String format(Object value) {
        return value == null ? "" : FORMAT.format((LocalDate) value);
    }

    @Override
    public Class<?> getType() {
        return LocalDate.class;
    }
}
