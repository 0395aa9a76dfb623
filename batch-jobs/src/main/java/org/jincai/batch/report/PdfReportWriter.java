package org.jincai.batch.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The report as a PDF (A4 landscape): on the first page the title and the two charts ({@link ReportCharts}), then
 * every table with its header repeated on each page. All text is set in the embedded CJK font ({@link ReportFont}).
 */
public final class PdfReportWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ReportPeriod.BEIJING);

    private PdfReportWriter() {
    }

    public static void write(Path file, ReportPeriod period, Instant generatedAt, List<ReportTable> tables,
                             ReportFont reportFont) {
        BaseFont base = reportFont.pdfFont();
        ReportTable agencies = find(tables, ReportTables.BUDGET_AGENCY);
        ReportTable daily = find(tables, ReportTables.DAILY_PAID);
        Outputs.replace(file, tmp -> {
            Document doc = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                PdfWriter.getInstance(doc, out);
                doc.addTitle("金财月度财政报告 " + period);
                doc.addCreator("Jincai monthly-report");
                doc.open();
                doc.add(new Paragraph("金财 月度财政报告 Monthly fiscal report " + period, new Font(base, 18, Font.BOLD)));
                doc.add(new Paragraph("本月 " + period.monthStart() + " – " + period.monthEnd() + "，累计自 "
                        + period.yearStart() + "；生成于 " + STAMP.format(generatedAt) + "（北京时间）",
                        new Font(base, 10)));
                chart(doc, ReportCharts.executionRateByAgency(agencies, reportFont, 1100, 420));
                chart(doc, ReportCharts.dailyPaid(daily, reportFont, 1100, 420));
                for (ReportTable t : tables) {
                    doc.newPage();
                    table(doc, t, base);
                }
                doc.close();
            } catch (DocumentException e) {
                throw new IOException("the PDF could not be laid out: " + e.getMessage(), e);
            }
        });
    }

    private static void chart(Document doc, BufferedImage image) throws IOException {
        Image img = Image.getInstance(image, null);
        img.scaleToFit(780, 215);
        img.setAlignment(Element.ALIGN_CENTER);
        doc.add(img);
    }

    private static void table(Document doc, ReportTable t, BaseFont base) {
        doc.add(new Paragraph(t.spec().title(), new Font(base, 12, Font.BOLD)));
        doc.add(new Paragraph(" ", new Font(base, 4)));
        List<ReportColumn> columns = t.spec().columns();
        PdfPTable table = new PdfPTable(columns.size());
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        Font head = new Font(base, 7, Font.BOLD);
        Font body = new Font(base, 7);
        Font total = new Font(base, 7, Font.BOLD);
        for (ReportColumn c : columns) {
            PdfPCell cell = new PdfPCell(new Phrase(c.header(), head));
            cell.setBackgroundColor(new Color(230, 236, 245));
            table.addCell(cell);
        }
        for (List<Object> row : t.rows()) {
            boolean isTotal = TableSpec.TOTAL.equals(row.get(0));
            for (int i = 0; i < columns.size(); i++) {
                PdfPCell cell = new PdfPCell(new Phrase(format(columns.get(i), row.get(i)), isTotal ? total : body));
                if (columns.get(i).numeric()) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(cell);
            }
        }
        doc.add(table);
    }

    static String format(ReportColumn column, Object value) {
        if (value == null) {
            return "";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        return switch (column.kind()) {
            case TEXT -> (String) value;
            case COUNT -> new DecimalFormat("#,##0", symbols).format(value);
            case MONEY -> new DecimalFormat("#,##0.00", symbols).format((BigDecimal) value);
            case RATE, MINUTES, DECIMAL -> ((BigDecimal) value).toPlainString();
        };
    }

    private static ReportTable find(List<ReportTable> tables, TableSpec spec) {
        return tables.stream().filter(t -> t.spec().equals(spec)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + spec.name()));
    }
}
