package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.Optional;
import org.jincai.formats.Problem;

/**
 * Facts of the pipe layout shared by its readers, writers and the simulated bank: the separator, the
 * line end, the return file's name, and the totals rule (count and amount of the summary line must
 * equal the lines, else the whole file is refused). What it shares with the fixed-width layout lives
 * in {@link TextLayout}.
 */
public final class PipeLayout {

    public static final char SEPARATOR = '|';
    /** Line end of every file the hub or the simulator writes. */
    public static final String LINE_END = TextLayout.LINE_END;
    /** A payment file's extension. */
    public static final String EXTENSION = TextLayout.EXTENSION;
    /** What replaces {@link #EXTENSION} in the name of the return file. */
    public static final String RETURN_SUFFIX = TextLayout.RETURN_SUFFIX;

    private PipeLayout() {
    }

    /** {@code PAY-20250105-B1-001.txt} is answered by {@code PAY-20250105-B1-001.ret.txt}. */
    public static String returnFileName(String paymentFileName) {
        return TextLayout.returnFileName(paymentFileName);
    }

    /**
     * The TOTALS_MISMATCH problem when the summary disagrees with the lines (located at the summary
     * line, with both differences in the message), else empty.
     */
    public static Optional<Problem> totalsProblem(String fileName, PipeSummary summary, int lineCount, BigDecimal lineTotal) {
        return TextLayout.totalsProblem(fileName, 1, "summary", summary.totalCount(), summary.totalAmount(), lineCount,
                lineTotal);
    }
}
