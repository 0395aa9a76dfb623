package org.jincai.formats.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.validation.SchemaFactory;
import org.jincai.formats.FormatException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * The only way the hub makes XML parsers. Every parser refuses a document type declaration outright
 * (code {@value #DOCTYPE_NOT_ALLOWED}), so external entities, entity expansion ("billion laughs") and
 * DTD fetches cannot happen, and no parser ever reaches the network or the file system.
 *
 * <p>Streaming reads go through one StAX implementation, Woodstox, made here by its class rather than
 * found on the classpath (so no other StAX jar a dependency brings can change how the hub reads). It is
 * namespace-aware and checks everything XML 1.0 and its namespaces require; it returns long text in
 * segments of a few thousand characters (never coalesced), so one huge text node cannot fill the heap;
 * and it bounds nesting depth, attributes and attribute size. Charsets: UTF-8 (the default, and with a
 * byte order mark) is decoded by the parser, strictly; any other charset, declared in the XML
 * declaration (GBK, GB18030, UTF-16) or given by a byte order mark, is decoded here with a decoder that
 * refuses malformed bytes rather than turning them into U+FFFD. Every failure of the parser, checked or
 * not, becomes {@value #XML_NOT_WELL_FORMED} with its line and column.
 */
public final class SecureXml {

    public static final String DOCTYPE_NOT_ALLOWED = "DOCTYPE_NOT_ALLOWED";
    public static final String XML_NOT_WELL_FORMED = "XML_NOT_WELL_FORMED";

    /** The deepest nesting a parser accepts: more than any message the hub reads (ISO 20022 stays under 20). */
    public static final int MAX_DEPTH = 256;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_SIZE = 16_384;
    /** Where the byte order mark and the XML declaration are looked for. */
    private static final int PROLOG = 512;
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]+)[\"']");

    private static final XMLInputFactory INPUT_FACTORY = newInputFactory();

    private SecureXml() {
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // segments, not one String per text node: callers append them under their own caps
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_SIZE);
        return f;
    }

    /**
     * A namespace-aware streaming reader over {@code in} (its charset taken from a byte order mark or the
     * XML declaration, UTF-8 without either) that throws {@link FormatException} with
     * {@value #DOCTYPE_NOT_ALLOWED} when it meets a DTD or an entity reference, and with
     * {@value #XML_NOT_WELL_FORMED} for anything else the parser or the charset decoder refuses.
     */
    public static XMLStreamReader newReader(InputStream in, String location) {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        try {
            Charset charset = charsetToDecode(buffered, location);
            XMLStreamReader r = charset == null ? INPUT_FACTORY.createXMLStreamReader(buffered)
                    : INPUT_FACTORY.createXMLStreamReader(strictReader(buffered, charset));
            return new CheckedReader(r, location);
        } catch (XMLStreamException e) {
            throw notWellFormed(e, location);
        } catch (IOException e) {
            throw new FormatException(XML_NOT_WELL_FORMED, "the input cannot be read: " + e.getMessage(), location);
        }
    }

    /**
     * The same reader as {@link #newReader}: every reader the hub makes reports text in segments as it is read,
     * so a scan that only measures or skips text (a size check before the real read) keeps flat memory
     * however long a text is.
     */
    public static XMLStreamReader newChunkedReader(InputStream in, String location) {
        return newReader(in, location);
    }

    /**
     * The charset the hub decodes itself, or null when the parser reads the bytes (UTF-8 and its subsets,
     * ISO-8859-1): from a UTF-16 byte order mark or the first bytes of UTF-16 without one, else from the
     * XML declaration's {@code encoding}.
     */
    private static Charset charsetToDecode(InputStream in, String location) throws IOException {
        in.mark(PROLOG);
        byte[] head = in.readNBytes(PROLOG);
        in.reset();
        int b0 = head.length > 0 ? head[0] & 0xFF : -1;
        int b1 = head.length > 1 ? head[1] & 0xFF : -1;
        if (b0 == 0xEF && b1 == 0xBB) {
            return null;
        }
        if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
            // the UTF-16 decoder reads the byte order mark and drops it
            return StandardCharsets.UTF_16;
        }
        if (b0 == 0 && b1 == '<') {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == '<' && b1 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        Matcher m = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        switch (name.toUpperCase(Locale.ROOT)) {
            case "UTF-8", "UTF8", "US-ASCII", "ASCII", "ISO-8859-1", "ISO8859-1", "LATIN1" -> {
                return null;
            }
            default -> {
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new FormatException(XML_NOT_WELL_FORMED, "the declared encoding '" + name + "' is not supported",
                            location);
                }
            }
        }
    }

    private static Reader strictReader(InputStream in, Charset charset) {
        return new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** A namespace-aware DOM builder that refuses any DOCTYPE. Use for small documents only. */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be secured", e);
        }
    }

    /** A schema factory that resolves no external resources but the classpath schemas it is given. */
    public static SchemaFactory newSchemaFactory() {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's schema factory cannot be secured", e);
        }
        return f;
    }

    /**
     * Maps a parser failure to a coded problem located at {@code location} and, when the parser knows
     * it, the line and column; a DOCTYPE refusal keeps its own code.
     */
    public static FormatException notWellFormed(Exception e, String location) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("DOCTYPE") || msg.contains("DTD")) {
            return new FormatException(DOCTYPE_NOT_ALLOWED, "document type declarations are not accepted", location);
        }
        Location at = e instanceof XMLStreamException x ? x.getLocation() : null;
        String where = at == null || at.getLineNumber() < 0 || location == null || location.isEmpty()
                || location.matches(".*:\\d+:\\d+.*") ? location
                : location + ":" + at.getLineNumber() + ":" + at.getColumnNumber();
        return new FormatException(XML_NOT_WELL_FORMED, firstLine(msg), where);
    }

    private static String firstLine(String msg) {
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl).strip();
    }

    /**
     * The parser as callers see it: a DTD or an entity reference is refused, and a failure the parser
     * reports unchecked (a lazily parsed text that turns out malformed, a charset error met while
     * decoding) is the same coded {@link FormatException} as one it reports checked.
     */
    private static final class CheckedReader extends StreamReaderDelegate {
        private final String location;

        CheckedReader(XMLStreamReader delegate, String location) {
            super(delegate);
            this.location = location;
            if (delegate.getEventType() == XMLStreamConstants.DTD) {
                throw refused();
            }
        }

        @Override
        public int next() throws XMLStreamException {
            int event;
            try {
                event = super.next();
            } catch (XMLStreamException e) {
                throw notWellFormed(e, location);
            } catch (RuntimeException e) {
                throw unchecked(e);
            }
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw refused();
            }
            return event;
        }

        @Override
        public String getText() {
            try {
                return super.getText();
            } catch (RuntimeException e) {
                throw unchecked(e);
            }
        }

        @Override
        public char[] getTextCharacters() {
            try {
                return super.getTextCharacters();
            } catch (RuntimeException e) {
                throw unchecked(e);
            }
        }

        @Override
        public int getTextStart() {
            try {
                return super.getTextStart();
            } catch (RuntimeException e) {
                throw unchecked(e);
            }
        }

        @Override
        public int getTextLength() {
            try {
                return super.getTextLength();
            } catch (RuntimeException e) {
                throw unchecked(e);
            }
        }

        /** A parser's unchecked wrapper of its own XMLStreamException is a document problem; anything else is ours. */
        private RuntimeException unchecked(RuntimeException e) {
            if (e instanceof FormatException) {
                return e;
            }
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof XMLStreamException x) {
                    return notWellFormed(x, location);
                }
                if (t instanceof IOException io) {
                    return new FormatException(XML_NOT_WELL_FORMED, "the input cannot be read: " + io.getMessage(),
                            location);
                }
            }
            return e;
        }

        private FormatException refused() {
            return new FormatException(DOCTYPE_NOT_ALLOWED, "document type declarations are not accepted", location);
        }
    }
}
