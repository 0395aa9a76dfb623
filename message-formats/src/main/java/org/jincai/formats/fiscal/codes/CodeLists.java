package org.jincai.formats.fiscal.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The code lists of the standard, versioned by region and year, loaded from tab-separated files (UTF-8,
 * {@code #} comments):
 *
 * <ul>
 *   <li>{@code lists.tsv}: {@code list  tags  format  match} — a list's name, the voucher tags it governs
 *       (comma-separated), the regular expression every code must match ({@code -} for none) and
 *       {@code exact} or {@code prefix:N} (a hierarchical list looked up by its first N characters);</li>
 *   <li>{@code versions.tsv}: {@code list  region  years  mode  file} — which file of codes applies where:
 *       region {@code *} or an AdmDivCode prefix ({@code 42} is Hubei, {@code 420100} Wuhan), years
 *       {@code *}, {@code 2024}, {@code 2020-}, {@code -2019} or {@code 2018-2023}, mode {@code replace} or
 *       {@code extend};</li>
 *   <li>the code files: {@code code  name  [source]}.</li>
 * </ul>
 *
 * <p>For a voucher of region R and year Y, the versions of a list that match are applied from the least
 * to the most specific (a longer region prefix is more specific; a year range more than {@code *}, a single
 * year more than a range): {@code replace} starts the list over, {@code extend} adds codes (and renames
 * codes already there). The bundled seed ({@link #standard()}) holds the values of reference §6; a
 * deployment points {@link #load(Path)} at a directory of its own, whose {@code versions.tsv} may name
 * bundled files as {@code classpath:default/fund-type.tsv}.
 *
 * <p>Immutable and thread-safe; resolved lists are cached per region and year.
 */
public final class CodeLists {

    /** The bundled seed's folder on the classpath. */
    public static final String CLASSPATH_BASE = "org/jincai/formats/fiscal/codes/";

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final int MAX_CACHED = 1024;
    private static final CodeLists NONE = new CodeLists(List.of(), List.of());
    private static volatile CodeLists standard;

    private record Definition(String name, Set<String> tags, Pattern format, int prefixLength) {
    }

    private record Version(String list, String region, int fromYear, int toYear, int yearSpecificity, boolean replace,
            Map<String, String> codes, int order) {

        boolean matches(String admDivCode, int year) {
            boolean regionOk = region.isEmpty() || admDivCode != null && admDivCode.startsWith(region);
            boolean yearOk = yearSpecificity == 0 || year >= fromYear && year <= toYear;
            return regionOk && yearOk;
        }
    }

    /** The lists of one region and year: by list name and by governed tag. */
    public static final class Resolved {
        private final Map<String, CodeList> byName;
        private final Map<String, CodeList> byTag;

        private Resolved(Map<String, CodeList> byName) {
            this.byName = Collections.unmodifiableMap(byName);
            Map<String, CodeList> tags = new LinkedHashMap<>();
            byName.values().forEach(l -> l.tags().forEach(t -> tags.put(t, l)));
            this.byTag = Collections.unmodifiableMap(tags);
        }

        /** The list governing a voucher tag (FundTypeCode → FundType), if any. */
        public Optional<CodeList> forTag(String tag) {
            return Optional.ofNullable(byTag.get(tag));
        }

        public Optional<CodeList> list(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        public Map<String, CodeList> lists() {
            return byName;
        }

        public boolean isEmpty() {
            return byName.isEmpty();
        }
    }

    private final List<Definition> definitions;
    private final List<Version> versions;
    private final Map<String, Resolved> cache = new ConcurrentHashMap<>();

    private CodeLists(List<Definition> definitions, List<Version> versions) {
        this.definitions = List.copyOf(definitions);
        this.versions = List.copyOf(versions);
    }

    /** The bundled seed values of the reference (§6), loaded once. */
    public static CodeLists standard() {
        CodeLists s = standard;
        if (s == null) {
            synchronized (CodeLists.class) {
                s = standard;
                if (s == null) {
                    s = load(CodeLists::classpath, CodeLists::classpath);
                    standard = s;
                }
            }
        }
        return s;
    }

    /** No lists at all: no code is checked. */
    public static CodeLists none() {
        return NONE;
    }

    /**
     * A deployment's lists: {@code versions.tsv} in {@code directory} (required), {@code lists.tsv} there or,
     * when absent, the bundled definitions; code files relative to the directory or {@code classpath:…}.
     *
     * @throws IllegalArgumentException when a file is missing or a line is malformed (file and line named)
     */
    public static CodeLists load(Path directory) {
        Path base = directory.toAbsolutePath().normalize();
        Opener fromDir = name -> {
            if (name.startsWith(CLASSPATH_PREFIX)) {
                return classpath(name.substring(CLASSPATH_PREFIX.length()));
            }
            Path p = base.resolve(name).normalize();
            if (!p.startsWith(base)) {
                throw new IllegalArgumentException(name + " lies outside " + base);
            }
            try {
                return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Opener definitions = name -> {
            InputStream in = fromDir.open(name);
            return in != null ? in : classpath(name);
        };
        return load(definitions, fromDir);
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open(String name);
    }

    private static InputStream classpath(String name) {
        return CodeLists.class.getClassLoader().getResourceAsStream(CLASSPATH_BASE + name);
    }

    private static CodeLists load(Opener definitionsOpener, Opener filesOpener) {
        List<Definition> definitions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Row row : rows(definitionsOpener, "lists.tsv")) {
            row.require(4);
            String name = row.cell(0);
            if (!names.add(name)) {
                throw row.error("list " + name + " is defined twice");
            }
            Set<String> tags = new LinkedHashSet<>(List.of(row.cell(1).split(",")));
            Pattern format;
            try {
                format = row.cell(2).equals("-") ? null : Pattern.compile(row.cell(2));
            } catch (PatternSyntaxException e) {
                throw row.error("bad format: " + e.getMessage());
            }
            definitions.add(new Definition(name, tags, format, prefixLength(row)));
        }
        List<Version> versions = new ArrayList<>();
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        int order = 0;
        for (Row row : rows(filesOpener, "versions.tsv")) {
            row.require(5);
            String list = row.cell(0);
            if (!names.contains(list)) {
                throw row.error("list " + list + " is not defined in lists.tsv");
            }
            String region = row.cell(1).equals("*") ? "" : row.cell(1);
            if (!region.matches("[0-9]*")) {
                throw row.error("region must be * or an AdmDivCode prefix: " + region);
            }
            int[] years = years(row);
            boolean replace = switch (row.cell(3)) {
                case "replace" -> true;
                case "extend" -> false;
                default -> throw row.error("mode must be replace or extend: " + row.cell(3));
            };
            String file = row.cell(4);
            Map<String, String> codes = files.computeIfAbsent(file, f -> codes(filesOpener, f));
            versions.add(new Version(list, region, years[0], years[1], years[2], replace, codes, order++));
        }
        return new CodeLists(definitions, versions);
    }

    private static int prefixLength(Row row) {
        String match = row.cell(3);
        if (match.equals("exact")) {
            return 0;
        }
        if (match.matches("prefix:[1-9][0-9]?")) {
            return Integer.parseInt(match.substring("prefix:".length()));
        }
        throw row.error("match must be exact or prefix:N: " + match);
    }

    /** {from, to, specificity}: * is 0, a range 1, a single year 2. */
    private static int[] years(Row row) {
        String y = row.cell(2);
        if (y.equals("*")) {
            return new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0};
        }
        if (y.matches("[0-9]{4}")) {
            int v = Integer.parseInt(y);
            return new int[] {v, v, 2};
        }
        if (y.matches("[0-9]{4}-[0-9]{4}|[0-9]{4}-|-[0-9]{4}")) {
            String[] parts = y.split("-", -1);
            int from = parts[0].isEmpty() ? Integer.MIN_VALUE : Integer.parseInt(parts[0]);
            int to = parts[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(parts[1]);
            if (from > to) {
                throw row.error("empty year range " + y);
            }
            return new int[] {from, to, 1};
        }
        throw row.error("years must be *, yyyy, yyyy-, -yyyy or yyyy-yyyy: " + y);
    }

    private static Map<String, String> codes(Opener opener, String file) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (Row row : rows(opener, file)) {
            row.require(2);
            if (codes.put(row.cell(0), row.cell(1)) != null) {
                throw row.error("code " + row.cell(0) + " appears twice");
            }
        }
        return codes;
    }

    /**
     * The lists that apply to a voucher of region {@code admDivCode} and year {@code stYear} (either may be
     * {@code null} or malformed: then only the versions for every region or every year apply).
     */
    public Resolved forVoucher(String admDivCode, String stYear) {
        String key = admDivCode + "|" + stYear;
        Resolved r = cache.get(key);
        if (r == null) {
            r = resolve(admDivCode, stYear);
            if (cache.size() >= MAX_CACHED) {
                // hostile input can name endless regions; a small cache that starts over is enough
                cache.clear();
            }
            cache.put(key, r);
        }
        return r;
    }

    private Resolved resolve(String admDivCode, String stYear) {
        int year = stYear != null && stYear.matches("[0-9]{4}") ? Integer.parseInt(stYear) : Integer.MIN_VALUE + 1;
        Map<String, CodeList> out = new LinkedHashMap<>();
        for (Definition d : definitions) {
            List<Version> applicable = versions.stream()
                    .filter(v -> v.list().equals(d.name()) && v.matches(admDivCode, year))
                    .sorted(Comparator.comparingInt((Version v) -> v.region().length())
                            .thenComparingInt(Version::yearSpecificity)
                            .thenComparingInt(Version::order))
                    .toList();
            if (applicable.isEmpty()) {
                continue;
            }
            Map<String, String> codes = new LinkedHashMap<>();
            for (Version v : applicable) {
                if (v.replace()) {
                    codes.clear();
                }
                codes.putAll(v.codes());
            }
            out.put(d.name(), new CodeList(d.name(), d.tags(), d.format(), d.prefixLength(), codes));
        }
        return new Resolved(out);
    }

    /** The names of the defined lists. */
    public List<String> listNames() {
        return definitions.stream().map(Definition::name).toList();
    }

    // ------------------------------------------------------------------ TSV rows

    private record Row(String file, int line, String[] cells) {
        void require(int n) {
            if (cells.length < n) {
                throw error("expected " + n + " tab-separated columns, found " + cells.length);
            }
        }

        String cell(int i) {
            return cells[i].strip();
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file + ":" + line + ": " + message);
        }
    }

    private static List<Row> rows(Opener opener, String file) {
        InputStream in = opener.open(file);
        if (in == null) {
            throw new IllegalArgumentException("code list file " + file + " not found");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                rows.add(new Row(file, n, line.split("\t")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading code list file " + file, e);
        }
        return rows;
    }
}
