package org.jincai.formats.xml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
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
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * XSD validation as every validator of the hub does it (the fiscal families' XSDs, the official ISO 20022
 * ones): each schema is compiled once per JVM from the classpath through {@link SecureXml#newSchemaFactory()}
 * and shared (a {@link Schema} is thread-safe; a {@link Validator} is not, so each call makes its own); the
 * document is parsed through {@link SecureXml}, so a DTD is {@value SecureXml#DOCTYPE_NOT_ALLOWED} and is
 * never processed; every schema error is collected rather than the first one only, as a bank's rejection
 * report would. What differs between the formats (the code of a schema error, how many problems are worth
 * reporting, how a location and a line join) is this object's configuration. Thread-safe.
 *
 * @param invalidCode         the code of a schema error ({@code XSD_INVALID})
 * @param maxProblems         problems beyond this add nothing a person reads
 * @param lineSeparator       what joins a non-empty location and {@code line:column}
 * @param failuresAsProblems  true: any other failure of the parse is an {@value SecureXml#XML_NOT_WELL_FORMED}
 *                            problem; false: an unchecked one is thrown as it is
 */
public record SchemaValidation(String invalidCode, int maxProblems, String lineSeparator, boolean failuresAsProblems) {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    public SchemaValidation {
        Objects.requireNonNull(invalidCode, "invalidCode");
        Objects.requireNonNull(lineSeparator, "lineSeparator");
    }

    /**
     * The schema {@code resource} of {@code owner}'s classpath (relative to its package), compiled on first
     * use and kept for the JVM's life.
     *
     * @throws IllegalStateException when it is not on the classpath or cannot be compiled
     */
    public static Schema schema(Class<?> owner, String resource) {
        return SCHEMAS.computeIfAbsent(owner.getName() + "/" + resource, k -> compile(owner, resource));
    }

    private static Schema compile(Class<?> owner, String resource) {
        URL url = owner.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the XSD " + resource + " is not on the classpath");
        }
        try (InputStream in = url.openStream()) {
            return SecureXml.newSchemaFactory().newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the XSD " + resource + " cannot be compiled", e);
        }
    }

    /**
     * Validates the document {@code xml} (its encoding taken from its XML declaration) against {@code schema}.
     *
     * @return schema errors ({@link #invalidCode}) located at {@code location}, the line separator and
     *     {@code line:column} (just {@code line:column} when {@code location} is empty), in document order, at
     *     most {@link #maxProblems}; {@value SecureXml#XML_NOT_WELL_FORMED} or
     *     {@value SecureXml#DOCTYPE_NOT_ALLOWED} when the document cannot be parsed; empty when valid
     */
    public List<Problem> validate(Schema schema, InputStream xml, String location) {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's validator cannot be secured", e);
        }
        Collector handler = new Collector(location == null ? "" : location);
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
            } else if (e instanceof RuntimeException r && !failuresAsProblems) {
                throw r;
            } else if (!handler.fatal) {
                handler.problems.add(Problem.of(SecureXml.XML_NOT_WELL_FORMED, e.getMessage(), location));
            }
        } finally {
            close(reader);
        }
        return List.copyOf(handler.problems);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // closing a reader over a caller's stream releases nothing the caller needs
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

    /** Collects every schema error rather than stopping at the first. */
    private final class Collector implements ErrorHandler {
        private final String location;
        private final List<Problem> problems = new ArrayList<>();
        private boolean fatal;

        Collector(String location) {
            this.location = location;
        }

        @Override
        public void warning(SAXParseException e) {
            // a schema warning does not make a document invalid
        }

        @Override
        public void error(SAXParseException e) {
            add(invalidCode, e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            add(SecureXml.XML_NOT_WELL_FORMED, e);
            fatal = true;
            throw e;
        }

        private void add(String code, SAXParseException e) {
            if (problems.size() < maxProblems) {
                String at = e.getLineNumber() + ":" + e.getColumnNumber();
                problems.add(Problem.of(code, e.getMessage(), location.isEmpty() ? at : location + lineSeparator + at));
            }
        }
    }
}
