package org.jincai.batch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's tables as CSV, one file per table: UTF-8 with a byte-order mark (so Excel reads the Chinese
 * right), RFC 4180 quoting, CRLF line ends, the header line first, amounts as plain decimals ({@code 1234.50}).
 * They are the report's record: the workbook and the PDF are made from them, read back, so all three show the
 * same figures.
 */
public final class CsvTables {

    private static final char BOM = '\uFEFF';

    private CsvTables() {
    }

    /** Writes each table to {@code dir}/name.csv, each whole or not at all (a temporary file, then a move). */
    public static void write(Path dir, List<ReportTable> tables) {
        for (ReportTable t : tables) {
            Path file = dir.resolve(t.spec().fileName());
            Outputs.replace(file, tmp -> {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                    w.write(BOM);
                    line(w, t.spec().columns().stream().map(ReportColumn::header).map(h -> (Object) h).toList());
                    for (List<Object> row : t.rows()) {
                        line(w, inFen(t.spec().columns(), row));
                    }
                }
            });
        }
    }

    /** Reads back the tables of {@code specs} from {@code dir}, cells typed by their columns. */
    public static List<ReportTable> read(Path dir, List<TableSpec> specs) {
        List<ReportTable> tables = new ArrayList<>();
        for (TableSpec spec : specs) {
            tables.add(read(dir.resolve(spec.fileName()), spec));
        }
        return tables;
    }

    static ReportTable read(Path file, TableSpec spec) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException(ReportException.REPORT_OUTPUT_FAILED, "cannot read " + file + ": " + e.getMessage(),
                    file.toString(), e);
        }
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        List<List<String>> lines = parse(text);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> fields = lines.get(i);
            if (fields.size() != spec.columns().size()) {
                throw new ReportException(ReportException.REPORT_OUTPUT_FAILED, file + " line " + (i + 1) + " has "
                        + fields.size() + " fields, not " + spec.columns().size(), file + ":" + (i + 1));
            }
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < fields.size(); c++) {
                row.add(value(spec.columns().get(c), fields.get(c)));
            }
            rows.add(row);
        }
        return new ReportTable(spec, rows);
    }

    private static Object value(ReportColumn column, String field) {
        if (field.isEmpty()) {
            return null;
        }
        return switch (column.kind()) {
            case TEXT -> field;
            case COUNT -> Long.valueOf(field);
            case MONEY, RATE, MINUTES, DECIMAL -> new BigDecimal(field);
        };
    }

    /** Amounts always with their two decimals ({@code 0.00}, not {@code 0}, whatever scale a database sum has). */
    private static List<Object> inFen(List<ReportColumn> columns, List<Object> row) {
        List<Object> cells = new ArrayList<>(row);
        for (int i = 0; i < cells.size(); i++) {
            if (columns.get(i).kind() == ReportColumn.Kind.MONEY && cells.get(i) instanceof BigDecimal d) {
                cells.set(i, d.setScale(2, RoundingMode.UNNECESSARY));
            }
        }
        return cells;
    }

    private static void line(Writer w, List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** RFC 4180 fields of every line (quoted fields may hold commas, quotes and line breaks). */
    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (any) {
            fields.add(field.toString());
            lines.add(fields);
        }
        return lines;
    }
}
