package org.jincai.formats.iso20022;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDate;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;

/**
 * A small, fast pull scanner for the bulk ISO 20022 readers (camt.053/054 statements of a million
 * entries). It works on bytes: element names come from a symbol table (no String per element), text
 * is decoded once into a reused char buffer, and amounts and dates are parsed from that buffer.
 *
 * <p>It is secure by construction, as {@link SecureXml} requires of every parser in the hub: a
 * document type declaration is refused ({@value SecureXml#DOCTYPE_NOT_ALLOWED}), so no entity other
 * than the five predefined ones and character references can exist, and nothing is ever fetched.
 * It checks what makes XML well-formed for a reader of data: balanced and matching tags, one root,
 * quoted attributes, known entities, valid UTF-8 and XML characters, with depth, name and text
 * limits; anything else is {@value IsoProblemCodes#ISO_NOT_READABLE} at {@code location:line}.
 * Documents in another encoding (UTF-16, GBK, ISO-8859-1, declared in the XML declaration or by a
 * byte order mark) are transcoded to UTF-8 on the fly. Namespaces are resolved for the root element
 * only (what identifies an ISO 20022 message); below it, elements are matched by local name, which is
 * how the readers tolerate prefixed documents.
 */
final class XmlScanner implements AutoCloseable {

    static final int EOF = 0;
    static final int START = 1;
    static final int END = 2;

    private static final int MAX_DEPTH = 256;
    private static final int MAX_NAME = 512;
    private static final int MAX_ATTRIBUTES = 64;
    private static final int MAX_ATTRIBUTE_VALUE = 16_384;
    private static final int BUFFER = 1 << 16;

    private InputStream in;
    private final String location;
    private final int maxText;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean transcoded;
    private int line = 1;

    private final Sym[] stack = new Sym[MAX_DEPTH];
    private int depth;
    private boolean pendingEnd;
    private boolean rootSeen;
    private boolean rootClosed;
    private Sym current;
    private String rootNamespace;

    private char[] text = new char[512];
    private int textLength;

    private final Sym[] attributeNames = new Sym[MAX_ATTRIBUTES];
    private final String[] attributeValues = new String[MAX_ATTRIBUTES];
    private int attributeCount;
    private char[] scratch = new char[128];

    private final SymbolTable symbols = new SymbolTable();

    XmlScanner(InputStream in, String location, int maxText) {
        this.in = in;
        this.location = location == null ? "" : location;
        this.maxText = maxText;
        prolog();
    }

    // ------------------------------------------------------------------ API

    /** The next START or END of an element, or EOF after the root element closed. */
    int next() {
        if (pendingEnd) {
            pendingEnd = false;
            current = stack[--depth];
            if (depth == 0) {
                rootClosed = true;
            }
            return END;
        }
        textLength = 0;
        while (true) {
            if (depth == 0) {
                if (!misc()) {
                    return EOF;
                }
            } else {
                readText();
            }
            // at '<'
            ensure(MAX_NAME + 16);
            int c = pos + 1 < limit ? buf[pos + 1] : -1;
            if (c == '/') {
                pos += 2;
                endTag();
                return END;
            } else if (c == '!') {
                bang();
            } else if (c == '?') {
                pos += 2;
                skipPast("?>");
            } else {
                pos++;
                startTag();
                return START;
            }
        }
    }

    /** Local name of the element just started or ended. */
    String name() {
        return current.local;
    }

    /** A small number that identifies {@link #name()} (qualified) within this scanner; -1 when it has none. */
    int nameIndex() {
        return current.index;
    }

    int depth() {
        return depth;
    }

    /** The namespace of the root element; empty when it declares none. */
    String rootNamespace() {
        return rootNamespace == null ? "" : rootNamespace;
    }

    /** An attribute of the element just started, by local name; null when absent. */
    String attribute(String localName) {
        for (int i = 0; i < attributeCount; i++) {
            if (attributeNames[i].local.equals(localName) && attributeNames[i].prefix == null) {
                return attributeValues[i];
            }
        }
        for (int i = 0; i < attributeCount; i++) {
            if (attributeNames[i].local.equals(localName)) {
                return attributeValues[i];
            }
        }
        return null;
    }

    /** At END: the element's own text, stripped of surrounding whitespace. */
    String text() {
        int s = 0;
        int e = textLength;
        while (s < e && text[s] <= ' ') {
            s++;
        }
        while (e > s && text[e - 1] <= ' ') {
            e--;
        }
        return new String(text, s, e - s);
    }

    boolean textIsEmpty() {
        for (int i = 0; i < textLength; i++) {
            if (text[i] > ' ') {
                return false;
            }
        }
        return true;
    }

    /** At END: the text as a decimal number (whitespace around it tolerated). */
    BigDecimal decimal() {
        int s = 0;
        int e = textLength;
        while (s < e && text[s] <= ' ') {
            s++;
        }
        while (e > s && text[e - 1] <= ' ') {
            e--;
        }
        if (s == e) {
            throw unreadable("an empty amount");
        }
        try {
            return new BigDecimal(text, s, e - s);
        } catch (NumberFormatException ex) {
            throw unreadable("'" + new String(text, s, e - s) + "' is not a decimal number");
        }
    }

    /** At END: the text as an ISODate {@code yyyy-MM-dd}, or null when it is not one. */
    LocalDate dateOrNull() {
        int s = 0;
        int e = textLength;
        while (s < e && text[s] <= ' ') {
            s++;
        }
        while (e > s && text[e - 1] <= ' ') {
            e--;
        }
        if (e - s < 10 || text[s + 4] != '-' || text[s + 7] != '-') {
            return null;
        }
        int y = digits(s, 4);
        int m = digits(s + 5, 2);
        int d = digits(s + 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
            return null;
        }
        if (e - s > 10) {
            // ISODate may carry a time zone (2019-04-25+01:00); the date is what counts
            char z = text[s + 10];
            if (z != '+' && z != '-' && z != 'Z') {
                return null;
            }
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException ex) {
            return null;
        }
    }

    private int digits(int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code location:line}, for problems. */
    String where() {
        return location.isEmpty() ? "line " + line : location + ":" + line;
    }

    int line() {
        return line;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // a stream we only read from; nothing is lost by a failed close
        }
    }

    FormatException unreadable(String message) {
        return new FormatException(Problem.of(IsoProblemCodes.ISO_NOT_READABLE, message, where()));
    }

    // ------------------------------------------------------------------ prolog and encoding

    private void prolog() {
        ensure(4);
        int b0 = at(0);
        int b1 = at(1);
        int b2 = at(2);
        int b3 = at(3);
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            pos += 3;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            pos += 2;
            transcode(StandardCharsets.UTF_16BE);
        } else if (b0 == 0xFF && b1 == 0xFE) {
            pos += 2;
            transcode(StandardCharsets.UTF_16LE);
        } else if (b0 == 0 && b1 == '<' && b2 == 0 && b3 == '?') {
            transcode(StandardCharsets.UTF_16BE);
        } else if (b0 == '<' && b1 == 0 && b2 == '?' && b3 == 0) {
            transcode(StandardCharsets.UTF_16LE);
        }
        ensure(512);
        if (startsWith("<?xml") && limit - pos > 5 && isSpace(buf[pos + 5])) {
            int end = indexOf("?>", pos, Math.min(limit, pos + 512));
            if (end < 0) {
                throw unreadable("the XML declaration does not end");
            }
            String decl = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    line++;
                }
            }
            pos = end + 2;
            String encoding = pseudoAttribute(decl, "encoding");
            if (encoding != null && !isUtf8Compatible(encoding)) {
                Charset cs;
                try {
                    cs = Charset.forName(encoding);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw unreadable("unsupported encoding '" + encoding + "'");
                }
                transcode(cs);
            }
        }
    }

    private static boolean isUtf8Compatible(String encoding) {
        String e = encoding.trim().toUpperCase(java.util.Locale.ROOT);
        return e.equals("UTF-8") || e.equals("UTF8") || e.equals("US-ASCII") || e.equals("ASCII");
    }

    private static String pseudoAttribute(String decl, String name) {
        int i = decl.indexOf(name);
        if (i < 0) {
            return null;
        }
        int eq = decl.indexOf('=', i);
        if (eq < 0) {
            return null;
        }
        int q = eq + 1;
        while (q < decl.length() && decl.charAt(q) <= ' ') {
            q++;
        }
        if (q >= decl.length()) {
            return null;
        }
        char quote = decl.charAt(q);
        if (quote != '"' && quote != '\'') {
            return null;
        }
        int close = decl.indexOf(quote, q + 1);
        return close < 0 ? null : decl.substring(q + 1, close);
    }

    /** From here on, bytes are decoded from {@code charset} and fed to the scanner as UTF-8. */
    private void transcode(Charset charset) {
        if (transcoded) {
            return;
        }
        transcoded = true;
        byte[] rest = java.util.Arrays.copyOfRange(buf, pos, limit);
        InputStream source = new SequenceInputStream(new ByteArrayInputStream(rest), in);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        in = new Utf8Transcoder(new InputStreamReader(source, decoder));
        pos = 0;
        limit = 0;
        eof = false;
        ensure(4);
    }

    // ------------------------------------------------------------------ buffer

    private int at(int offset) {
        return pos + offset < limit ? buf[pos + offset] & 0xFF : -1;
    }

    /** Makes at least {@code n} bytes available from {@code pos} unless the input ends first. */
    private void ensure(int n) {
        if (limit - pos >= n || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (limit < n && !eof) {
            int r;
            try {
                r = in.read(buf, limit, buf.length - limit);
            } catch (IOException e) {
                throw new FormatException(Problem.of(IsoProblemCodes.ISO_NOT_READABLE,
                        "the input cannot be read: " + e.getMessage(), where()), e);
            }
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    /** Refills when the buffer is exhausted; false at end of input. */
    private boolean more() {
        if (pos < limit) {
            return true;
        }
        ensure(1);
        return pos < limit;
    }

    private boolean startsWith(String s) {
        if (limit - pos < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String s, int from, int to) {
        outer:
        for (int i = from; i <= to - s.length(); i++) {
            for (int j = 0; j < s.length(); j++) {
                if (buf[i + j] != s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void skipPast(String terminator) {
        byte first = (byte) terminator.charAt(0);
        while (true) {
            if (!more()) {
                throw unreadable("the document ends inside a comment or processing instruction");
            }
            byte b = buf[pos];
            if (b == '\n') {
                line++;
            }
            if (b == first) {
                ensure(terminator.length());
                if (startsWith(terminator)) {
                    pos += terminator.length();
                    return;
                }
            }
            pos++;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    // ------------------------------------------------------------------ structure

    /** Outside the root: whitespace, comments and processing instructions; true when a '<' of an element or markup follows. */
    private boolean misc() {
        while (true) {
            if (!more()) {
                if (!rootSeen) {
                    throw unreadable("no root element");
                }
                return false;
            }
            byte b = buf[pos];
            if (b == '<') {
                ensure(4);
                int c = at(1);
                if (rootClosed && c != '!' && c != '?') {
                    throw unreadable("content after the root element");
                }
                if (c == '!' && !(at(2) == '-' && at(3) == '-') && rootSeen) {
                    throw unreadable("content after the root element");
                }
                return true;
            }
            if (!isSpace(b)) {
                throw unreadable(rootSeen ? "content after the root element" : "text before the root element");
            }
            if (b == '\n') {
                line++;
            }
            pos++;
        }
    }

    private void bang() {
        ensure(9);
        if (startsWith("<!--")) {
            pos += 4;
            skipPast("-->");
        } else if (startsWith("<![CDATA[")) {
            if (depth == 0) {
                throw unreadable("CDATA outside the root element");
            }
            pos += 9;
            cdata();
        } else if (startsWith("<!DOCTYPE") || startsWith("<!ENTITY") || startsWith("<!doctype")) {
            throw new FormatException(SecureXml.DOCTYPE_NOT_ALLOWED, "document type declarations are not accepted", where());
        } else {
            throw unreadable("markup that is not XML content");
        }
    }

    private void cdata() {
        while (true) {
            if (!more()) {
                throw unreadable("the document ends inside CDATA");
            }
            byte b = buf[pos];
            if (b == ']') {
                ensure(3);
                if (startsWith("]]>")) {
                    pos += 3;
                    return;
                }
                appendChar(']');
                pos++;
            } else if (b >= 0) {
                if (b == '\n') {
                    line++;
                }
                checkAscii(b);
                appendChar((char) b);
                pos++;
            } else {
                decodeMultiByte();
            }
        }
    }

    private void startTag() {
        if (rootClosed) {
            throw unreadable("a second root element");
        }
        Sym sym = readName();
        if (depth >= MAX_DEPTH) {
            throw unreadable("elements nested deeper than " + MAX_DEPTH);
        }
        attributeCount = 0;
        boolean root = !rootSeen;
        while (true) {
            skipSpaceInTag();
            ensure(2);
            if (pos >= limit) {
                throw unreadable("the document ends inside a tag");
            }
            byte b = buf[pos];
            if (b == '>') {
                pos++;
                break;
            }
            if (b == '/') {
                if (at(1) != '>') {
                    throw unreadable("'/' not followed by '>' in a tag");
                }
                pos += 2;
                pendingEnd = true;
                break;
            }
            attribute();
        }
        if (root) {
            rootSeen = true;
            rootNamespace = namespaceOf(sym);
        }
        stack[depth++] = sym;
        current = sym;
        if (pendingEnd) {
            // an empty element: its END comes with the next call
            textLength = 0;
        }
    }

    private String namespaceOf(Sym element) {
        String wanted = element.prefix == null ? null : element.prefix;
        for (int i = 0; i < attributeCount; i++) {
            Sym a = attributeNames[i];
            if (wanted == null && a.prefix == null && a.local.equals("xmlns")) {
                return attributeValues[i];
            }
            if (wanted != null && "xmlns".equals(a.prefix) && a.local.equals(wanted)) {
                return attributeValues[i];
            }
        }
        if (wanted != null) {
            throw unreadable("the prefix '" + wanted + "' of the root element is not declared");
        }
        return "";
    }

    private void endTag() {
        if (depth == 0) {
            throw unreadable("an end tag without a start tag");
        }
        // the usual case: the end tag names the open element, followed by '>'; no lookup needed
        Sym expected = stack[depth - 1];
        byte[] eb = expected.bytes;
        ensure(eb.length + 1);
        if (limit - pos > eb.length && buf[pos + eb.length] == '>') {
            boolean same = true;
            for (int k = 0; k < eb.length; k++) {
                if (buf[pos + k] != eb[k]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                pos += eb.length + 1;
                depth--;
                current = expected;
                if (depth == 0) {
                    rootClosed = true;
                }
                return;
            }
        }
        Sym sym = readName();
        skipSpaceInTag();
        ensure(1);
        if (pos >= limit || buf[pos] != '>') {
            throw unreadable("an end tag that does not close with '>'");
        }
        pos++;
        Sym open = stack[depth - 1];
        if (sym != open && !sym.qname.equals(open.qname)) {
            throw unreadable("</" + sym.qname + "> closes <" + open.qname + ">");
        }
        depth--;
        current = open;
        if (depth == 0) {
            rootClosed = true;
        }
    }

    private void skipSpaceInTag() {
        while (true) {
            if (!more()) {
                throw unreadable("the document ends inside a tag");
            }
            byte b = buf[pos];
            if (b == ' ' || b == '\t' || b == '\r') {
                pos++;
            } else if (b == '\n') {
                line++;
                pos++;
            } else {
                return;
            }
        }
    }

    private Sym readName() {
        ensure(MAX_NAME + 1);
        int start = pos;
        int hash = 0;
        int colon = -1;
        int end = Math.min(limit, start + MAX_NAME + 1);
        int i = start;
        while (i < end) {
            byte b = buf[i];
            if (b == ' ' || b == '>' || b == '/' || b == '=' || b == '\n' || b == '\t' || b == '\r') {
                break;
            }
            if (b == '<' || b == '&' || b == '"' || b == '\'') {
                throw unreadable("a character not allowed in a name");
            }
            if (b == ':') {
                if (colon >= 0) {
                    throw unreadable("a name with two colons");
                }
                colon = i - start;
            }
            hash = 31 * hash + b;
            i++;
        }
        int len = i - start;
        if (len == 0) {
            throw unreadable("a tag without a name");
        }
        if (len > MAX_NAME) {
            throw unreadable("a name longer than " + MAX_NAME + " bytes");
        }
        byte first = buf[start];
        if (first == '-' || first == '.' || (first >= '0' && first <= '9') || colon == 0 || colon == len - 1) {
            throw unreadable("an invalid name");
        }
        pos = i;
        return symbols.lookup(buf, start, len, hash, colon);
    }

    private void attribute() {
        Sym name = readName();
        skipSpaceInTag();
        if (buf[pos] != '=') {
            throw unreadable("attribute " + name.qname + " without '='");
        }
        pos++;
        skipSpaceInTag();
        byte quote = buf[pos];
        if (quote != '"' && quote != '\'') {
            throw unreadable("attribute " + name.qname + " without quotes");
        }
        pos++;
        String value = attributeValue(quote);
        if (attributeCount >= MAX_ATTRIBUTES) {
            throw unreadable("more than " + MAX_ATTRIBUTES + " attributes");
        }
        for (int i = 0; i < attributeCount; i++) {
            if (attributeNames[i] == name) {
                throw unreadable("attribute " + name.qname + " given twice");
            }
        }
        attributeNames[attributeCount] = name;
        attributeValues[attributeCount++] = value;
    }

    private String attributeValue(byte quote) {
        // short plain values (currencies) are shared through the symbol table; others decoded
        ensure(64);
        int start = pos;
        int hash = 0;
        for (int i = start; i < limit && i - start < 32; i++) {
            byte b = buf[i];
            if (b == quote) {
                pos = i + 1;
                return symbols.lookup(buf, start, i - start, hash, -2).qname;
            }
            if (b < 0x20 || b == '&' || b == '<') {
                break;
            }
            hash = 31 * hash + b;
        }
        int n = 0;
        while (true) {
            if (!more()) {
                throw unreadable("the document ends inside an attribute value");
            }
            byte b = buf[pos];
            if (b == quote) {
                pos++;
                return new String(scratch, 0, n);
            }
            if (n + 2 >= scratch.length) {
                if (scratch.length >= MAX_ATTRIBUTE_VALUE) {
                    throw unreadable("an attribute value longer than " + MAX_ATTRIBUTE_VALUE + " characters");
                }
                scratch = java.util.Arrays.copyOf(scratch, scratch.length * 2);
            }
            if (b == '<') {
                throw unreadable("'<' in an attribute value");
            }
            if (b == '&') {
                int saved = textLength;
                reference();
                // reference() appended to the text buffer: move it
                for (int k = saved; k < textLength; k++) {
                    scratch[n++] = text[k];
                }
                textLength = saved;
            } else if (b >= 0) {
                if (b == '\n') {
                    line++;
                }
                checkAscii(b);
                scratch[n++] = (b == '\n' || b == '\t' || b == '\r') ? ' ' : (char) b;
                pos++;
            } else {
                int saved = textLength;
                decodeMultiByte();
                for (int k = saved; k < textLength; k++) {
                    scratch[n++] = text[k];
                }
                textLength = saved;
            }
        }
    }

    // ------------------------------------------------------------------ text

    /** Character data up to the next '<', appended to the text buffer. */
    private void readText() {
        while (true) {
            if (pos >= limit) {
                ensure(1);
                if (pos >= limit) {
                    throw unreadable("the document ends inside element <" + stack[depth - 1].qname + ">");
                }
            }
            // ASCII fast path
            byte[] b = buf;
            int p = pos;
            int l = limit;
            char[] t = text;
            int n = textLength;
            int lines = 0;
            while (p < l) {
                byte c = b[p];
                if (c >= 0x20) {
                    if (c == '<' || c == '&') {
                        break;
                    }
                } else if (c == '\n') {
                    // indentation between elements is most of a statement's text: keep it in the fast loop
                    lines++;
                } else if (c != '\t' && c != '\r') {
                    // another control character, or the first byte of a multi-byte UTF-8 sequence
                    break;
                }
                if (n == t.length) {
                    break;
                }
                t[n++] = (char) c;
                p++;
            }
            line += lines;
            pos = p;
            textLength = n;
            if (n == t.length && p < l) {
                growText(1);
                continue;
            }
            if (p >= l) {
                continue;
            }
            byte c = b[p];
            if (c == '<') {
                return;
            }
            if (c == '&') {
                reference();
            } else if (c >= 0) {
                // control characters: only tab, newline and carriage return are XML
                if (c == '\n') {
                    line++;
                } else if (c != '\t' && c != '\r') {
                    throw unreadable("a control character (0x" + Integer.toHexString(c) + ") in text");
                }
                appendChar((char) c);
                pos++;
            } else {
                decodeMultiByte();
            }
        }
    }

    private void checkAscii(byte b) {
        if (b < 0x20 && b != '\n' && b != '\t' && b != '\r') {
            throw unreadable("a control character (0x" + Integer.toHexString(b) + ")");
        }
    }

    private void appendChar(char c) {
        if (textLength == text.length) {
            growText(1);
        }
        text[textLength++] = c;
    }

    private void growText(int extra) {
        if (textLength + extra > maxText) {
            throw unreadable("an element's text exceeds " + maxText + " characters");
        }
        text = java.util.Arrays.copyOf(text, Math.min(Math.max(text.length * 2, textLength + extra), maxText + 2));
    }

    /** One UTF-8 sequence of two to four bytes at {@code pos}, validated, appended as one or two chars. */
    private void decodeMultiByte() {
        ensure(4);
        int b0 = buf[pos] & 0xFF;
        int cp;
        int n;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            cp = b0 & 0x07;
        } else {
            throw unreadable("invalid UTF-8 (byte 0x" + Integer.toHexString(b0) + ")");
        }
        if (limit - pos < n) {
            throw unreadable("invalid UTF-8: a truncated sequence");
        }
        for (int i = 1; i < n; i++) {
            int bi = buf[pos + i] & 0xFF;
            if ((bi & 0xC0) != 0x80) {
                throw unreadable("invalid UTF-8 (continuation byte expected)");
            }
            cp = (cp << 6) | (bi & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF))
                || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            throw unreadable("invalid UTF-8 (overlong, surrogate or non-character)");
        }
        pos += n;
        if (textLength + 2 > text.length) {
            growText(2);
        }
        if (cp >= 0x10000) {
            text[textLength++] = Character.highSurrogate(cp);
            text[textLength++] = Character.lowSurrogate(cp);
        } else {
            text[textLength++] = (char) cp;
        }
    }

    /** An entity or character reference at {@code pos}, appended to the text buffer. */
    private void reference() {
        ensure(12);
        int end = -1;
        for (int i = pos + 1; i < Math.min(limit, pos + 12); i++) {
            if (buf[i] == ';') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw unreadable("'&' that starts no reference");
        }
        int len = end - pos - 1;
        int s = pos + 1;
        char c;
        if (buf[s] == '#') {
            int cp = 0;
            boolean hex = len > 1 && buf[s + 1] == 'x';
            int from = s + (hex ? 2 : 1);
            if (from >= end) {
                throw unreadable("an empty character reference");
            }
            for (int i = from; i < end; i++) {
                int d = Character.digit(buf[i], hex ? 16 : 10);
                if (d < 0) {
                    throw unreadable("a malformed character reference");
                }
                cp = cp * (hex ? 16 : 10) + d;
                if (cp > 0x10FFFF) {
                    throw unreadable("a character reference beyond Unicode");
                }
            }
            if (!(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF))) {
                throw unreadable("a character reference to a character XML does not allow");
            }
            pos = end + 1;
            if (textLength + 2 > text.length) {
                growText(2);
            }
            if (cp >= 0x10000) {
                text[textLength++] = Character.highSurrogate(cp);
                text[textLength++] = Character.lowSurrogate(cp);
            } else {
                text[textLength++] = (char) cp;
            }
            return;
        }
        if (len == 3 && buf[s] == 'a' && buf[s + 1] == 'm' && buf[s + 2] == 'p') {
            c = '&';
        } else if (len == 2 && buf[s] == 'l' && buf[s + 1] == 't') {
            c = '<';
        } else if (len == 2 && buf[s] == 'g' && buf[s + 1] == 't') {
            c = '>';
        } else if (len == 4 && buf[s] == 'q' && buf[s + 1] == 'u' && buf[s + 2] == 'o' && buf[s + 3] == 't') {
            c = '"';
        } else if (len == 4 && buf[s] == 'a' && buf[s + 1] == 'p' && buf[s + 2] == 'o' && buf[s + 3] == 's') {
            c = '\'';
        } else {
            // no DTD can declare it, so an unknown entity is an attempt or an error
            throw new FormatException(SecureXml.DOCTYPE_NOT_ALLOWED, "entity references other than the predefined"
                    + " ones need a DTD, which is not accepted", where());
        }
        pos = end + 1;
        appendChar(c);
    }

    // ------------------------------------------------------------------ symbols

    /** A name as read: qualified, local part and prefix (null without one). */
    static final class Sym {
        final String qname;
        final String local;
        final String prefix;
        final byte[] bytes;
        final int hash;
        /** Position in this scanner's symbol table (0, 1, ...), or -1 for a name the full table did not keep. */
        int index = -1;

        Sym(byte[] bytes, int hash, int colon) {
            this.bytes = bytes;
            this.hash = hash;
            this.qname = new String(bytes, StandardCharsets.UTF_8);
            if (colon >= 0) {
                int c = qname.indexOf(':');
                this.prefix = qname.substring(0, c);
                this.local = qname.substring(c + 1);
            } else {
                this.prefix = null;
                this.local = qname;
            }
        }
    }

    /** Open addressing over byte sequences, capped so that a hostile file cannot grow it without limit. */
    private static final class SymbolTable {
        private static final int CAPACITY = 1 << 13;
        private static final int MAX_ENTRIES = CAPACITY / 2;
        private final Sym[] table = new Sym[CAPACITY];
        private int size;

        Sym lookup(byte[] buf, int start, int len, int hash, int colon) {
            int h = hash ^ (hash >>> 16);
            int i = h & (CAPACITY - 1);
            while (true) {
                Sym s = table[i];
                if (s == null) {
                    Sym created = new Sym(java.util.Arrays.copyOfRange(buf, start, start + len), hash, colon);
                    if (size < MAX_ENTRIES) {
                        table[i] = created;
                        created.index = size++;
                    }
                    return created;
                }
                if (s.hash == hash && s.bytes.length == len && same(s.bytes, buf, start, len)) {
                    return s;
                }
                i = (i + 1) & (CAPACITY - 1);
            }
        }

        private static boolean same(byte[] a, byte[] buf, int start, int len) {
            for (int k = 0; k < len; k++) {
                if (a[k] != buf[start + k]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Chars from a reader, re-encoded as UTF-8 bytes, so one scanner serves every declared encoding. */
    private static final class Utf8Transcoder extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private final byte[] bytes = new byte[8192 * 3 + 4];
        private int p;
        private int l;
        private int pendingHigh = -1;

        Utf8Transcoder(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] out, int off, int len) throws IOException {
            if (p >= l && !fill()) {
                return -1;
            }
            int n = Math.min(len, l - p);
            System.arraycopy(bytes, p, out, off, n);
            p += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = reader.read(chars, 0, chars.length);
            if (n < 0) {
                return false;
            }
            int o = 0;
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (pendingHigh >= 0) {
                    int cp = Character.toCodePoint((char) pendingHigh, c);
                    pendingHigh = -1;
                    bytes[o++] = (byte) (0xF0 | (cp >> 18));
                    bytes[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    bytes[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    bytes[o++] = (byte) (0x80 | (cp & 0x3F));
                } else if (c < 0x80) {
                    bytes[o++] = (byte) c;
                } else if (c < 0x800) {
                    bytes[o++] = (byte) (0xC0 | (c >> 6));
                    bytes[o++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c)) {
                    pendingHigh = c;
                } else {
                    bytes[o++] = (byte) (0xE0 | (c >> 12));
                    bytes[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    bytes[o++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            p = 0;
            l = o;
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
