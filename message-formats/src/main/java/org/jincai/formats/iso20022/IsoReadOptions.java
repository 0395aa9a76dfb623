package org.jincai.formats.iso20022;

import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How the ISO 20022 readers take what banks send, kept as data so a bank's quirks live in its profile
 * rather than in {@code if (bank == X)}.
 *
 * <p>The two modes of the issue are {@link #schemaStrict()} (XSD violations are errors, only the ISO
 * namespaces the reader names) and {@link #lenient()} (the document is read however it bends the
 * schema, and every deviation is reported as a warning: XSD violations such as long remittance text or
 * a bad country code, a missing namespace, a national variant's namespace). {@link #strict()} is the
 * historical default of the pain readers: namespace-strict without a schema pass, for callers that
 * validate elsewhere or read their own output.
 *
 * @param acceptMissingNamespace read a {@code <Document>} that declares no namespace at all
 * @param additionalNamespaces   further namespaces read as if they were the reader's own versions
 * @param offsetWhenAbsent       the offset given to an ISODateTime written without one; Chinese
 *                               banks write local time, hence China Standard Time by default
 * @param schemaCheck            whether the document is validated against its bundled XSD, and
 *                               whether violations are errors or warnings
 * @param acceptOtherVersions    read namespaces of other versions of the same message
 *                               ({@code camt.053.001.06}) by their paths, with a warning
 */
public record IsoReadOptions(boolean acceptMissingNamespace, Set<String> additionalNamespaces, ZoneOffset offsetWhenAbsent,
        SchemaCheck schemaCheck, boolean acceptOtherVersions) {

    /** What the XSD pass does. It needs a second read of the input: a file is read twice, a stream is spooled. */
    public enum SchemaCheck {
        /** No XSD pass. */
        NONE,
        /** XSD violations are reported as warnings; the document is read anyway. */
        WARN,
        /** XSD violations are errors. */
        ERROR
    }

    /** UTC+8, the time of the banks and finance systems the hub serves. */
    public static final ZoneOffset CHINA_STANDARD_TIME = ZoneOffset.ofHours(8);

    public IsoReadOptions {
        additionalNamespaces = Set.copyOf(additionalNamespaces);
        Objects.requireNonNull(offsetWhenAbsent, "offsetWhenAbsent");
        Objects.requireNonNull(schemaCheck, "schemaCheck");
    }

    /** The options as they were before the schema modes: no XSD pass, no other versions. */
    public IsoReadOptions(boolean acceptMissingNamespace, Set<String> additionalNamespaces, ZoneOffset offsetWhenAbsent) {
        this(acceptMissingNamespace, additionalNamespaces, offsetWhenAbsent, SchemaCheck.NONE, false);
    }

    /** Only the reader's own ISO namespaces, no XSD pass; times without an offset are China Standard Time. */
    public static IsoReadOptions strict() {
        return new IsoReadOptions(false, Set.of(), CHINA_STANDARD_TIME, SchemaCheck.NONE, false);
    }

    /** Strict mode: only the reader's own ISO namespaces, and every XSD violation is an error. */
    public static IsoReadOptions schemaStrict() {
        return new IsoReadOptions(false, Set.of(), CHINA_STANDARD_TIME, SchemaCheck.ERROR, false);
    }

    /**
     * Lenient mode: reads real-world files that break the schema in small ways, with warnings for
     * each deviation (XSD violations, a missing namespace, a national variant such as SIX's
     * {@code pain.001.001.03.ch.02}, another version of the message).
     */
    public static IsoReadOptions lenient() {
        return new IsoReadOptions(true, Set.of(), CHINA_STANDARD_TIME, SchemaCheck.WARN, true);
    }

    /** Lenient without the XSD pass: the fastest read of a bulk statement from a trusted bank. */
    public static IsoReadOptions lenientUnchecked() {
        return new IsoReadOptions(true, Set.of(), CHINA_STANDARD_TIME, SchemaCheck.NONE, true);
    }

    public IsoReadOptions acceptingMissingNamespace() {
        return new IsoReadOptions(true, additionalNamespaces, offsetWhenAbsent, schemaCheck, acceptOtherVersions);
    }

    public IsoReadOptions acceptingNamespace(String namespace) {
        Set<String> more = new HashSet<>(additionalNamespaces);
        more.add(namespace);
        return new IsoReadOptions(acceptMissingNamespace, more, offsetWhenAbsent, schemaCheck, acceptOtherVersions);
    }

    public IsoReadOptions withOffsetWhenAbsent(ZoneOffset offset) {
        return new IsoReadOptions(acceptMissingNamespace, additionalNamespaces, offset, schemaCheck, acceptOtherVersions);
    }

    public IsoReadOptions withSchemaCheck(SchemaCheck check) {
        return new IsoReadOptions(acceptMissingNamespace, additionalNamespaces, offsetWhenAbsent, check, acceptOtherVersions);
    }

    /** True in lenient mode: deviations are warnings, not refusals. */
    public boolean isLenient() {
        return acceptOtherVersions || acceptMissingNamespace;
    }
}
