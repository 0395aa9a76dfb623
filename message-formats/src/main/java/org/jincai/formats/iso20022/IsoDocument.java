package org.jincai.formats.iso20022;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;

/**
 * An ISO 20022 document opened for one streaming pass, the same way for every reader (camt.053/054,
 * pain.001, pain.002, and the identification of inbound files): the hub's one StAX parser from
 * {@link SecureXml} (namespace-aware, DTDs refused), positioned on the root element and then on the
 * message element below it.
 *
 * <p>Namespaces are what they are in XML: an element belongs to the ISO message only when its namespace
 * is the one the root declares (no namespace at all for a document without one). An element of any
 * other namespace below the message element is never read as an ISO element, nor is anything inside it;
 * it is reported once ({@value IsoProblemCodes#ISO_FOREIGN_ELEMENT}) at its line. The exception is
 * {@code SplmtryData}, whose envelope the schemas leave open to any namespace: what it holds is neither
 * read nor reported.
 *
 * <p>A document that is not well-formed is {@value IsoProblemCodes#ISO_NOT_READABLE}; a DTD or an entity
 * reference keeps {@value SecureXml#DOCTYPE_NOT_ALLOWED}.
 */
final class IsoDocument implements AutoCloseable {

    private static final int MAX_FOREIGN_REPORTED = 20;

    private final XMLStreamReader reader;
    private final String location;
    private String root;
    private String namespace = "";
    private String messageElement;
    private String messageNamespace;
    private int foreignDepth;
    private int supplementaryDepth;
    private final List<Problem> foreign = new ArrayList<>();
    private int foreignCount;

    private IsoDocument(XMLStreamReader reader, String location) {
        this.reader = reader;
        this.location = location == null ? "" : location;
    }

    /** Opens {@code in} and moves to the message element (or to the end of a root without children). */
    static IsoDocument open(InputStream in, String location) {
        XMLStreamReader r;
        try {
            r = SecureXml.newReader(in, location);
        } catch (FormatException e) {
            throw readable(e);
        }
        IsoDocument d = new IsoDocument(r, location);
        try {
            d.start();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void start() {
        if (!toStartOrEnd()) {
            throw IsoValues.unreadable("no root element", location, null);
        }
        root = reader.getLocalName();
        namespace = namespaceOf(reader.getNamespaceURI());
        if (toStartOrEnd() && reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
            messageElement = reader.getLocalName();
            messageNamespace = namespaceOf(reader.getNamespaceURI());
        }
    }

    /** Moves to the next start or end of an element; false at the end of the document. */
    private boolean toStartOrEnd() {
        try {
            while (reader.hasNext()) {
                int e = reader.next();
                if (e == XMLStreamConstants.START_ELEMENT || e == XMLStreamConstants.END_ELEMENT) {
                    return true;
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw failure(e);
        } catch (FormatException e) {
            throw readable(e);
        }
    }

    private static String namespaceOf(String uri) {
        return uri == null ? "" : uri;
    }

    XMLStreamReader reader() {
        return reader;
    }

    /** The root element's local name. */
    String root() {
        return root;
    }

    /** The root element's namespace; empty when it has none. */
    String namespace() {
        return namespace;
    }

    /** The local name of the root's first child, or null when the root has none. */
    String messageElement() {
        return messageElement;
    }

    /** The message element is in the root's namespace, as an ISO message's is. */
    boolean messageElementInNamespace() {
        return messageElement != null && namespace.equals(messageNamespace);
    }

    /** What the two first elements make of the document. */
    IsoMessages.Identity identity() {
        return IsoMessages.identity(root, namespace, messageElementInNamespace() ? messageElement : null);
    }

    /**
     * At a start element at {@code depth} below the message element: true when it is an ISO element to
     * read; false inside a foreign element or {@code SplmtryData}, and for a foreign element itself
     * (reported). Every start must be matched by {@link #end(int)} at the same depth.
     */
    boolean iso(int depth) {
        if (foreignDepth > 0 || supplementaryDepth > 0) {
            return false;
        }
        String ns = reader.getNamespaceURI();
        if (ns == namespace || (ns == null ? namespace.isEmpty() : ns.equals(namespace))) {
            if ("SplmtryData".equals(reader.getLocalName())) {
                supplementaryDepth = depth;
                return false;
            }
            return true;
        }
        foreignDepth = depth;
        foreignCount++;
        if (foreign.size() < MAX_FOREIGN_REPORTED) {
            foreign.add(Problem.of(IsoProblemCodes.ISO_FOREIGN_ELEMENT, "<" + reader.getLocalName() + "> in "
                    + (ns == null || ns.isEmpty() ? "no namespace" : "namespace " + ns) + " is not an element of "
                    + (namespace.isEmpty() ? "this document" : namespace) + "; it and its content were not read", where()));
        }
        return false;
    }

    /** At the end element at {@code depth}. */
    void end(int depth) {
        if (depth == foreignDepth) {
            foreignDepth = 0;
        }
        if (depth == supplementaryDepth) {
            supplementaryDepth = 0;
        }
    }

    /**
     * The foreign elements met, for the reader's errors (namespace-strict reading) or warnings (lenient),
     * the first {@value #MAX_FOREIGN_REPORTED} with their lines and a count of the rest.
     */
    List<Problem> foreignElements() {
        List<Problem> all = new ArrayList<>(foreign);
        if (foreignCount > foreign.size()) {
            all.add(Problem.of(IsoProblemCodes.ISO_FOREIGN_ELEMENT, (foreignCount - foreign.size())
                    + " more elements of other namespaces were not read", location));
        }
        return all;
    }

    /** An attribute without a namespace of the current start element, by local name; null when absent. */
    String attribute(String localName) {
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            if (localName.equals(reader.getAttributeLocalName(i))) {
                String ns = reader.getAttributeNamespace(i);
                if (ns == null || ns.isEmpty()) {
                    return reader.getAttributeValue(i);
                }
            }
        }
        return null;
    }

    /** {@code location:line}, for problems. */
    String where() {
        Location l = reader.getLocation();
        if (l == null || l.getLineNumber() < 0) {
            return location;
        }
        return location.isEmpty() ? "line " + l.getLineNumber() : location + ":" + l.getLineNumber();
    }

    String location() {
        return location;
    }

    /** A failure of the parser in the middle of the document. */
    FormatException failure(XMLStreamException e) {
        return readable(SecureXml.notWellFormed(e, where()));
    }

    /** Not well-formed XML is, for an ISO reader, simply not readable; a DTD keeps its own code. */
    static FormatException readable(FormatException e) {
        if (SecureXml.XML_NOT_WELL_FORMED.equals(e.code())) {
            return new FormatException(Problem.of(IsoProblemCodes.ISO_NOT_READABLE, e.problem().message(),
                    e.problem().location()), e);
        }
        return e;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException | RuntimeException ignored) {
            // closing a reader releases nothing the caller needs; the caller closes its own stream
        }
    }
}
