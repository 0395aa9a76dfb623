package org.jincai.formats.xml;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
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
 */
public final class SecureXml {

    public static final String DOCTYPE_NOT_ALLOWED = "DOCTYPE_NOT_ALLOWED";
    public static final String XML_NOT_WELL_FORMED = "XML_NOT_WELL_FORMED";

    private static final XMLInputFactory INPUT_FACTORY = newInputFactory(true);
    private static final XMLInputFactory CHUNKED_INPUT_FACTORY = newInputFactory(false);

    private SecureXml() {
    }

    private static XMLInputFactory newInputFactory(boolean coalescing) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, coalescing);
        return f;
    }

    /**
     * A namespace-aware streaming reader over {@code in} (its encoding taken from the XML declaration)
     * that throws {@link FormatException} with {@value #DOCTYPE_NOT_ALLOWED} when it meets a DTD.
     */
    public static XMLStreamReader newReader(InputStream in, String location) {
        try {
            return new DtdRefusingReader(INPUT_FACTORY.createXMLStreamReader(in), location);
        } catch (XMLStreamException e) {
            throw notWellFormed(e, location);
        }
    }

    /**
     * As {@link #newReader}, but text is reported in chunks as it is read instead of whole: a scan that only
     * measures or skips text (a size check before the real read) keeps flat memory however long a text is.
     */
    public static XMLStreamReader newChunkedReader(InputStream in, String location) {
        try {
            return new DtdRefusingReader(CHUNKED_INPUT_FACTORY.createXMLStreamReader(in), location);
        } catch (XMLStreamException e) {
            throw notWellFormed(e, location);
        }
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

    /** Maps a parser failure to a coded, located problem; a DOCTYPE refusal keeps its own code. */
    public static FormatException notWellFormed(Exception e, String location) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("DOCTYPE") || msg.contains("DTD")) {
            return new FormatException(DOCTYPE_NOT_ALLOWED, "document type declarations are not accepted", location);
        }
        return new FormatException(XML_NOT_WELL_FORMED, msg, location);
    }

    private static final class DtdRefusingReader extends StreamReaderDelegate {
        private final String location;

        DtdRefusingReader(XMLStreamReader delegate, String location) {
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
            }
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw refused();
            }
            return event;
        }

        private FormatException refused() {
            return new FormatException(DOCTYPE_NOT_ALLOWED, "document type declarations are not accepted", location);
        }
    }
}
