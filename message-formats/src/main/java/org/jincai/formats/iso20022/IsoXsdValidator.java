package org.jincai.formats.iso20022;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.jincai.formats.xml.SecureXml;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * Validates ISO 20022 documents against the official XSDs kept on the classpath under
 * {@code org/jincai/formats/iso20022/xsd/<message type>.xsd}. Prowide has no schema validation, and
 * a bank rejects a whole file for one schema error, so every file the hub writes passes here first.
 *
 * <p>Each schema is compiled once per JVM and shared (a {@link Schema} is thread-safe; a
 * {@link Validator} is not, so each call makes its own). The document is parsed through
 * {@link SecureXml}: a DTD is reported as {@code DOCTYPE_NOT_ALLOWED}, never processed.
 */
public final class IsoXsdValidator {

    /** Problems beyond this add nothing to a report a person reads; the schema error is in the first few. */
    public static final int MAX_PROBLEMS = 100;

    private static final String XSD_FOLDER = "xsd/";
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    /** Validates {@code xml} against the XSD of {@code messageType} (e.g. {@code "pain.001.001.09"}). */
    public List<Problem> validate(byte[] xml, String messageType) {
        return validate(xml, messageType, "");
    }

    /**
     * As {@link #validate(byte[], String)}, with each problem located at {@code location:line:column}
     * (or {@code line:column} when {@code location} is empty).
     *
     * @return XSD_INVALID problems in document order, at most {@value #MAX_PROBLEMS}; empty when valid.
     *         A document that is not well-formed gives XML_NOT_WELL_FORMED, a DTD DOCTYPE_NOT_ALLOWED.
     * @throws IllegalArgumentException when no XSD is bundled for {@code messageType}
     */
    public List<Problem> validate(byte[] xml, String messageType, String location) {
        Objects.requireNonNull(xml, "xml");
        return validate(new ByteArrayInputStream(xml), messageType, location);
    }

    /**
     * As {@link #validate(byte[], String, String)} for a file, streamed: a statement of a million
     * entries is validated in flat memory.
     */
    public List<Problem> validate(Path file, String messageType, String location) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return validate(in, messageType, location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Problem> validate(InputStream xml, String messageType, String location) {
        Schema schema = schema(messageType);
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's validator cannot be secured", e);
        }
        Collecting handler = new Collecting(location == null ? "" : location);
        validator.setErrorHandler(handler);
        XMLStreamReader reader = null;
        try {
            reader = SecureXml.newReader(xml, location);
            validator.validate(new StAXSource(reader));
        } catch (SAXException | IOException | RuntimeException e) {
            // the JDK wraps the reader's own failures (a refused DTD among them) several layers deep
            FormatException refused = formatCause(e);
            if (refused != null) {
                handler.problems.add(refused.problem());
            } else if (e instanceof RuntimeException r) {
                throw r;
            } else if (!handler.fatal) {
                handler.problems.add(Problem.of(SecureXml.XML_NOT_WELL_FORMED, e.getMessage(), location));
            }
        } finally {
            close(reader);
        }
        return List.copyOf(handler.problems);
    }

    /** True when an XSD for {@code messageType} is bundled. */
    public static boolean supports(String messageType) {
        return messageType != null && IsoXsdValidator.class.getResource(XSD_FOLDER + messageType + ".xsd") != null;
    }

    private static Schema schema(String messageType) {
        if (!supports(messageType)) {
            throw new IllegalArgumentException("no XSD bundled for message type '" + messageType + "'");
        }
        return SCHEMAS.computeIfAbsent(messageType, IsoXsdValidator::compile);
    }

    private static Schema compile(String messageType) {
        URL url = IsoXsdValidator.class.getResource(XSD_FOLDER + messageType + ".xsd");
        try (InputStream in = url.openStream()) {
            return SecureXml.newSchemaFactory().newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the bundled XSD for " + messageType + " cannot be compiled", e);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // the document is a byte array: closing releases nothing that matters
            }
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

    /** Collects every schema error rather than stopping at the first, as a bank's rejection report would. */
    private static final class Collecting implements ErrorHandler {
        private final String location;
        private final List<Problem> problems = new ArrayList<>();
        private boolean fatal;

        Collecting(String location) {
            this.location = location;
        }

        @Override
        public void warning(SAXParseException e) {
            // schema warnings do not make a document invalid
        }

        @Override
        public void error(SAXParseException e) {
            add(IsoProblemCodes.XSD_INVALID, e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            add(SecureXml.XML_NOT_WELL_FORMED, e);
            fatal = true;
            throw e;
        }

        void add(String code, SAXParseException e) {
            if (problems.size() >= MAX_PROBLEMS) {
                return;
            }
            String at = e.getLineNumber() + ":" + e.getColumnNumber();
            problems.add(Problem.of(code, e.getMessage(), location.isEmpty() ? at : location + ":" + at));
        }
    }
}
