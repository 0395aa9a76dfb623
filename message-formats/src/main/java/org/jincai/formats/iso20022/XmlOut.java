package org.jincai.formats.iso20022;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.jincai.formats.FormatException;

/**
 * The byte sink of the streaming ISO 20022 writers: element tags are encoded once ({@link Tag}), text
 * is escaped and encoded to UTF-8 in one pass straight into a 64 KB buffer, numbers and dates are
 * written digit by digit. Nothing per element is allocated, which is what lets a payroll of a million
 * credits be written at the speed of a plain template. Not thread-safe; one per document.
 */
public final class XmlOut {

    /** An element's start and end tags, with the indentation of its depth, as UTF-8 bytes. */
    public static final class Tag {
        final byte[] open;
        final byte[] close;
        final byte[] closeInline;
        final byte[] empty;

        /** {@code <name>} on a new line at {@code depth}; {@code </name>} inline (leaf) or on its own line. */
        public Tag(String name, int depth) {
            String indent = "\n" + "    ".repeat(depth);
            open = (indent + "<" + name + ">").getBytes(StandardCharsets.UTF_8);
            closeInline = ("</" + name + ">").getBytes(StandardCharsets.UTF_8);
            close = (indent + "</" + name + ">").getBytes(StandardCharsets.UTF_8);
            empty = (indent + "<" + name + "/>").getBytes(StandardCharsets.UTF_8);
        }

        /** A start tag with one attribute whose value follows: {@code <name attr="}. */
        public static byte[] openWithAttribute(String name, String attribute, int depth) {
            return ("\n" + "    ".repeat(depth) + "<" + name + " " + attribute + "=\"").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final byte[] AMP = "&amp;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LT = "&lt;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GT = "&gt;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOT = "&quot;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CR = "&#13;".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long flushed;

    public XmlOut(OutputStream out) {
        this.out = out;
    }

    public long bytesWritten() {
        return flushed + pos;
    }

    public void raw(byte[] bytes) {
        if (pos + bytes.length > buf.length) {
            drain();
            if (bytes.length > buf.length) {
                write(bytes, 0, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    public void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (pos == buf.length) {
                drain();
            }
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** {@code <name>value</name>} on a new line. */
    public void leaf(Tag tag, String value, String field) {
        raw(tag.open);
        text(value, field);
        raw(tag.closeInline);
    }

    /** Element text: {@code & < >} escaped, CR as a reference, UTF-8; a character XML cannot carry is refused. */
    public void text(String s, String field) {
        int n = s.length();
        if (n * 6 > buf.length - pos) {
            drain();
            if (n * 6 > buf.length) {
                // longer than a buffer: in pieces that never split a surrogate pair
                int from = 0;
                while (from < n) {
                    int to = Math.min(n, from + buf.length / 6 - 1);
                    if (to < n && Character.isHighSurrogate(s.charAt(to - 1))) {
                        to--;
                    }
                    text(s.substring(from, to), field);
                    from = to;
                }
                return;
            }
        }
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"') {
                    b[p++] = (byte) c;
                } else {
                    p = special(c, p, field);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    pos = p;
                    throw invalid("half of a surrogate pair", field);
                }
            } else if (c >= 0xFFFE) {
                pos = p;
                throw invalid("U+" + Integer.toHexString(c).toUpperCase(), field);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        pos = p;
    }

    private int special(char c, int p, String field) {
        byte[] e;
        switch (c) {
            case '&' -> e = AMP;
            case '<' -> e = LT;
            case '>' -> e = GT;
            case '"' -> e = QUOT;
            case '\r' -> e = CR;
            case '\n', '\t' -> {
                buf[p] = (byte) c;
                return p + 1;
            }
            default -> {
                pos = p;
                throw invalid("control character 0x" + Integer.toHexString(c), field);
            }
        }
        System.arraycopy(e, 0, buf, p, e.length);
        return p + e.length;
    }

    private static FormatException invalid(String what, String field) {
        return new FormatException(IsoProblemCodes.ISO_CHAR_INVALID, what + " cannot be written in XML", field);
    }

    /** A non-negative count. */
    public void number(long v) {
        if (pos + 20 > buf.length) {
            drain();
        }
        if (v == 0) {
            buf[pos++] = '0';
            return;
        }
        int start = pos;
        while (v > 0) {
            buf[pos++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        reverse(start, pos - 1);
    }

    /** {@code unscaled * 10^-scale} in plain notation, e.g. (865000, 2) as 8650.00. */
    public void decimal(long unscaled, int scale) {
        if (pos + 24 > buf.length) {
            drain();
        }
        if (unscaled < 0) {
            buf[pos++] = '-';
            unscaled = -unscaled;
        }
        int start = pos;
        int digits = 0;
        do {
            if (digits == scale && scale > 0) {
                buf[pos++] = '.';
            }
            buf[pos++] = (byte) ('0' + (unscaled % 10));
            unscaled /= 10;
            digits++;
        } while (unscaled > 0 || digits <= scale);
        reverse(start, pos - 1);
    }

    public void decimal(BigDecimal v) {
        ascii(v.toPlainString());
    }

    /** An ISODate, {@code yyyy-MM-dd}. */
    public void date(LocalDate d) {
        if (pos + 12 > buf.length) {
            drain();
        }
        int y = d.getYear();
        buf[pos++] = (byte) ('0' + y / 1000 % 10);
        buf[pos++] = (byte) ('0' + y / 100 % 10);
        buf[pos++] = (byte) ('0' + y / 10 % 10);
        buf[pos++] = (byte) ('0' + y % 10);
        buf[pos++] = '-';
        two(d.getMonthValue());
        buf[pos++] = '-';
        two(d.getDayOfMonth());
    }

    private void two(int v) {
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    private void reverse(int i, int j) {
        while (i < j) {
            byte t = buf[i];
            buf[i++] = buf[j];
            buf[j--] = t;
        }
    }

    public void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain() {
        if (pos > 0) {
            write(buf, 0, pos);
            pos = 0;
        }
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flushed += len;
    }
}
