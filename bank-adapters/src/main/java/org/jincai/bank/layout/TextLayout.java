package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.profile.BankProfile;
import org.jincai.formats.Problem;

/**
 * Facts the bank text layouts (pipe and fixed-width) share: file extensions and the return file's
 * name, line end, the return statuses and the refusal reason of a file whose totals disagree, and the
 * totals rule itself (the declared count and amount must equal the lines, else the file is refused
 * whole, located at the line that declares them, with both differences).
 */
public final class TextLayout {

    /** Line end of every file the hub or the simulator writes; CRLF, LF or CR are accepted when read. */
    public static final String LINE_END = "\r\n";
    /** A payment file's extension. */
    public static final String EXTENSION = ".txt";
    /** What replaces {@link #EXTENSION} in the name of the return file. */
    public static final String RETURN_SUFFIX = ".ret.txt";
    /** Return status: the credit was paid (代发成功). */
    public static final String SUCCESS = "S";
    /** Return status: the credit was not paid (代发失败), with the bank's reason. */
    public static final String FAILURE = "F";
    /** Reason code on every line of a file refused because its totals disagree with its lines. */
    public static final String TOTALS_REASON = "TOTALS";
    /** 汇总笔数或金额与明细不符: the totals text a Chinese bank would send, in the bank's charset. */
    public static final String TOTALS_TEXT = "汇总笔数或金额与明细不符";

    private TextLayout() {
    }

    /** {@code PAY-20250105-B1-001.txt} is answered by {@code PAY-20250105-B1-001.ret.txt}. */
    public static String returnFileName(String paymentFileName) {
        return baseName(paymentFileName) + RETURN_SUFFIX;
    }

    /** The payment file's name without {@link #EXTENSION}. */
    public static String baseName(String paymentFileName) {
        return paymentFileName.endsWith(EXTENSION)
                ? paymentFileName.substring(0, paymentFileName.length() - EXTENSION.length())
                : paymentFileName;
    }

    /**
     * TOTALS_MISMATCH when the declared count or amount disagrees with the lines, located at
     * {@code line} of the file, with both differences in the message; else empty.
     *
     * @param record the declaring record as a reader names it ("summary", "trailer")
     */
    public static Optional<Problem> totalsProblem(String fileName, int line, String record, int declaredCount,
            BigDecimal declaredAmount, int lineCount, BigDecimal lineTotal) {
        boolean countOk = declaredCount == lineCount;
        boolean amountOk = declaredAmount.compareTo(lineTotal) == 0;
        if (countOk && amountOk) {
            return Optional.empty();
        }
        String message = record + " says " + declaredCount + " line(s) totalling " + declaredAmount.setScale(2).toPlainString()
                + ", the file has " + lineCount + " line(s) totalling " + lineTotal.setScale(2).toPlainString()
                + " (difference: count " + signed(lineCount - declaredCount)
                + ", amount " + signed(lineTotal.subtract(declaredAmount)) + ")";
        return Optional.of(Problem.of(BankFileErrors.TOTALS_MISMATCH, message, "file " + fileName + " line " + line));
    }

    /** The bank's character set, which every file of a text layout is written and read in. */
    static Charset charset(BankProfile profile) {
        return Objects.requireNonNull(profile.charset(), () -> "charset of bank " + profile.code());
    }

    /** Refuses the whole file with {@code problem}, when there is one. */
    static void refuse(Optional<Problem> problem) throws BankFileException {
        problem.ifPresent(p -> {
            throw new BankFileException(p.code(), p.message(), p.location());
        });
    }

    /**
     * DUPLICATE_END_TO_END_ID at the second line (from line 2: line 1 is the header) that carries an id
     * already seen: the bank's answers could not be matched to the credits.
     *
     * @param idName how the layout names the id ("end-to-end id", "payee id")
     */
    static void requireUniqueIds(List<String> ids, String idName, String fileName) throws BankFileException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                throw new BankFileException(BankFileErrors.DUPLICATE_END_TO_END_ID, idName + " " + ids.get(i) + " appears twice",
                        "file " + fileName + " line " + (i + 2));
            }
        }
    }

    /**
     * Checks one line of a return file: its status is {@value #SUCCESS} or {@value #FAILURE}
     * (UNKNOWN_STATUS), and its id is answered only once (DUPLICATE_END_TO_END_ID).
     *
     * @param seen the ids of the lines before it; this line's is added
     */
    static void checkReturnLine(String status, String id, String idName, Set<String> seen, String location)
            throws BankFileException {
        if (!SUCCESS.equals(status) && !FAILURE.equals(status)) {
            throw new BankFileException(BankFileErrors.UNKNOWN_STATUS, "status '" + status + "' of " + idName + " " + id
                    + " is neither " + SUCCESS + " nor " + FAILURE, location);
        }
        if (!seen.add(id)) {
            throw new BankFileException(BankFileErrors.DUPLICATE_END_TO_END_ID, idName + " " + id + " is answered twice",
                    location);
        }
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }

    private static String signed(BigDecimal n) {
        String s = n.setScale(2).toPlainString();
        return n.signum() > 0 ? "+" + s : s;
    }
}
