package org.jincai.formats.iso20022;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * What ISO 20022 message a document is (from its root namespace and message element), whether a
 * reader's options admit it, and the XSD pass of the strict and lenient modes. Shared by the readers
 * and {@code org.jincai.formats.inspect}.
 */
public final class IsoMessages {

    public static final String ISO_NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";

    /** Message element (below {@code Document}) to message family. */
    private static final Map<String, String> FAMILIES = Map.of(
            "CstmrCdtTrfInitn", "pain.001",
            "CstmrPmtStsRpt", "pain.002",
            "BkToCstmrStmt", "camt.053",
            "BkToCstmrDbtCdtNtfctn", "camt.054",
            "BkToCstmrAcctRpt", "camt.052");

    private static final Pattern MESSAGE_NAME =
            Pattern.compile("([a-z]{4}\\.\\d{3}\\.\\d{3}\\.\\d{2}(?:\\.[a-z]{2}\\.\\d{2})?)");

    private IsoMessages() {
    }

    /**
     * The start of a document: its root element, root namespace (empty when none), the message
     * element below the root (null when the root has no child), and what they make of it.
     *
     * @param family        {@code camt.053}, from the message element (null when unknown)
     * @param messageNameId {@code camt.053.001.08} from the namespace; the family for a document without
     *                      a namespace; null when the namespace names no message
     */
    public record Identity(String root, String namespace, String messageElement, String family, String messageNameId) {

        /** An ISO 20022 Document whose message element the hub knows. */
        public boolean isIso() {
            return "Document".equals(root) && family != null;
        }

        /** The namespace is the ISO one of this exact version. */
        public boolean isoNamespace() {
            return namespace.startsWith(ISO_NAMESPACE_PREFIX);
        }
    }

    /**
     * Reads the first two elements of a document (secure, streaming; the rest is not read). The message
     * element counts only when it is in the root's namespace.
     *
     * @throws FormatException DOCTYPE_NOT_ALLOWED or ISO_NOT_READABLE
     */
    public static Identity identify(InputStream in, String location) {
        try (IsoDocument d = IsoDocument.open(in, location)) {
            return d.identity();
        }
    }

    /** As {@link #identify(InputStream, String)} for a file. */
    public static Identity identify(Path file, String location) {
        try (InputStream in = Files.newInputStream(file)) {
            return identify(in, location);
        } catch (IOException e) {
            throw new FormatException(Problem.of(IsoProblemCodes.ISO_NOT_READABLE, "cannot read the file: " + e.getMessage(),
                    location), e);
        }
    }

    static Identity identity(String root, String ns, String element) {
        String family = element == null ? null : FAMILIES.get(element);
        String name = null;
        if (ns.isEmpty()) {
            name = family;
        } else {
            Matcher m = MESSAGE_NAME.matcher(ns);
            if (m.find()) {
                name = m.group(1);
            }
        }
        return new Identity(root, ns, element, family, name);
    }

    /**
     * The message name a reader of {@code family} reports for {@code id}, or a refusal: the namespace
     * must be one of {@code known}, or admitted by the options (missing namespace, an additional one,
     * another version of the family in lenient mode), each admission with its warning.
     */
    static String admit(Identity id, String family, Set<String> known, IsoReadOptions options, String location,
            List<Problem> warnings) {
        if (!"Document".equals(id.root())) {
            throw new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "the root element is <" + id.root()
                    + ">, not an ISO 20022 <Document>", location);
        }
        if (id.family() == null || !id.family().equals(family)) {
            throw new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "expected a " + family + " message, found <"
                    + id.messageElement() + "> in <Document>", location);
        }
        String ns = id.namespace();
        if (ns.isEmpty()) {
            if (!options.acceptMissingNamespace()) {
                throw new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "<Document> declares no namespace;"
                        + " expected one of " + known, location);
            }
            warnings.add(Problem.of(IsoProblemCodes.ISO_NAMESPACE_MISSING, "<Document> declares no namespace; read as "
                    + family, location));
            return family;
        }
        if (known.contains(ns)) {
            return ns.substring(ISO_NAMESPACE_PREFIX.length());
        }
        if (options.additionalNamespaces().contains(ns)) {
            return ns;
        }
        if (options.acceptOtherVersions() && id.messageNameId() != null && id.messageNameId().startsWith(family)) {
            warnings.add(Problem.of(IsoProblemCodes.ISO_NAMESPACE_UNKNOWN, "namespace " + ns + " is not one of "
                    + known + "; read by the paths of " + family, location));
            return id.messageNameId();
        }
        throw new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "namespace " + ns + " is not one of " + known,
                location);
    }

    /**
     * The warnings of a pain reader's admission: a document without a namespace, or in one that is not
     * among the reader's own ({@code own}: namespace to message name) and is read as its ISO version.
     */
    static void admissionWarnings(String name, Map<String, String> own, String location, List<Problem> warnings) {
        if (name == null) {
            warnings.add(Problem.of(IsoProblemCodes.ISO_NAMESPACE_MISSING, "<Document> declares no namespace", location));
        } else if (!own.containsValue(name)) {
            warnings.add(Problem.of(IsoProblemCodes.ISO_NAMESPACE_UNKNOWN, name + " is read as its ISO version", location));
        }
    }

    /**
     * The XSD pass of {@code options} over a file: XSD violations as errors (strict) or warnings
     * (lenient), or an ISO_SCHEMA_UNAVAILABLE warning when no XSD is bundled for the message.
     */
    static void schemaPass(Path file, String messageNameId, IsoReadOptions options, String location, List<Problem> errors,
            List<Problem> warnings) {
        if (options.schemaCheck() == IsoReadOptions.SchemaCheck.NONE) {
            return;
        }
        if (!IsoXsdValidator.supports(messageNameId)) {
            warnings.add(Problem.of(IsoProblemCodes.ISO_SCHEMA_UNAVAILABLE, "no XSD is bundled for " + messageNameId
                    + "; the document was not schema-checked", location));
            return;
        }
        List<Problem> problems = new IsoXsdValidator().validate(file, messageNameId, location);
        if (options.schemaCheck() == IsoReadOptions.SchemaCheck.ERROR) {
            errors.addAll(problems);
        } else {
            warnings.addAll(problems);
        }
    }

    /**
     * Copies a stream to a temporary file for the two passes of a schema-checked read, reads the file with
     * {@code read}, and deletes it.
     */
    static <T> T readSpooled(InputStream in, Function<Path, T> read) {
        Path tmp = spool(in);
        try {
            return read.apply(tmp);
        } finally {
            delete(tmp);
        }
    }

    /** Reads a file buffered; a file that cannot be read is {@value IsoProblemCodes#ISO_NOT_READABLE}. */
    static <T> T readFile(Path file, String location, Function<InputStream, T> read) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read.apply(in);
        } catch (IOException e) {
            throw IsoValues.unreadable("cannot read the file: " + e.getMessage(), location, e);
        }
    }

    private static Path spool(InputStream in) {
        try {
            Path tmp = Files.createTempFile("jincai-iso-", ".xml");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a temporary copy in the temp folder; the OS cleans what we cannot
        }
    }
}
