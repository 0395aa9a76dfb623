package org.jincai.batch.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One table of the report: which it is ({@link TableSpec}) and its rows, each a list of cells in column order
 * (String, Long or BigDecimal by the column's kind; null for an empty cell). A table whose spec has a total
 * ends with its total row, first cell {@value TableSpec#TOTAL}.
 */
public record ReportTable(TableSpec spec, List<List<Object>> rows) {

    public ReportTable {
        rows = List.copyOf(rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList());
    }

    /** The total row, when the table has one. */
    public List<Object> total() {
        if (!spec.totalled() || rows.isEmpty()) {
            throw new IllegalStateException(spec.name() + " has no total row");
        }
        return rows.get(rows.size() - 1);
    }

    /** The rows without the total. */
    public List<List<Object>> body() {
        return spec.totalled() && !rows.isEmpty() ? rows.subList(0, rows.size() - 1) : rows;
    }

    /** The cell of {@code row} under the column whose header starts with {@code header}. */
    public Object cell(List<Object> row, String header) {
        return row.get(spec.column(header));
    }
}
