package org.jincai.formats.fiscal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.internal.XmlProlog;
import org.jincai.formats.xml.SecureXml;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * The hub's own XSDs of the inner vouchers, one per family, under
 * {@code org/jincai/formats/fiscal/xsd/} (the standard publishes none). They fix what the field tables
 * fix: the tags of the family (in any order, as senders order them differently), the fields required on
 * every voucher of the family, {@code yyyyMMdd} dates, two-decimal amounts, digits where counts and codes
 * are digits. They know nothing of receipts, totals or code lists — those are the validator's. A tag the
 * family does not know is a schema error, which is what strict mode is for.
 *
 * <p>Schemas are compiled once per JVM through {@link SecureXml#newSchemaFactory()}; documents are parsed
 * through {@link SecureXml}, so a DTD is DOCTYPE_NOT_ALLOWED and is never processed.
 */
public final class FiscalSchemas {

    /** Problems beyond this add nothing a person reads. */
    public static final int MAX_PROBLEMS = 50;

    private static final String FOLDER = "xsd/";
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private FiscalSchemas() {
    }

    /** The classpath resource of the family's XSD, {@code null} for a family without one. */
    public static URL resource(VoucherFamily family) {
        return family.schema() == null ? null : FiscalSchemas.class.getResource(FOLDER + family.schema());
    }

    /**
     * Validates inner voucher bytes (GBK unless their declaration says otherwise) against the XSD of the
     * type's family.
     *
     * @return XSD_INVALID problems located at {@code location / line:column}, in document order, at most
     *     {@value #MAX_PROBLEMS}; XML_NOT_WELL_FORMED or DOCTYPE_NOT_ALLOWED when the bytes cannot be parsed;
     *     empty when valid
     * @throws IllegalArgumentException when the type's family has no XSD
     */
    public static List<Problem> validate(byte[] voucherXml, VoucherType type, String location) {
        Schema schema = schema(type.family());
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's validator cannot be secured", e);
        }
        Collector handler = new Collector(location);
        validator.setErrorHandler(handler);
        byte[] parsable = XmlProlog.of(voucherXml).forParser(voucherXml);
        XMLStreamReader reader = null;
        try {
            reader = SecureXml.newReader(new ByteArrayInputStream(parsable), location);
            validator.validate(new StAXSource(reader));
        } catch (SAXException | IOException | RuntimeException e) {
            FormatException refused = formatCause(e);
            if (refused != null) {
                handler.problems.add(Problem.of(refused.code(), refused.problem().message(), location));
            } else if (!handler.fatal) {
                handler.problems.add(Problem.of(SecureXml.XML_NOT_WELL_FORMED, String.valueOf(e.getMessage()), location));
            }
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // an in-memory document: nothing to release
                }
            }
        }
        return List.copyOf(handler.problems);
    }

    private static Schema schema(VoucherFamily family) {
        if (family.schema() == null) {
            throw new IllegalArgumentException("no XSD for the family " + family);
        }
        return SCHEMAS.computeIfAbsent(family.schema(), FiscalSchemas::compile);
    }

    private static Schema compile(String file) {
        URL url = FiscalSchemas.class.getResource(FOLDER + file);
        if (url == null) {
            throw new IllegalStateException("the XSD " + file + " is not on the classpath");
        }
        try (InputStream in = url.openStream()) {
            return SecureXml.newSchemaFactory().newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the XSD " + file + " cannot be compiled", e);
        }
    }

    private static FormatException formatCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FormatException f) {
                return f;
            }
        }
        return null;
    }

    /** Collects every schema error rather than stopping at the first. */
    private static final class Collector implements ErrorHandler {
        private final String location;
        private final List<Problem> problems = new ArrayList<>();
        private boolean fatal;

        Collector(String location) {
            this.location = location == null ? "" : location;
        }

        @Override
        public void warning(SAXParseException e) {
            // a schema warning does not make a voucher invalid
        }

        @Override
        public void error(SAXParseException e) {
            add(FiscalCodes.XSD_INVALID, e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            add(SecureXml.XML_NOT_WELL_FORMED, e);
            fatal = true;
            throw e;
        }

        private void add(String code, SAXParseException e) {
            if (problems.size() < MAX_PROBLEMS) {
                String at = e.getLineNumber() + ":" + e.getColumnNumber();
                problems.add(Problem.of(code, e.getMessage(), location.isEmpty() ? at : location + " / " + at));
            }
        }
    }
}
