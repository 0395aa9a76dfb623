package org.jincai.formats.iso20022;

import java.io.InputStream;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;

/**
 * One streaming pass over an ISO 20022 {@code Document}: checks the root, its namespace and the
 * message element, then hands every element below to a {@link Visitor} by its path of local names
 * relative to the message element ({@code GrpHdr/MsgId}, {@code PmtInf/CdtTrfTxInf/Amt/InstdAmt}).
 * Reading by path rather than through a generated model lets one reader serve several schema
 * versions (the fields the hub needs keep their paths from .03 to .10) and keeps memory flat for
 * payroll-sized files. The parser comes from {@link SecureXml}, so a DTD never gets through.
 */
final class IsoXmlWalker {

    /** Receives the elements below the message element, in document order. */
    interface Visitor {
        default void start(String path, IsoXmlWalker at) {
        }

        /** {@code text} is the element's own text, stripped; empty for elements with children. */
        void end(String path, String text, IsoXmlWalker at);
    }

    /** No leaf of an ISO 20022 payment message comes near this; a larger one is an attack or garbage. */
    private static final int MAX_TEXT = 100_000;

    private final XMLStreamReader reader;
    private final String location;
    private final StringBuilder path = new StringBuilder();
    private final StringBuilder text = new StringBuilder();

    private IsoXmlWalker(XMLStreamReader reader, String location) {
        this.reader = reader;
        this.location = location;
    }

    /**
     * Walks {@code in} and returns the message name of its namespace ({@code pain.001.001.09}), the
     * namespace itself when {@code options} admitted it as an extra one, or null for a document
     * without a namespace that {@code options} accept.
     */
    static String walk(InputStream in, String location, IsoReadOptions options, Map<String, String> namespaces,
            String messageElement, Visitor visitor) {
        XMLStreamReader r;
        try {
            r = SecureXml.newReader(in, location);
        } catch (FormatException e) {
            throw readable(e);
        }
        IsoXmlWalker walker = new IsoXmlWalker(r, location);
        try {
            return walker.run(options, namespaces, messageElement, visitor);
        } catch (XMLStreamException e) {
            throw readable(SecureXml.notWellFormed(e, walker.where()));
        } catch (FormatException e) {
            throw readable(e);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a reader over a caller's stream releases nothing the caller needs
            }
        }
    }

    private String run(IsoReadOptions options, Map<String, String> namespaces, String messageElement, Visitor visitor)
            throws XMLStreamException {
        String messageName = null;
        int depth = 0;
        boolean rootSeen = false;
        int[] pathLengths = new int[64];
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    text.setLength(0);
                    if (depth == 1) {
                        messageName = checkRoot(options, namespaces);
                        rootSeen = true;
                    } else if (depth == 2) {
                        if (!messageElement.equals(reader.getLocalName())) {
                            throw unsupported("expected <" + messageElement + "> in <Document>, found <"
                                    + reader.getLocalName() + ">");
                        }
                    } else {
                        int level = depth - 3;
                        if (level >= pathLengths.length) {
                            throw IsoValues.unreadable("elements nested deeper than any ISO 20022 message", where(), null);
                        }
                        pathLengths[level] = path.length();
                        if (level > 0) {
                            path.append('/');
                        }
                        path.append(reader.getLocalName());
                        visitor.start(path.toString(), this);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth > 2) {
                        if (text.length() + reader.getTextLength() > MAX_TEXT) {
                            throw IsoValues.unreadable("an element's text exceeds " + MAX_TEXT + " characters", where(), null);
                        }
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth > 2) {
                        visitor.end(path.toString(), text.toString().strip(), this);
                        path.setLength(pathLengths[depth - 3]);
                    }
                    text.setLength(0);
                    depth--;
                }
                default -> {
                    // comments, processing instructions and whitespace between elements carry nothing
                }
            }
        }
        if (!rootSeen) {
            throw IsoValues.unreadable("no root element", location, null);
        }
        return messageName;
    }

    private String checkRoot(IsoReadOptions options, Map<String, String> namespaces) {
        if (!"Document".equals(reader.getLocalName())) {
            throw unsupported("the root element is <" + reader.getLocalName() + ">, not an ISO 20022 <Document>");
        }
        String ns = reader.getNamespaceURI();
        if (ns == null || ns.isEmpty()) {
            if (options.acceptMissingNamespace()) {
                return null;
            }
            throw unsupported("<Document> declares no namespace; expected one of " + namespaces.keySet());
        }
        String name = namespaces.get(ns);
        if (name != null) {
            return name;
        }
        if (options.additionalNamespaces().contains(ns)) {
            return ns;
        }
        if (options.acceptOtherVersions()) {
            // lenient: another version or a national variant of the same message, read by its paths
            String other = IsoMessages.identity("Document", ns, null).messageNameId();
            String family = namespaces.values().iterator().next().substring(0, 8);
            if (other != null && other.startsWith(family)) {
                return other;
            }
        }
        throw unsupported("namespace " + ns + " is not one of " + namespaces.keySet());
    }

    /** An attribute of the element just started, by local name; null when absent. */
    String attribute(String localName) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (localName.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** {@code file:line:column (path)}, the location of the current element for a problem. */
    String where() {
        Location l = reader.getLocation();
        String at = l == null ? location : location + ":" + l.getLineNumber() + ":" + l.getColumnNumber();
        return path.length() == 0 ? at : at + " (" + path + ")";
    }

    private FormatException unsupported(String message) {
        return new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, message, where());
    }

    /** Not well-formed XML is, for an ISO reader, simply not readable; a DTD keeps its own code. */
    private static FormatException readable(FormatException e) {
        if (SecureXml.XML_NOT_WELL_FORMED.equals(e.code())) {
            return new FormatException(Problem.of(IsoProblemCodes.ISO_NOT_READABLE,
                    e.problem().message(), e.problem().location()), e);
        }
        return e;
    }
}
