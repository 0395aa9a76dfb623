package org.jincai.core.budget;

import static org.jincai.core.Digests.fit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jincai.core.Ids;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.budget.internal.CsvReader;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.formats.Problem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports performance targets (绩效目标) of budget indicators from CSV (docs/budget.md): for an indicator, by the
 * end of a month, an expected execution rate ({@value #EXECUTION_RATE}, or {@code 执行率}, in %) or the target of
 * an output measure (产出指标) with what the agency reports it reached so far ({@code Actual}). Whole or nothing,
 * like a budget file: every line checked first (forms, the indicator exists, the importer's data scope), then all
 * set in one transaction; the same file twice is refused {@code BUDGET_FILE_ALREADY_IMPORTED}. A line for an
 * indicator, month and measure already set replaces its target and actual (the latest report of the agency).
 */
public class PerformanceTargetImport {

    /** The import kind in {@code budget_import}. */
    public static final String KIND = "PERFORMANCE";
    /** The measure of an expected execution rate: paid (YTD) / indicator, in %. */
    public static final String EXECUTION_RATE = "EXECUTION_RATE";

    static final List<String> REQUIRED = List.of("AdmDivCode", "StYear", "AgencyCode", "ExpFuncCode", "GovExpEcoCode",
            "FundTypeCode", "Month", "Measure", "Target", "DocNo");
    static final List<String> OPTIONAL = List.of("DepProCode", "Unit", "Actual");
    private static final Pattern VALUE = Pattern.compile("\\d{1,14}(\\.\\d{1,4})?");
    private static final int MAX_PROBLEMS = 100;

    /** What an import did. */
    public record TargetsImported(String importId, String fileName, int lines, int created, int replaced) {
    }

    /** One checked line. */
    private record Line(int lineNo, String location, String indicatorKey, int month, String measure, String unit,
                        BigDecimal target, BigDecimal actual, String docNo) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    public PerformanceTargetImport(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit,
                                   Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    public TargetsImported importFile(BudgetFile file, Actor who) {
        String sha = file.sha256();
        if (importedBefore(sha)) {
            throw alreadyImported(file);
        }
        List<Problem> problems = new ArrayList<>();
        List<Line> lines = read(file, who, problems);
        Map<String, String> indicators = indicatorIds(lines);
        Set<String> seen = new HashSet<>();
        for (Line l : lines) {
            if (!indicators.containsKey(l.indicatorKey())) {
                problem(problems, BudgetCodes.BUDGET_NOT_FOUND, "no indicator " + l.indicatorKey() + ": import it first",
                        l.location());
            }
            if (!seen.add(l.indicatorKey() + "|" + l.month() + "|" + l.measure())) {
                problem(problems, BudgetCodes.BUDGET_DOC_REPEATED, "the measure " + l.measure() + " of month " + l.month()
                        + " is set twice for " + l.indicatorKey(), l.location());
            }
        }
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.INVALID, problems);
        }
        try {
            return tx.execute(s -> apply(file, who, sha, lines, indicators));
        } catch (DuplicateKeyException raced) {
            throw alreadyImported(file);
        }
    }

    private TargetsImported apply(BudgetFile file, Actor who, String sha, List<Line> lines, Map<String, String> indicators) {
        String importId = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO budget_import (import_id, kind, file_name, file_sha256, rows_imported, net_amount, imported_by,
                    channel, imported_at)
                VALUES (:id, :kind, :name, :sha, :n, 0, :who, :channel, :now)""",
                new MapSqlParameterSource("id", importId).addValue("kind", KIND).addValue("name", fit(file.name(), 200))
                        .addValue("sha", sha).addValue("n", lines.size()).addValue("who", fit(who.name(), 64))
                        .addValue("channel", who.channel().name()).addValue("now", now));
        int created = 0;
        int replaced = 0;
        for (Line l : lines) {
            MapSqlParameterSource p = new MapSqlParameterSource("indicator", indicators.get(l.indicatorKey()))
                    .addValue("month", l.month()).addValue("measure", l.measure()).addValue("unit", l.unit())
                    .addValue("target", l.target()).addValue("actual", l.actual()).addValue("import", importId)
                    .addValue("line", l.lineNo()).addValue("doc", l.docNo()).addValue("now", now);
            int n = jdbc.update("""
                    UPDATE budget_performance_target SET unit = :unit, target_value = :target, actual_value = :actual,
                        import_id = :import, line_no = :line, doc_no = :doc, updated_at = :now
                     WHERE indicator_id = :indicator AND target_month = :month AND measure = :measure""", p);
            if (n == 0) {
                jdbc.update("""
                        INSERT INTO budget_performance_target (target_id, indicator_id, target_month, measure, unit,
                            target_value, actual_value, import_id, line_no, doc_no, updated_at)
                        VALUES (:id, :indicator, :month, :measure, :unit, :target, :actual, :import, :line, :doc, :now)""",
                        p.addValue("id", Ids.newId()));
                created++;
            } else {
                replaced++;
            }
        }
        audit.append(AuditEntry.of(who.name(), who.channel(), "BUDGET_IMPORTED", "BUDGET_IMPORT", importId)
                .change(null, KIND + " " + file.name() + ": " + lines.size() + " line(s), " + created + " created, "
                        + replaced + " replaced")
                .because("SHA-256 " + sha));
        return new TargetsImported(importId, file.name(), lines.size(), created, replaced);
    }

    private List<Line> read(BudgetFile file, Actor who, List<Problem> problems) {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = file.open(); CsvReader csv = new CsvReader(in, file.charset())) {
            CsvReader.Record header = csv.next();
            if (header == null) {
                throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_EMPTY,
                        "the file is empty: a header line and at least one line are needed", file.name());
            }
            Map<String, Integer> columns = columns(file.name(), header);
            int count = 0;
            for (CsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                if (++count > BudgetImportService.MAX_LINES) {
                    throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_TOO_LARGE,
                            "a budget file holds at most " + BudgetImportService.MAX_LINES + " lines; split it",
                            file.name() + ":" + r.line());
                }
                Line line = parse(file.name(), r, columns, header.fields().size(), who, problems);
                if (line != null) {
                    lines.add(line);
                }
            }
        } catch (CsvReader.CsvException e) {
            problem(problems, BudgetCodes.BUDGET_FILE_UNREADABLE, e.getMessage(), file.name() + ":" + e.line());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name(), e);
        }
        if (lines.isEmpty() && problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_EMPTY,
                    "the file has a header and no line", file.name());
        }
        return lines;
    }

    private static Map<String, Integer> columns(String fileName, CsvReader.Record header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<String> fields = header.fields();
        for (int i = 0; i < fields.size(); i++) {
            String name = canonical(fields.get(i));
            if (name == null || columns.putIfAbsent(name, i) != null) {
                problems.add(Problem.of(BudgetCodes.BUDGET_COLUMN_UNKNOWN, name == null ? "unknown column '"
                        + fields.get(i) + "'; the columns are " + String.join(",", REQUIRED) + " and optionally "
                        + String.join(",", OPTIONAL) : "column " + name + " appears twice",
                        fileName + ":" + header.line() + " / column " + (i + 1)));
            }
        }
        for (String c : REQUIRED) {
            if (!columns.containsKey(c)) {
                problems.add(Problem.of(BudgetCodes.BUDGET_COLUMN_MISSING, "column " + c + " is missing",
                        fileName + ":" + header.line()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.INVALID, problems);
        }
        return columns;
    }

    private static String canonical(String name) {
        for (List<String> list : List.of(REQUIRED, OPTIONAL)) {
            for (String c : list) {
                if (c.equalsIgnoreCase(name.strip())) {
                    return c;
                }
            }
        }
        return null;
    }

    private static Line parse(String fileName, CsvReader.Record r, Map<String, Integer> columns, int width, Actor who,
                              List<Problem> problems) {
        String at = fileName + ":" + r.line();
        if (r.fields().size() != width) {
            problem(problems, BudgetCodes.BUDGET_LINE_MALFORMED, "the line has " + r.fields().size() + " fields, the header "
                    + width, at);
            return null;
        }
        int before = problems.size();
        Map<String, String> v = new HashMap<>();
        columns.forEach((name, i) -> v.put(name, r.fields().get(i).strip()));
        for (String c : List.of("AdmDivCode", "StYear", "AgencyCode", "ExpFuncCode", "GovExpEcoCode", "FundTypeCode")) {
            if (v.get(c).isEmpty() || v.get(c).length() > 30) {
                problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, c + " '" + v.get(c) + "' is not a code", at + " / " + c);
            }
        }
        Integer month;
        try {
            month = Integer.valueOf(v.get("Month"));
        } catch (NumberFormatException e) {
            month = null;
        }
        if (month == null || month < 1 || month > 12) {
            problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, "Month '" + v.get("Month") + "' is not 1 to 12",
                    at + " / Month");
        }
        String measure = v.get("Measure");
        if (measure.equals("执行率") || measure.equalsIgnoreCase(EXECUTION_RATE)) {
            measure = EXECUTION_RATE;
        }
        if (measure.isEmpty() || measure.length() > 100) {
            problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, "Measure is empty or over 100 characters", at + " / Measure");
        }
        String unit = v.getOrDefault("Unit", "");
        if (unit.length() > 20) {
            problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, "Unit is over 20 characters", at + " / Unit");
        }
        BigDecimal target = value(v.get("Target"), "Target", true, at, problems);
        BigDecimal actual = value(v.getOrDefault("Actual", ""), "Actual", false, at, problems);
        if (EXECUTION_RATE.equals(measure) && actual != null) {
            problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, "an execution rate's actual is what the banks paid: leave"
                    + " Actual empty", at + " / Actual");
        }
        String docNo = v.get("DocNo");
        if (docNo.isEmpty() || docNo.length() > 100) {
            problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, "DocNo is empty or over 100 characters", at + " / DocNo");
        }
        if (!who.scope().allows(v.get("AdmDivCode"), v.get("AgencyCode"))) {
            problem(problems, ControlCodes.OUT_OF_SCOPE, "AdmDivCode " + v.get("AdmDivCode") + ", AgencyCode "
                    + v.get("AgencyCode") + " is outside " + who.name() + "'s data scope", at);
        }
        if (problems.size() > before) {
            return null;
        }
        String key = new BudgetSubject(v.get("AdmDivCode"), v.get("StYear"), v.get("AgencyCode"), v.get("ExpFuncCode"),
                v.get("GovExpEcoCode"), v.get("FundTypeCode"), v.getOrDefault("DepProCode", "")).key();
        return new Line(r.line(), at, key, month, measure, EXECUTION_RATE.equals(measure) ? "%" : unit.isEmpty() ? null
                : unit, target, actual, docNo);
    }

    private static BigDecimal value(String text, String column, boolean required, String at, List<Problem> problems) {
        if (text.isEmpty()) {
            if (required) {
                problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, column + " is required", at + " / " + column);
            }
            return null;
        }
        if (!VALUE.matcher(text).matches()) {
            problem(problems, BudgetCodes.BUDGET_FIELD_INVALID, column + " '" + text + "' is not a number with at most"
                    + " four decimals", at + " / " + column);
            return null;
        }
        return new BigDecimal(text);
    }

    private Map<String, String> indicatorIds(List<Line> lines) {
        Map<String, String> ids = new HashMap<>();
        List<String> keys = lines.stream().map(Line::indicatorKey).distinct().toList();
        for (int i = 0; i < keys.size(); i += 500) {
            jdbc.query("SELECT subject_key, indicator_id FROM budget_indicator WHERE subject_key IN (:keys)",
                    new MapSqlParameterSource("keys", keys.subList(i, Math.min(keys.size(), i + 500))),
                    rs -> {
                        ids.put(rs.getString(1), rs.getString(2));
                    });
        }
        return ids;
    }

    private boolean importedBefore(String sha) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM budget_import WHERE kind = :k AND file_sha256 = :sha",
                new MapSqlParameterSource("k", KIND).addValue("sha", sha), Integer.class);
        return n != null && n > 0;
    }

    private static ControlException alreadyImported(BudgetFile file) {
        return new ControlException(ControlException.Kind.CONFLICT, BudgetCodes.BUDGET_FILE_ALREADY_IMPORTED,
                "this " + KIND.toLowerCase(Locale.ROOT) + " file was imported before (same content)", file.name());
    }

    private static void problem(List<Problem> problems, String code, String message, String location) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(Problem.of(code, message, location));
        }
    }
}
