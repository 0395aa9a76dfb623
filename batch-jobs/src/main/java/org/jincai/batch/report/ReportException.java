package org.jincai.batch.report;

/**
 * A monthly report that could not be made, with a stable code ({@link #REPORT_MONTH_INVALID},
 * {@link #REPORT_FONT_MISSING}, {@link #REPORT_OUTPUT_FAILED}, {@link #REPORT_NOT_FOUND}) and where it happened.
 */
public class ReportException extends RuntimeException {

    /** The month is not yyyy-MM, or lies in the future. */
    public static final String REPORT_MONTH_INVALID = "REPORT_MONTH_INVALID";
    /** No font with Chinese glyphs for the PDF: none configured, none at the known places. */
    public static final String REPORT_FONT_MISSING = "REPORT_FONT_MISSING";
    /** An output file could not be written or read back. */
    public static final String REPORT_OUTPUT_FAILED = "REPORT_OUTPUT_FAILED";
    /** No report (or no such file of it) for the month asked. */
    public static final String REPORT_NOT_FOUND = "REPORT_NOT_FOUND";
    /** The job ran and did not complete. */
    public static final String REPORT_FAILED = "REPORT_FAILED";

    private final String code;
    private final String location;

    public ReportException(String code, String message, String location) {
        super(message);
        this.code = code;
        this.location = location;
    }

    public ReportException(String code, String message, String location, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.location = location;
    }

    public String code() {
        return code;
    }

    public String location() {
        return location;
    }

    /** With the code, so a failed job's exit description (the exception as printed) names it. */
    @Override
    public String toString() {
        return getClass().getName() + " " + code + ": " + getMessage();
    }
}
