package org.jincai.batch.report;

import com.lowagie.text.pdf.BaseFont;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The font with Chinese glyphs that the PDF embeds and its charts draw with: the file configured
 * ({@code jincai.report.font}), else the first of the usual places of the free CJK fonts Debian packages
 * (WenQuanYi Micro Hei, {@code fonts-wqy-microhei}; Noto Sans CJK, {@code fonts-noto-cjk}; WenQuanYi Zen Hei;
 * AR PL UMing). A TrueType collection (.ttc) is read at its first face. None found:
 * {@value ReportException#REPORT_FONT_MISSING}, naming where it looked — the PDF is never written with boxes for
 * characters.
 */
public record ReportFont(Path file) {

    /** Where Debian's free CJK font packages put their fonts, in order of preference. */
    public static final List<Path> KNOWN = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    /** The configured font when {@code configured} is not blank, else the first known one present. */
    public static ReportFont locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured.trim());
            if (!Files.isReadable(p)) {
                throw new ReportException(ReportException.REPORT_FONT_MISSING, "the report font " + p
                        + " (jincai.report.font) is not a readable file", "jincai.report.font");
            }
            return new ReportFont(p);
        }
        for (Path p : KNOWN) {
            if (Files.isReadable(p)) {
                return new ReportFont(p);
            }
        }
        throw new ReportException(ReportException.REPORT_FONT_MISSING, "no font with Chinese glyphs for the PDF: set"
                + " jincai.report.font to a TrueType/OpenType CJK font, or install one (apt-get install"
                + " fonts-wqy-microhei); looked in " + KNOWN, "jincai.report.font");
    }

    private boolean collection() {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc");
    }

    /** The font for OpenPDF, embedded (the subset the document uses), Unicode horizontal. */
    public BaseFont pdfFont() {
        try {
            return BaseFont.createFont(file + (collection() ? ",0" : ""), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (com.lowagie.text.DocumentException | IOException e) {
            throw new ReportException(ReportException.REPORT_FONT_MISSING, "cannot read the report font " + file + ": "
                    + e.getMessage(), file.toString(), e);
        }
    }

    /** The font for the charts (Java2D), at {@code size} points. */
    public Font awtFont(float size) {
        try {
            Font[] faces = Font.createFonts(file.toFile());
            return faces[0].deriveFont(size);
        } catch (FontFormatException | IOException e) {
            throw new ReportException(ReportException.REPORT_FONT_MISSING, "cannot read the report font " + file + ": "
                    + e.getMessage(), file.toString(), e);
        }
    }
}
