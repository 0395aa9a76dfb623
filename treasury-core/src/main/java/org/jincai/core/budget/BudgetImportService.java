package org.jincai.core.budget;

import static org.jincai.core.Digests.fit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
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
import org.jincai.formats.fiscal.FieldLimit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports budget indicators (指标) and monthly plans (用款计划) from CSV files (columns in docs/budget.md). Every
 * line is a movement — the initial amount (下达), an increase (追加) or a decrease (追减) — kept for good in
 * {@code budget_movement}: history is never overwritten. A file is imported whole or not at all: it is read once
 * to check every line (codes, amounts, types, the importer's data scope, repeats inside the file), and any bad
 * line refuses it with every problem found (line and column), nothing imported; then it is applied in one
 * transaction, in file order, where a line that contradicts the stored budget (an initial amount for an indicator
 * that exists, an adjustment of one that does not, a decrease below what is reserved and spent, a document moving
 * the same indicator twice) refuses it the same way. The same file (kind and SHA-256) is never imported twice.
 */
public class BudgetImportService {

    /** Which budget a file moves. */
    public enum Kind { INDICATORS, PLANS }

    /** What a line does: 下达 the initial amount, 追加 an increase, 追减 a decrease. */
    public enum MovementType {
        INITIAL("下达"), INCREASE("追加"), DECREASE("追减");

        private final String chinese;

        MovementType(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }

        static MovementType parse(String text) {
            for (MovementType t : values()) {
                if (t.name().equalsIgnoreCase(text) || t.chinese.equals(text)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** What an import did. */
    public record ImportResult(String importId, Kind kind, String fileName, int lines, int created, int increased,
                               int decreased, BigDecimal net) {
    }

    /** The most lines one file may hold. */
    public static final int MAX_LINES = 200_000;
    /** Problems reported at most for one file (the count of the others is given). */
    static final int MAX_PROBLEMS = 100;
    /** Lines applied per round of statements. */
    static final int CHUNK = 500;

    static final List<String> INDICATOR_COLUMNS = List.of("AdmDivCode", "StYear", "AgencyCode", "ExpFuncCode",
            "GovExpEcoCode", "FundTypeCode", "Type", "Amount", "DocNo");
    static final List<String> PLAN_COLUMNS = List.of("AdmDivCode", "StYear", "Month", "AgencyCode", "FundTypeCode",
            "Type", "Amount", "DocNo");
    private static final List<String> INDICATOR_OPTIONAL = List.of("DepProCode", "Remark");
    private static final List<String> PLAN_OPTIONAL = List.of("Remark");

    private static final Pattern ADM_DIV = Pattern.compile("\\d{6}|\\d{9}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    private static final FieldLimit CODE = FieldLimit.identifier(FieldLimit.CODE_LENGTH);
    private static final FieldLimit DOC_NO = FieldLimit.text(100);
    private static final FieldLimit REMARK = FieldLimit.text(200);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    public BudgetImportService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** Imports a file of indicators and their adjustments. */
    public ImportResult importIndicators(BudgetFile file, Actor who) {
        return importFile(file, Kind.INDICATORS, who);
    }

    /** Imports a file of monthly plans and their adjustments. */
    public ImportResult importPlans(BudgetFile file, Actor who) {
        return importFile(file, Kind.PLANS, who);
    }

    /** Whether this very file (same kind, same bytes) was imported before. */
    public boolean imported(BudgetFile file, Kind kind) {
        return importedBefore(kind, file.sha256());
    }

    private boolean importedBefore(Kind kind, String sha) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM budget_import WHERE kind = :k AND file_sha256 = :sha",
                new MapSqlParameterSource("k", kind.name()).addValue("sha", sha), Integer.class);
        return n != null && n > 0;
    }

    private ImportResult importFile(BudgetFile file, Kind kind, Actor who) {
        String sha = file.sha256();
        if (importedBefore(kind, sha)) {
            throw alreadyImported(file, kind);
        }
        Problems problems = new Problems();
        InFile inFile = new InFile();
        read(file, kind, who, problems, line -> inFile.check(line, problems));
        problems.throwIfAny();
        try {
            return tx.execute(s -> apply(file, kind, who, sha));
        } catch (DuplicateKeyException raced) {
            throw alreadyImported(file, kind);
        }
    }

    private static ControlException alreadyImported(BudgetFile file, Kind kind) {
        return new ControlException(ControlException.Kind.CONFLICT, BudgetCodes.BUDGET_FILE_ALREADY_IMPORTED,
                "this " + kind.name().toLowerCase(Locale.ROOT) + " file was imported before (same content):"
                        + " importing it again would count it twice", file.name());
    }

    private ImportResult apply(BudgetFile file, Kind kind, Actor who, String sha) {
        String importId = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO budget_import (import_id, kind, file_name, file_sha256, rows_imported, net_amount, imported_by,
                    channel, imported_at)
                VALUES (:id, :kind, :name, :sha, 0, 0, :who, :channel, :now)""",
                new MapSqlParameterSource("id", importId).addValue("kind", kind.name()).addValue("name", fit(file.name(), 200))
                        .addValue("sha", sha).addValue("who", fit(who.name(), 64))
                        .addValue("channel", who.channel().name()).addValue("now", now));
        Problems problems = new Problems();
        Applier applier = new Applier(kind, importId, now, problems);
        read(file, kind, who, problems, applier::add);
        applier.flush();
        problems.throwIfAny();
        jdbc.update("UPDATE budget_import SET rows_imported = :n, net_amount = :net WHERE import_id = :id",
                new MapSqlParameterSource("n", applier.lines).addValue("net", applier.net).addValue("id", importId));
        ImportResult result = new ImportResult(importId, kind, file.name(), applier.lines, applier.created,
                applier.increased, applier.decreased, applier.net);
        audit.append(AuditEntry.of(who.name(), who.channel(), "BUDGET_IMPORTED", "BUDGET_IMPORT", importId)
                .change(null, kind + " " + file.name() + ": " + result.lines() + " line(s), " + result.created()
                        + " created, " + result.increased() + " increased, " + result.decreased() + " decreased, net "
                        + result.net())
                .because("SHA-256 " + sha));
        return result;
    }

    /** One checked line of a budget file. */
    private record Line(int lineNo, String location, String targetKey, BudgetSubject subject, PlanKey plan,
                        MovementType type, BigDecimal amount, String docNo, String remark) {
    }

    /** Every problem of a file, up to {@value #MAX_PROBLEMS} kept. */
    private static final class Problems {
        private final List<Problem> kept = new ArrayList<>();
        private int count;

        void add(Problem p) {
            count++;
            if (kept.size() < MAX_PROBLEMS) {
                kept.add(p);
            }
        }

        void throwIfAny() {
            if (count == 0) {
                return;
            }
            List<Problem> all = new ArrayList<>(kept);
            if (count > kept.size()) {
                Problem last = kept.get(kept.size() - 1);
                all.add(Problem.of(last.code(), (count - kept.size()) + " more problem(s) not listed", ""));
            }
            throw new ControlException(ControlException.Kind.INVALID, all);
        }
    }

    /** Repeats inside one file: an initial amount given twice, a document moving one target twice. */
    private static final class InFile {
        private final Map<String, Integer> initial = new HashMap<>();
        private final Map<String, Integer> documents = new HashMap<>();

        void check(Line l, Problems problems) {
            if (l.type() == MovementType.INITIAL) {
                Integer first = initial.putIfAbsent(l.targetKey(), l.lineNo());
                if (first != null) {
                    problems.add(Problem.of(BudgetCodes.BUDGET_ALREADY_EXISTS, "line " + first
                            + " already gives the initial amount of " + l.targetKey(), l.location()));
                }
            }
            Integer first = documents.putIfAbsent(l.targetKey() + "\u0000" + l.docNo(), l.lineNo());
            if (first != null) {
                problems.add(Problem.of(BudgetCodes.BUDGET_DOC_REPEATED, "document " + l.docNo() + " already moves "
                        + l.targetKey() + " on line " + first, l.location() + " / DocNo"));
            }
        }
    }

    @FunctionalInterface
    private interface LineSink {
        void accept(Line line);
    }

    /** Reads the file, checking its header and each line; good lines go to {@code sink}, bad ones to problems. */
    private void read(BudgetFile file, Kind kind, Actor who, Problems problems, LineSink sink) {
        List<String> required = kind == Kind.INDICATORS ? INDICATOR_COLUMNS : PLAN_COLUMNS;
        List<String> optional = kind == Kind.INDICATORS ? INDICATOR_OPTIONAL : PLAN_OPTIONAL;
        try (InputStream in = file.open(); CsvReader csv = new CsvReader(in, file.charset())) {
            CsvReader.Record header = csv.next();
            if (header == null) {
                throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_EMPTY,
                        "the file is empty: a header line and at least one line are needed", file.name());
            }
            Map<String, Integer> columns = columns(file.name(), header, required, optional);
            int lines = 0;
            for (CsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                if (++lines > MAX_LINES) {
                    throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_TOO_LARGE,
                            "a budget file holds at most " + MAX_LINES + " lines; split it", file.name() + ":" + r.line());
                }
                Line line = parse(file.name(), kind, r, columns, header.fields().size(), who, problems);
                if (line != null) {
                    sink.accept(line);
                }
            }
            if (lines == 0) {
                throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_EMPTY,
                        "the file has a header and no line", file.name());
            }
        } catch (CsvReader.CsvException e) {
            problems.add(Problem.of(BudgetCodes.BUDGET_FILE_UNREADABLE, e.getMessage(), file.name() + ":" + e.line()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name(), e);
        }
    }

    /** The header's columns by name: every required one present, nothing unknown, nothing twice. */
    private static Map<String, Integer> columns(String fileName, CsvReader.Record header, List<String> required,
                                                List<String> optional) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<String> fields = header.fields();
        for (int i = 0; i < fields.size(); i++) {
            String name = canonical(fields.get(i), required, optional);
            if (name == null || columns.putIfAbsent(name, i) != null) {
                problems.add(Problem.of(BudgetCodes.BUDGET_COLUMN_UNKNOWN, name == null ? "unknown column '"
                        + fields.get(i) + "'; the columns are " + String.join(",", required) + " and optionally "
                        + String.join(",", optional) : "column " + name + " appears twice",
                        fileName + ":" + header.line() + " / column " + (i + 1)));
            }
        }
        for (String r : required) {
            if (!columns.containsKey(r)) {
                problems.add(Problem.of(BudgetCodes.BUDGET_COLUMN_MISSING, "the header lacks column " + r,
                        fileName + ":" + header.line()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.INVALID, problems);
        }
        return columns;
    }

    private static String canonical(String name, List<String> required, List<String> optional) {
        for (List<String> list : List.of(required, optional)) {
            for (String c : list) {
                if (c.equalsIgnoreCase(name.strip())) {
                    return c;
                }
            }
        }
        return null;
    }

    private static Line parse(String fileName, Kind kind, CsvReader.Record r, Map<String, Integer> columns, int width,
                              Actor who, Problems problems) {
        String at = fileName + ":" + r.line();
        if (r.fields().size() != width) {
            problems.add(Problem.of(BudgetCodes.BUDGET_LINE_MALFORMED, "the line has " + r.fields().size()
                    + " fields, the header " + width, at));
            return null;
        }
        int before = problems.count;
        Map<String, String> v = new HashMap<>();
        columns.forEach((name, i) -> v.put(name, r.fields().get(i)));
        String adm = match(v, "AdmDivCode", ADM_DIV, "6 or 9 digits", at, problems);
        String year = match(v, "StYear", YEAR, "4 digits", at, problems);
        String agency = code(v, "AgencyCode", true, at, problems);
        String fund = code(v, "FundTypeCode", true, at, problems);
        MovementType type = MovementType.parse(v.get("Type"));
        if (type == null) {
            problems.add(Problem.of(BudgetCodes.BUDGET_TYPE_INVALID, "Type '" + v.get("Type") + "' is none of 下达/INITIAL,"
                    + " 追加/INCREASE, 追减/DECREASE", at + " / Type"));
        }
        BigDecimal amount = amount(v.get("Amount"), at, problems);
        String docNo = text(v, "DocNo", DOC_NO, true, at, problems);
        String remark = text(v, "Remark", REMARK, false, at, problems);
        BudgetSubject subject = null;
        PlanKey plan = null;
        if (kind == Kind.INDICATORS) {
            String func = code(v, "ExpFuncCode", true, at, problems);
            String eco = code(v, "GovExpEcoCode", true, at, problems);
            String project = code(v, "DepProCode", false, at, problems);
            subject = new BudgetSubject(adm, year, agency, func, eco, fund, project);
        } else {
            Integer month = month(v.get("Month"), at, problems);
            plan = month == null ? null : new PlanKey(adm, year, month, agency, fund);
        }
        if (adm != null && agency != null && !who.scope().allows(adm, agency)) {
            problems.add(Problem.of(ControlCodes.OUT_OF_SCOPE, "AdmDivCode " + adm + ", AgencyCode " + agency
                    + " is outside " + who.name() + "'s data scope", at));
        }
        if (problems.count > before) {
            return null;
        }
        String key = kind == Kind.INDICATORS ? subject.key() : plan.key();
        return new Line(r.line(), at, key, subject, plan, type, amount, docNo, remark);
    }

    private static String match(Map<String, String> v, String column, Pattern form, String expected, String at,
                                Problems problems) {
        String value = v.get(column);
        if (!form.matcher(value).matches()) {
            problems.add(Problem.of(BudgetCodes.BUDGET_FIELD_INVALID, column + " '" + value + "' is not " + expected,
                    at + " / " + column));
            return null;
        }
        return value;
    }

    private static String code(Map<String, String> v, String column, boolean required, String at, Problems problems) {
        String value = v.getOrDefault(column, "");
        if (value.isEmpty()) {
            if (required) {
                problems.add(Problem.of(BudgetCodes.BUDGET_FIELD_INVALID, column + " is required", at + " / " + column));
            }
            return required ? null : "";
        }
        if (CODE.check(value) != null) {
            problems.add(Problem.of(BudgetCodes.BUDGET_FIELD_INVALID, column + " '" + value + "' is not a code ("
                    + CODE.describe() + ")", at + " / " + column));
            return null;
        }
        return value;
    }

    private static String text(Map<String, String> v, String column, FieldLimit limit, boolean required, String at,
                               Problems problems) {
        String value = v.getOrDefault(column, "");
        if (value.isEmpty()) {
            if (required) {
                problems.add(Problem.of(BudgetCodes.BUDGET_FIELD_INVALID, column + " is required", at + " / " + column));
            }
            return null;
        }
        if (limit.check(value) != null) {
            problems.add(Problem.of(BudgetCodes.BUDGET_FIELD_INVALID, column + " must be " + limit.describe(),
                    at + " / " + column));
            return null;
        }
        return value;
    }

    private static Integer month(String value, String at, Problems problems) {
        if (value.matches("\\d{1,2}")) {
            int m = Integer.parseInt(value);
            if (m >= 1 && m <= 12) {
                return m;
            }
        }
        problems.add(Problem.of(BudgetCodes.BUDGET_FIELD_INVALID, "Month '" + value + "' is not 1 to 12", at + " / Month"));
        return null;
    }

    private static BigDecimal amount(String value, String at, Problems problems) {
        if (!AMOUNT.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
            problems.add(Problem.of(BudgetCodes.BUDGET_AMOUNT_INVALID, "Amount '" + value + "' is not a positive"
                    + " amount in yuan with at most two decimals (e.g. 1200000.00)", at + " / Amount"));
            return null;
        }
        return new BigDecimal(value).setScale(2);
    }

    /**
     * Applies checked lines in file order, {@value #CHUNK} at a time: the targets the chunk names are looked up
     * once, new ones inserted, adjustments applied by one conditional statement each (a decrease only where it
     * leaves at least what is reserved and spent), movements recorded.
     */
    private final class Applier {
        private final Kind kind;
        private final String importId;
        private final Timestamp now;
        private final Problems problems;
        private final List<Line> chunk = new ArrayList<>();
        private final Map<String, String> createdHere = new HashMap<>();
        private final String table;
        private final String idColumn;
        private final String keyColumn;
        private int lines;
        private int created;
        private int increased;
        private int decreased;
        private BigDecimal net = BigDecimal.ZERO.setScale(2);

        Applier(Kind kind, String importId, Timestamp now, Problems problems) {
            this.kind = kind;
            this.importId = importId;
            this.now = now;
            this.problems = problems;
            this.table = kind == Kind.INDICATORS ? "budget_indicator" : "budget_plan";
            this.idColumn = kind == Kind.INDICATORS ? "indicator_id" : "plan_id";
            this.keyColumn = kind == Kind.INDICATORS ? "subject_key" : "plan_key";
        }

        void add(Line line) {
            chunk.add(line);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            Map<String, String> stored = stored(chunk.stream().map(Line::targetKey).distinct().toList());
            Set<String> documents = documents(stored.values());
            List<SqlParameterSource> inserts = new ArrayList<>();
            List<Line> adjustments = new ArrayList<>();
            List<String> adjustmentIds = new ArrayList<>();
            List<SqlParameterSource> movements = new ArrayList<>();
            for (Line l : chunk) {
                String id = stored.containsKey(l.targetKey()) ? stored.get(l.targetKey()) : createdHere.get(l.targetKey());
                if (l.type() == MovementType.INITIAL) {
                    if (id != null) {
                        problems.add(Problem.of(BudgetCodes.BUDGET_ALREADY_EXISTS, l.targetKey() + " exists already:"
                                + " adjust it with 追加/INCREASE or 追减/DECREASE", l.location() + " / Type"));
                        continue;
                    }
                    id = Ids.newId();
                    createdHere.put(l.targetKey(), id);
                    inserts.add(insert(id, l));
                    created++;
                } else if (id == null) {
                    problems.add(Problem.of(BudgetCodes.BUDGET_NOT_FOUND, "no " + (kind == Kind.INDICATORS
                            ? "indicator " : "plan ") + l.targetKey() + " to adjust", l.location()));
                    continue;
                } else {
                    if (documents.contains(id + "\u0000" + l.docNo())) {
                        problems.add(Problem.of(BudgetCodes.BUDGET_DOC_REPEATED, "document " + l.docNo()
                                + " moved " + l.targetKey() + " before", l.location() + " / DocNo"));
                        continue;
                    }
                    adjustments.add(l);
                    adjustmentIds.add(id);
                }
                lines++;
                BigDecimal signed = l.type() == MovementType.DECREASE ? l.amount().negate() : l.amount();
                net = net.add(signed);
                movements.add(new MapSqlParameterSource("id", Ids.newId()).addValue("import", importId)
                        .addValue("line", l.lineNo()).addValue("kind", kind == Kind.INDICATORS ? "INDICATOR" : "PLAN")
                        .addValue("target", id).addValue("type", l.type().name()).addValue("amount", l.amount())
                        .addValue("doc", l.docNo()).addValue("remark", l.remark()).addValue("now", now));
            }
            insertTargets(inserts);
            adjust(adjustments, adjustmentIds);
            jdbc.batchUpdate("""
                    INSERT INTO budget_movement (movement_id, import_id, line_no, target_kind, target_id, movement_type,
                        amount, doc_no, remark, created_at)
                    VALUES (:id, :import, :line, :kind, :target, :type, :amount, :doc, :remark, :now)""",
                    movements.toArray(SqlParameterSource[]::new));
            chunk.clear();
        }

        private SqlParameterSource insert(String id, Line l) {
            MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("key", l.targetKey())
                    .addValue("amount", l.amount()).addValue("now", now);
            if (kind == Kind.INDICATORS) {
                BudgetSubject s = l.subject();
                return p.addValue("adm", s.admDivCode()).addValue("year", s.stYear()).addValue("agency", s.agencyCode())
                        .addValue("func", s.expFuncCode()).addValue("eco", s.govExpEcoCode())
                        .addValue("fund", s.fundTypeCode()).addValue("project", s.depProCode());
            }
            PlanKey k = l.plan();
            return p.addValue("adm", k.admDivCode()).addValue("year", k.stYear()).addValue("month", k.month())
                    .addValue("agency", k.agencyCode()).addValue("fund", k.fundTypeCode());
        }

        private void insertTargets(List<SqlParameterSource> inserts) {
            if (inserts.isEmpty()) {
                return;
            }
            jdbc.batchUpdate(kind == Kind.INDICATORS ? """
                    INSERT INTO budget_indicator (indicator_id, subject_key, adm_div_code, st_year, agency_code,
                        exp_func_code, gov_exp_eco_code, fund_type_code, dep_pro_code, approved, reserved, spent,
                        created_at, updated_at)
                    VALUES (:id, :key, :adm, :year, :agency, :func, :eco, :fund, :project, :amount, 0, 0, :now, :now)"""
                    : """
                    INSERT INTO budget_plan (plan_id, plan_key, adm_div_code, st_year, plan_month, agency_code,
                        fund_type_code, approved, reserved, spent, created_at, updated_at)
                    VALUES (:id, :key, :adm, :year, :month, :agency, :fund, :amount, 0, 0, :now, :now)""",
                    inserts.toArray(SqlParameterSource[]::new));
        }

        /** Increases and decreases in file order, by one statement: a decrease never below reserved + spent. */
        private void adjust(List<Line> adjustments, List<String> ids) {
            if (adjustments.isEmpty()) {
                return;
            }
            SqlParameterSource[] params = new SqlParameterSource[adjustments.size()];
            for (int i = 0; i < params.length; i++) {
                Line l = adjustments.get(i);
                params[i] = new MapSqlParameterSource("id", ids.get(i)).addValue("now", now).addValue("delta",
                        l.type() == MovementType.DECREASE ? l.amount().negate() : l.amount());
            }
            int[] counts = jdbc.batchUpdate("UPDATE " + table + " SET approved = approved + :delta, updated_at = :now"
                    + " WHERE " + idColumn + " = :id AND approved + :delta - reserved - spent >= 0", params);
            for (int i = 0; i < counts.length; i++) {
                Line l = adjustments.get(i);
                if (counts[i] == 0) {
                    BigDecimal available = jdbc.queryForObject("SELECT approved - reserved - spent FROM " + table
                            + " WHERE " + idColumn + " = :id", new MapSqlParameterSource("id", ids.get(i)),
                            BigDecimal.class);
                    problems.add(Problem.of(BudgetCodes.BUDGET_DECREASE_TOO_LARGE, "a decrease of " + l.amount()
                            + " from " + l.targetKey() + ", which has " + available + " available (the rest is"
                            + " reserved or spent)", l.location() + " / Amount"));
                } else if (l.type() == MovementType.DECREASE) {
                    decreased++;
                } else {
                    increased++;
                }
            }
        }

        private Map<String, String> stored(List<String> keys) {
            Map<String, String> ids = new HashMap<>();
            jdbc.query("SELECT " + keyColumn + ", " + idColumn + " FROM " + table + " WHERE " + keyColumn + " IN (:keys)",
                    new MapSqlParameterSource("keys", keys), rs -> {
                        ids.put(rs.getString(1), rs.getString(2));
                    });
            return ids;
        }

        /** "target id \0 document" of every movement the stored targets already have. */
        private Set<String> documents(Collection<String> targetIds) {
            Set<String> docs = new HashSet<>();
            if (targetIds.isEmpty()) {
                return docs;
            }
            jdbc.query("SELECT target_id, doc_no FROM budget_movement WHERE target_kind = :kind AND target_id IN (:ids)",
                    new MapSqlParameterSource("kind", kind == Kind.INDICATORS ? "INDICATOR" : "PLAN")
                            .addValue("ids", targetIds), rs -> {
                        docs.add(rs.getString(1) + "\u0000" + rs.getString(2));
                    });
            return docs;
        }
    }
}
