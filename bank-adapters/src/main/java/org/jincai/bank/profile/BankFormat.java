package org.jincai.bank.profile;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The file formats a bank can speak, by the identifier used in bank profiles. Which format a bank
 * uses is data (its profile); how a format is written and read is code (see {@code BankFormats}).
 *
 * <p>A format's own limits (what its fields can carry) bound the profile's per-file limits: a profile
 * asking for more transactions or a larger amount per file than the format can write is refused at
 * start rather than at the first big batch.
 */
public enum BankFormat {
    /** ISO 20022 customer credit transfer initiation, version 9. */
    PAIN_001_001_09("pain.001.001.09", Integer.MAX_VALUE, null),
    /** ISO 20022 payment status report, version 10. */
    PAIN_002_001_10("pain.002.001.10", Integer.MAX_VALUE, null),
    /**
     * Pipe-delimited GBK payroll/batch file: a summary line, then one line per credit. Sequence and
     * count up to nine digits, amounts up to fifteen integer digits.
     */
    PIPE_GBK("pipe-gbk", 999_999_999, new BigDecimal("999999999999999.99")),
    /** The return file of {@link #PIPE_GBK}: each line repeated with a status code and reason. */
    PIPE_GBK_RETURN("pipe-gbk-return", 999_999_999, new BigDecimal("999999999999999.99")),
    /**
     * Fixed-width GBK payroll/batch file whose field widths are GBK byte counts: a header record, one
     * detail record per credit, a trailer record with the count and the total in fen. The sequence is
     * N(6) and amounts and total are N(15) fen, hence its limits.
     */
    FIXED_GBK("fixed-gbk", 999_999, new BigDecimal("9999999999999.99")),
    /** The return file of {@link #FIXED_GBK}: each detail record followed by a status, reason code and text. */
    FIXED_GBK_RETURN("fixed-gbk-return", 999_999, new BigDecimal("9999999999999.99")),
    /** ISO 20022 bank-to-customer statement, version 8: the bank's booking of what it paid. */
    CAMT_053_001_08("camt.053.001.08", Integer.MAX_VALUE, null);

    private final String id;
    private final int maxTransactionsPerFile;
    private final BigDecimal maxAmountPerFile;

    BankFormat(String id, int maxTransactionsPerFile, BigDecimal maxAmountPerFile) {
        this.id = id;
        this.maxTransactionsPerFile = maxTransactionsPerFile;
        this.maxAmountPerFile = maxAmountPerFile;
    }

    public String id() {
        return id;
    }

    /** Most credits one file of this format can number. */
    public int maxTransactionsPerFile() {
        return maxTransactionsPerFile;
    }

    /** Largest total one file of this format can carry, or null when the format sets no practical bound. */
    public BigDecimal maxAmountPerFile() {
        return maxAmountPerFile;
    }

    public static BankFormat fromId(String id) {
        return Arrays.stream(values())
                .filter(f -> f.id.equalsIgnoreCase(id) || f.name().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown bank format '" + id + "'"));
    }
}
