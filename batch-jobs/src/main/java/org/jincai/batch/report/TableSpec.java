package org.jincai.batch.report;

import java.util.List;

/**
 * What one table of the monthly report is: its file name ({@code name}.csv), its title, its sheet's name in the
 * workbook (at most 31 characters), its columns, and whether it ends with a total row.
 */
public record TableSpec(String name, String title, String sheet, List<ReportColumn> columns, boolean totalled) {

    /** The first cell of a total row. */
    public static final String TOTAL = "合计 Total";

    public TableSpec {
        columns = List.copyOf(columns);
        if (sheet.length() > 31) {
            throw new IllegalArgumentException("sheet name over 31 characters: " + sheet);
        }
    }

    public String fileName() {
        return name + ".csv";
    }

    /** The index of the column whose header starts with {@code header}. */
    public int column(String header) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).header().startsWith(header)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + header);
    }
}
