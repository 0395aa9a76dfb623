package org.jincai.formats.fiscal.internal;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Re-serialises the element the reader is on, with its attributes, text and children, leaving the reader on
 * its end: a seal block of a structure the hub does not model is carried as it came. Text and attribute
 * values are escaped again, so the fragment is well-formed whatever the input held; comments and processing
 * instructions are dropped.
 */
public final class XmlFragment {

    private XmlFragment() {
    }

    public static String capture(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        open(r, sb);
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    open(r, sb);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    sb.append("</").append(r.getLocalName()).append('>');
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> escape(r.getText(), sb, false);
                default -> {
                    // comments and processing instructions carry nothing a seal needs
                }
            }
        }
        return sb.toString();
    }

    private static void open(XMLStreamReader r, StringBuilder sb) {
        sb.append('<').append(r.getLocalName());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            sb.append(' ').append(r.getAttributeLocalName(i)).append("=\"");
            escape(r.getAttributeValue(i), sb, true);
            sb.append('"');
        }
        sb.append('>');
    }

    private static void escape(String text, StringBuilder sb, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                default -> sb.append(c);
            }
        }
    }
}
