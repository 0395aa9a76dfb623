package org.jincai.bank.profile;

import java.util.Arrays;

/**
 * The file formats a bank can speak, by the identifier used in bank profiles. Which format a bank
 * uses is data (its profile); how a format is written and read is code (see {@code BankFormats}).
 */
public enum BankFormat {
    /** ISO 20022 customer credit transfer initiation, version 9. */
    PAIN_001_001_09("pain.001.001.09"),
    /** ISO 20022 payment status report, version 10. */
    PAIN_002_001_10("pain.002.001.10"),
    /** Pipe-delimited GBK payroll/batch file: a summary line, then one line per credit. */
    PIPE_GBK("pipe-gbk"),
    /** The return file of {@link #PIPE_GBK}: each line repeated with a status code and reason. */
    PIPE_GBK_RETURN("pipe-gbk-return");

    private final String id;

    BankFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static BankFormat fromId(String id) {
        return Arrays.stream(values())
                .filter(f -> f.id.equalsIgnoreCase(id) || f.name().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown bank format '" + id + "'"));
    }
}
