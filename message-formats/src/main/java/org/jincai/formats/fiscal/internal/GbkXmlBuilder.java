package org.jincai.formats.fiscal.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Pattern;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.FiscalCodes;

/**
 * Builds GBK XML by hand with explicit escaping, so the layout is byte-for-byte predictable (golden files)
 * and every value is checked before a byte is written: a character GBK cannot carry is an error naming the
 * field and the voucher, never a silent '?', and a control character never makes the file unreadable.
 */
public final class GbkXmlBuilder {

    public static final Charset GBK = Charset.forName("GBK");
    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"GBK\"?>";

    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final StringBuilder sb = new StringBuilder(1024);
    private final CharsetEncoder encoder = GBK.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final String where;

    /** @param where the voucher or envelope body being written, named in errors */
    public GbkXmlBuilder(String where) {
        this.where = where;
    }

    public GbkXmlBuilder raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Markup carried from input (a seal block), checked like a value: GBK-encodable, XML characters only. */
    public GbkXmlBuilder carried(String markup, String field) {
        check(markup, field);
        sb.append(markup);
        return this;
    }

    /** {@code <tag>value</tag>} after checking the value; nothing when the value is null or empty. */
    public GbkXmlBuilder element(String tag, String value, String field) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        sb.append('<').append(tag).append('>');
        text(value, field);
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag>value</tag>} even when the value is empty ({@code <tag></tag>}). */
    public GbkXmlBuilder elementAlways(String tag, String value, String field) {
        sb.append('<').append(tag).append('>');
        if (value != null) {
            text(value, field);
        }
        sb.append("</").append(tag).append('>');
        return this;
    }

    public GbkXmlBuilder text(String value, String field) {
        check(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        return this;
    }

    /** {@code name="value"} preceded by a space; nothing when the value is null. */
    public GbkXmlBuilder attribute(String name, String value, String field) {
        if (value == null) {
            return this;
        }
        check(value, field);
        sb.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        sb.append('"');
        return this;
    }

    /** Refuses a tag name that would break the document (unmodelled fields come from callers). */
    public void checkName(String name, String field) {
        if (name == null || !XML_NAME.matcher(name).matches()) {
            throw new FormatException(FiscalCodes.FIELD_NAME_INVALID,
                    "field name '" + name + "' is not a plain XML element name", where + " / " + field);
        }
    }

    public byte[] toBytes() {
        try {
            ByteBuffer buf = encoder.reset().encode(CharBuffer.wrap(sb));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            // every value was checked already; reaching here means a markup literal was wrong
            throw new IllegalStateException("GBK encoding failed after values were checked", e);
        }
    }

    private void check(String value, String field) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!isXmlChar(cp)) { // a lone surrogate is outside every allowed range too
                throw new FormatException(FiscalCodes.XML_CHAR_INVALID,
                        String.format("%s holds U+%04X, which XML does not allow", field, cp), where + " / " + field);
            }
            i += Character.charCount(cp);
        }
        if (!encoder.canEncode(value)) {
            int bad = firstUnencodable(value);
            throw new FormatException(FiscalCodes.GBK_UNENCODABLE,
                    String.format("%s holds '%s' (U+%04X), which GBK cannot encode", field, new String(Character.toChars(bad)), bad),
                    where + " / " + field);
        }
    }

    private int firstUnencodable(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!encoder.canEncode(new String(Character.toChars(cp)))) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return '?';
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }
}
