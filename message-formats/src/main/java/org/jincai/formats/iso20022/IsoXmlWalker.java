package org.jincai.formats.iso20022;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * One streaming pass over an ISO 20022 {@code Document} of the payment messages (pain.001, pain.002):
 * checks the root, its namespace and the message element, then hands every ISO element below to a
 * {@link Visitor} by its path of local names relative to the message element ({@code GrpHdr/MsgId},
 * {@code PmtInf/CdtTrfTxInf/Amt/InstdAmt}). Reading by path rather than through a generated model lets one
 * reader serve several schema versions (the fields the hub needs keep their paths from .03 to .10) and
 * keeps memory flat for payroll-sized files.
 *
 * <p>The document is opened by {@link IsoDocument}, as the camt reader's is: the same StAX parser, DTDs
 * refused, and the same rule for namespaces (an element of another namespace, and all inside it, is never
 * visited; it is returned as an {@value IsoProblemCodes#ISO_FOREIGN_ELEMENT} problem).
 */
final class IsoXmlWalker {

    /** Receives the elements below the message element, in document order. */
    interface Visitor {
        default void start(String path, IsoXmlWalker at) {
        }

        /** {@code text} is the element's own text, stripped; empty for elements with children. */
        void end(String path, String text, IsoXmlWalker at);
    }

    /**
     * What a walk found besides what it visited.
     *
     * @param messageName the message name of the namespace ({@code pain.001.001.09}), the namespace itself
     *                    when the options admitted it as an extra one, or null for a document without a
     *                    namespace that the options accept
     * @param foreign     elements of other namespaces, not visited
     */
    record Walk(String messageName, List<Problem> foreign) {
    }

    /** No leaf of an ISO 20022 payment message comes near this; a larger one is an attack or garbage. */
    private static final int MAX_TEXT = 100_000;
    private static final int MAX_LEVELS = 64;

    private final IsoDocument document;
    private final XMLStreamReader reader;
    private final StringBuilder path = new StringBuilder();
    private final StringBuilder text = new StringBuilder();

    private IsoXmlWalker(IsoDocument document) {
        this.document = document;
        this.reader = document.reader();
    }

    /** Walks {@code in}: its root must be a {@code Document} of one of {@code namespaces} (or admitted by the options). */
    static Walk walk(InputStream in, String location, IsoReadOptions options, Map<String, String> namespaces,
            String messageElement, Visitor visitor) {
        try (IsoDocument d = IsoDocument.open(in, location)) {
            IsoXmlWalker walker = new IsoXmlWalker(d);
            String name = walker.checkRoot(options, namespaces, messageElement);
            walker.run(visitor);
            return new Walk(name, d.foreignElements());
        }
    }

    private void run(Visitor visitor) {
        int depth = 2;
        boolean[] visited = new boolean[MAX_LEVELS + 3];
        int[] pathLengths = new int[MAX_LEVELS + 3];
        try {
            while (true) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        text.setLength(0);
                        if (depth - 3 >= MAX_LEVELS) {
                            throw IsoValues.unreadable("elements nested deeper than any ISO 20022 message", where(), null);
                        }
                        visited[depth] = document.iso(depth);
                        if (visited[depth]) {
                            pathLengths[depth] = path.length();
                            if (depth > 3) {
                                path.append('/');
                            }
                            path.append(reader.getLocalName());
                            visitor.start(path.toString(), this);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth > 2 && visited[depth]) {
                            if (text.length() + reader.getTextLength() > MAX_TEXT) {
                                throw IsoValues.unreadable("an element's text exceeds " + MAX_TEXT + " characters", where(),
                                        null);
                            }
                            text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth > 2) {
                            if (visited[depth]) {
                                visitor.end(path.toString(), text.toString().strip(), this);
                                path.setLength(pathLengths[depth]);
                            }
                            document.end(depth);
                        }
                        text.setLength(0);
                        depth--;
                    }
                    case XMLStreamConstants.END_DOCUMENT -> {
                        return;
                    }
                    default -> {
                        // comments and processing instructions carry nothing
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw document.failure(e);
        } catch (FormatException e) {
            throw IsoDocument.readable(e);
        }
    }

    private String checkRoot(IsoReadOptions options, Map<String, String> namespaces, String messageElement) {
        if (!"Document".equals(document.root())) {
            throw unsupported("the root element is <" + document.root() + ">, not an ISO 20022 <Document>");
        }
        String name = admit(options, namespaces, document.namespace());
        if (!messageElement.equals(document.messageElement()) || !document.messageElementInNamespace()) {
            throw unsupported("expected <" + messageElement + "> in <Document>, found "
                    + (document.messageElement() == null ? "nothing" : "<" + document.messageElement() + ">"
                    + (document.messageElementInNamespace() ? "" : " of another namespace")));
        }
        return name;
    }

    private String admit(IsoReadOptions options, Map<String, String> namespaces, String ns) {
        if (ns.isEmpty()) {
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
        return document.attribute(localName);
    }

    /** {@code file:line:column (path)}, the location of the current element for a problem. */
    String where() {
        Location l = reader.getLocation();
        String at = l == null ? document.location() : document.location() + ":" + l.getLineNumber() + ":"
                + l.getColumnNumber();
        return path.length() == 0 ? at : at + " (" + path + ")";
    }

    private FormatException unsupported(String message) {
        return new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, message, where());
    }
}
