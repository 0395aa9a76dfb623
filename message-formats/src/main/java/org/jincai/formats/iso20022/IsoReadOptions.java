package org.jincai.formats.iso20022;

import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Per-bank relaxations for the ISO 20022 readers, kept as data so a bank's quirks live in its
 * profile rather than in {@code if (bank == X)}. The strict default accepts only the ISO namespaces
 * each reader names. Some banks send a {@code <Document>} without any namespace or a national
 * variant's namespace (SIX {@code pain.002.001.03.ch.02}); the fields the hub reads sit at the same
 * paths there, so such documents can be read when a profile says so.
 *
 * @param acceptMissingNamespace read a {@code <Document>} that declares no namespace at all
 * @param additionalNamespaces   further namespaces read as if they were the reader's own versions
 * @param offsetWhenAbsent       the offset given to an ISODateTime written without one; Chinese
 *                               banks write local time, hence China Standard Time by default
 */
public record IsoReadOptions(boolean acceptMissingNamespace, Set<String> additionalNamespaces, ZoneOffset offsetWhenAbsent) {

    /** UTC+8, the time of the banks and finance systems the hub serves. */
    public static final ZoneOffset CHINA_STANDARD_TIME = ZoneOffset.ofHours(8);

    public IsoReadOptions {
        additionalNamespaces = Set.copyOf(additionalNamespaces);
        Objects.requireNonNull(offsetWhenAbsent, "offsetWhenAbsent");
    }

    /** Only the reader's own ISO namespaces; times without an offset are China Standard Time. */
    public static IsoReadOptions strict() {
        return new IsoReadOptions(false, Set.of(), CHINA_STANDARD_TIME);
    }

    public IsoReadOptions acceptingMissingNamespace() {
        return new IsoReadOptions(true, additionalNamespaces, offsetWhenAbsent);
    }

    public IsoReadOptions acceptingNamespace(String namespace) {
        Set<String> more = new HashSet<>(additionalNamespaces);
        more.add(namespace);
        return new IsoReadOptions(acceptMissingNamespace, more, offsetWhenAbsent);
    }

    public IsoReadOptions withOffsetWhenAbsent(ZoneOffset offset) {
        return new IsoReadOptions(acceptMissingNamespace, additionalNamespaces, offset);
    }
}
