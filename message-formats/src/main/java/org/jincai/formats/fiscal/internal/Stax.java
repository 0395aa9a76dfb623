package org.jincai.formats.fiscal.internal;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Small pull-parsing steps built only on {@code next()}, the one method through which
 * {@link org.jincai.formats.xml.SecureXml}'s reader refuses DTDs and entity references (the delegate's
 * {@code nextTag()} and {@code getElementText()} would bypass it).
 */
public final class Stax {

    private Stax() {
    }

    /** Moves to the next start element (returns true) or to the end of the current element (returns false). */
    public static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (e == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    /** Moves to the document's root element; false when there is none. */
    public static boolean toRoot(XMLStreamReader r) throws XMLStreamException {
        if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
            return true;
        }
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text of the current (start) element, leaving the reader on its end; {@code null} when the element
     * has child elements, which are then skipped.
     */
    public static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        while (r.hasNext()) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> sb.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    skip(r);
                    skipToEnd(r);
                    return null;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return sb.toString();
                }
                default -> {
                    // comments and processing instructions carry no value
                }
            }
        }
        return sb.toString();
    }

    /** Skips the current (start) element with all its content, leaving the reader on its end. */
    public static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** After a child was skipped: skips the remaining siblings up to the parent's end. */
    private static void skipToEnd(XMLStreamReader r) throws XMLStreamException {
        while (nextChild(r)) {
            skip(r);
        }
    }

    /** An attribute by local name, ignoring namespaces (the standard uses none). */
    public static String attribute(XMLStreamReader r, String localName) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(localName)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }
}
