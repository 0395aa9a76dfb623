package org.jincai.formats.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MinimumEscapeHandler;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import java.nio.charset.StandardCharsets;

/**
 * Serialises a Prowide message the way banks expect it: an XML declaration, a bare
 * {@code <Document xmlns="urn:iso:std:iso:20022:tech:xsd:...">} (Prowide prefixes it by default),
 * and Chinese names as UTF-8 characters rather than {@code &#21326;} references (Prowide's default
 * escaping), which some bank parsers and every operator reading the file would trip over.
 */
final class ProwideXml {

    private ProwideXml() {
    }

    static byte[] bareDocument(AbstractMX mx) {
        MxWriteParams params = new MxWriteParams();
        params.prefix = null;
        params.includeXMLDeclaration = true;
        params.escapeHandler = new MinimumEscapeHandler();
        String xml = mx.document(params);
        if (xml == null) {
            // Prowide logs and returns null when JAXB fails; a bank file must never be silently empty
            throw new IllegalStateException("Prowide could not serialise " + mx.getMxId());
        }
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
