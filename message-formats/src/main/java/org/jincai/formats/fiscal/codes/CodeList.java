package org.jincai.formats.fiscal.codes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One code list as resolved for a region and year: the tags it governs, the structure every code must
 * have, and its codes with their names. A hierarchical list (支出功能分类 7 digits = 类 3 + 款 2 + 项 2) is
 * matched by prefix: a code is known when the list holds the code itself or its first {@code prefixLength}
 * characters (the 类), so the seed need not list every 项.
 *
 * <p>Immutable and thread-safe.
 */
public final class CodeList {

    /** What a code is to the list. */
    public enum Verdict {
        /** In the list (or, for a prefix list, its prefix is). */
        KNOWN,
        /** Well-formed but not in the list. */
        UNKNOWN,
        /** Not of the list's structure (e.g. an ExpFuncCode that is not 7 digits). */
        MALFORMED
    }

    private final String name;
    private final Set<String> tags;
    private final Pattern format;
    private final int prefixLength;
    private final Map<String, String> codes;

    CodeList(String name, Set<String> tags, Pattern format, int prefixLength, Map<String, String> codes) {
        this.name = Objects.requireNonNull(name, "name");
        this.tags = Set.copyOf(tags);
        this.format = format;
        this.prefixLength = prefixLength;
        this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
    }

    /** A list built in code (tests, or a caller's own source of codes). */
    public static CodeList of(String name, Set<String> tags, String formatRegex, int prefixLength, Map<String, String> codes) {
        return new CodeList(name, tags, formatRegex == null ? null : Pattern.compile(formatRegex), prefixLength, codes);
    }

    public Verdict verdict(String code) {
        if (code == null) {
            return Verdict.UNKNOWN;
        }
        if (format != null && !format.matcher(code).matches()) {
            return Verdict.MALFORMED;
        }
        if (codes.containsKey(code)) {
            return Verdict.KNOWN;
        }
        if (prefixLength > 0 && code.length() > prefixLength && codes.containsKey(code.substring(0, prefixLength))) {
            return Verdict.KNOWN;
        }
        return Verdict.UNKNOWN;
    }

    /** The name of a code, or of its prefix for a hierarchical list. */
    public Optional<String> nameOf(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String n = codes.get(code);
        if (n == null && prefixLength > 0 && code.length() > prefixLength) {
            n = codes.get(code.substring(0, prefixLength));
        }
        return Optional.ofNullable(n);
    }

    /** The list's name in {@code lists.tsv} (FundType, ExpFunc, …). */
    public String name() {
        return name;
    }

    /** The voucher tags this list governs (FundTypeCode, …). */
    public Set<String> tags() {
        return tags;
    }

    /** The structure every code must match whole, {@code null} for none. */
    public Pattern format() {
        return format;
    }

    /** 0 for an exact list, else the length of the prefix that is looked up (3 for 类). */
    public int prefixLength() {
        return prefixLength;
    }

    /** Code to name, in file order. */
    public Map<String, String> codes() {
        return codes;
    }

    @Override
    public String toString() {
        return "CodeList[" + name + " " + tags + ", " + codes.size() + " codes]";
    }
}
