package org.jincai.core.finance;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * Free text the hub writes into a GBK voucher (Return_Reason, XAddWord) comes partly from outside — a
 * bank's reason text, a refused payee's name. A character GBK cannot carry is written as {@code [U+XXXX]},
 * so the answer still goes out and the character is still identifiable: never a silent {@code ?}.
 */
public final class GbkText {

    private static final Charset GBK = Charset.forName("GBK");

    private GbkText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        CharsetEncoder encoder = GBK.newEncoder();
        if (encoder.canEncode(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            out.append(encoder.canEncode(ch) ? ch : String.format("[U+%04X]", cp));
        });
        return out.toString();
    }
}
