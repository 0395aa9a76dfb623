package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.Optional;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.formats.Problem;

/**
 * Facts of the pipe layout shared by its readers, writers and the simulated bank: the separator, the
 * line end, the return file's name, and the totals rule (count and amount of the summary line must
 * equal the lines, else the whole file is refused).
 */
public final class PipeLayout {

    public static final char SEPARATOR = '|';
    /** Line end of every file the hub or the simulator writes. */
    public static final String LINE_END = "\r\n";
    /** A payment file's extension. */
    public static final String EXTENSION = ".txt";
    /** What replaces {@link #EXTENSION} in the name of the return file. */
    public static final String RETURN_SUFFIX = ".ret.txt";

    private PipeLayout() {
    }

    /** {@code PAY-20250105-B1-001.txt} is answered by {@code PAY-20250105-B1-001.ret.txt}. */
    public static String returnFileName(String paymentFileName) {
        String base = paymentFileName.endsWith(EXTENSION)
                ? paymentFileName.substring(0, paymentFileName.length() - EXTENSION.length())
                : paymentFileName;
        return base + RETURN_SUFFIX;
    }

    /**
     * The TOTALS_MISMATCH problem when the summary disagrees with the lines (located at the summary
     * line, with both differences in the message), else empty.
     */
    public static Optional<Problem> totalsProblem(String fileName, PipeSummary summary, int lineCount, BigDecimal lineTotal) {
        boolean countOk = summary.totalCount() == lineCount;
        boolean amountOk = summary.totalAmount().compareTo(lineTotal) == 0;
        if (countOk && amountOk) {
            return Optional.empty();
        }
        String message = "summary says " + summary.totalCount() + " line(s) totalling " + summary.totalAmount().toPlainString()
                + ", the file has " + lineCount + " line(s) totalling " + lineTotal.setScale(2).toPlainString()
                + " (difference: count " + signed(lineCount - summary.totalCount())
                + ", amount " + signed(lineTotal.subtract(summary.totalAmount())) + ")";
        return Optional.of(Problem.of(BankFileErrors.TOTALS_MISMATCH, message, "file " + fileName + " line 1"));
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }

    private static String signed(BigDecimal n) {
        String s = n.setScale(2).toPlainString();
        return n.signum() > 0 ? "+" + s : s;
    }
}
