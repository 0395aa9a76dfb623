package org.jincai.formats.iso20022;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.validation.Schema;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SchemaValidation;
import org.jincai.formats.xml.SecureXml;

/**
 * Validates ISO 20022 documents against the official XSDs kept on the classpath under
 * {@code org/jincai/formats/iso20022/xsd/<message type>.xsd}. Prowide has no schema validation, and
 * a bank rejects a whole file for one schema error, so every file the hub writes passes here first.
 *
 * <p>Each schema is compiled once per JVM and shared, and the document is parsed through
 * {@link SecureXml}: a DTD is reported as {@code DOCTYPE_NOT_ALLOWED}, never processed
 * ({@link SchemaValidation}).
 */
public final class IsoXsdValidator {

    /** Problems beyond this add nothing to a report a person reads; the schema error is in the first few. */
    public static final int MAX_PROBLEMS = 100;

    private static final String XSD_FOLDER = "xsd/";
    /** A failure of the parse that is neither a schema error nor unreadable XML is the caller's to see. */
    private static final SchemaValidation VALIDATION = new SchemaValidation(IsoProblemCodes.XSD_INVALID, MAX_PROBLEMS, ":",
            false);

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

    /**
     * As {@link #validate(Path, String, String)} for a stream, read to its end in flat memory (a document being
     * written can be validated as it is produced, through a pipe).
     */
    public List<Problem> validate(InputStream xml, String messageType, String location) {
        return VALIDATION.validate(schema(messageType), xml, location);
    }

    /** True when an XSD for {@code messageType} is bundled. */
    public static boolean supports(String messageType) {
        return messageType != null && IsoXsdValidator.class.getResource(XSD_FOLDER + messageType + ".xsd") != null;
    }

    private static Schema schema(String messageType) {
        if (!supports(messageType)) {
            throw new IllegalArgumentException("no XSD bundled for message type '" + messageType + "'");
        }
        return SchemaValidation.schema(IsoXsdValidator.class, XSD_FOLDER + messageType + ".xsd");
    }
}
