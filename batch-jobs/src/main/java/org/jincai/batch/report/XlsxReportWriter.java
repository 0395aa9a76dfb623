package org.jincai.batch.report;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The report as one XLSX workbook, one sheet per table (streamed: SXSSF keeps a window of rows in memory), the
 * header row bold and frozen, numbers as numbers with their formats ({@code #,##0.00} for yuan).
 *
 * <p>Excel holds every number as a binary double: an amount is exact there up to 15 significant digits
 * (9,999,999,999,999.99 yuan), far past any figure of one budget; the CSV files keep the decimal text.
 */
public final class XlsxReportWriter {

    private static final int WINDOW = 200;

    private XlsxReportWriter() {
    }

    public static void write(Path file, List<ReportTable> tables) {
        Outputs.replace(file, tmp -> {
            SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Styles styles = new Styles(wb);
                for (ReportTable t : tables) {
                    sheet(wb, styles, t);
                }
                wb.write(out);
            } finally {
                wb.close();
            }
        });
    }

    private static void sheet(SXSSFWorkbook wb, Styles styles, ReportTable t) {
        SXSSFSheet sheet = wb.createSheet(t.spec().sheet());
        List<ReportColumn> columns = t.spec().columns();
        Row header = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(columns.get(c).header());
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(c, Math.min(60, Math.max(12, columns.get(c).header().length() + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (List<Object> values : t.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < columns.size(); c++) {
                Object v = values.get(c);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                switch (columns.get(c).kind()) {
                    case TEXT -> cell.setCellValue((String) v);
                    case COUNT -> {
                        cell.setCellValue(((Long) v).doubleValue());
                        cell.setCellStyle(styles.count);
                    }
                    case MONEY -> {
                        cell.setCellValue(((BigDecimal) v).doubleValue());
                        cell.setCellStyle(styles.money);
                    }
                    case RATE, MINUTES -> {
                        cell.setCellValue(((BigDecimal) v).doubleValue());
                        cell.setCellStyle(styles.decimal);
                    }
                    case DECIMAL -> {
                        cell.setCellValue(((BigDecimal) v).doubleValue());
                        cell.setCellStyle(styles.measure);
                    }
                }
            }
        }
    }

    /** The few cell styles of the workbook, made once (a workbook holds at most 64,000). */
    private static final class Styles {
        final CellStyle header;
        final CellStyle count;
        final CellStyle money;
        final CellStyle decimal;
        final CellStyle measure;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            count = wb.createCellStyle();
            count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            decimal = wb.createCellStyle();
            decimal.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            measure = wb.createCellStyle();
            measure.setDataFormat(wb.createDataFormat().getFormat("#,##0.####"));
        }
    }
}
