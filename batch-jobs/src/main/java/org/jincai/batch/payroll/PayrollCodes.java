package org.jincai.batch.payroll;

/**
 * The stable codes of the payroll job: those of a refused line (rejected.csv) and those that refuse a whole run.
 * Callers and tests match on these, never on the messages.
 */
public final class PayrollCodes {

    /** A required column is empty. */
    public static final String FIELD_REQUIRED = "FIELD_REQUIRED";
    /** A value is longer than its column. */
    public static final String FIELD_TOO_LONG = "FIELD_TOO_LONG";
    /** The line does not have the header's number of columns, or a quote is not closed. */
    public static final String LINE_MALFORMED = "LINE_MALFORMED";
    /** net_amount is not a positive amount with at most two decimals. */
    public static final String AMOUNT_INVALID = "AMOUNT_INVALID";
    /** account_no is not 6 to 32 digits. */
    public static final String ACCOUNT_INVALID = "ACCOUNT_INVALID";
    /** A resident ID (id_type 01) that is not 18 characters with its check digit right, or another ID malformed. */
    public static final String ID_NUMBER_INVALID = "ID_NUMBER_INVALID";
    /** The same employee_id on an earlier line of the file: that earlier line is paid, this one refused. */
    public static final String DUPLICATE_EMPLOYEE = "DUPLICATE_EMPLOYEE";
    /** bank_code names no bank profile, or a bank without a payroll payer account. */
    public static final String UNKNOWN_BANK = "UNKNOWN_BANK";
    /** account_no is on the block list. */
    public static final String ACCOUNT_BLOCKED = "ACCOUNT_BLOCKED";
    /** agency_code is not the run's agency. */
    public static final String AGENCY_MISMATCH = "AGENCY_MISMATCH";
    /** A name the bank's character set cannot carry (and its profile does not transliterate). */
    public static final String NAME_UNENCODABLE = "NAME_UNENCODABLE";

    /** The same file (SHA-256) for the same agency and month was run already. */
    public static final String PAYROLL_ALREADY_RUN = "PAYROLL_ALREADY_RUN";
    /** The file cannot be read: missing, empty, not the header, not in its character set. */
    public static final String PAYROLL_FILE_INVALID = "PAYROLL_FILE_INVALID";
    /** No run with that id. */
    public static final String PAYROLL_RUN_NOT_FOUND = "PAYROLL_RUN_NOT_FOUND";
    /** A restart asked of a run still running on a living node: its execution, its claimant or one of its partitions. */
    public static final String PAYROLL_RUN_RUNNING = "PAYROLL_RUN_RUNNING";
    /**
     * A remote partition's worker that was taken for lost (its node stopped checking in) while it still ran: its
     * partition was sent to another worker, and the file it was staging is not recorded.
     */
    public static final String PAYROLL_PARTITION_TAKEN = "PAYROLL_PARTITION_TAKEN";
    /** A re-run of the failed lines of a run that is not finished, or of another file, agency or month. */
    public static final String PAYROLL_RETRY_REFUSED = "PAYROLL_RETRY_REFUSED";
    /** --agency, --month or --charset is not usable. */
    public static final String PAYROLL_ARGUMENT_INVALID = "PAYROLL_ARGUMENT_INVALID";
    /** The hub has no payroll configuration (jincai.payroll: adm-div-code, payers). */
    public static final String PAYROLL_NOT_CONFIGURED = "PAYROLL_NOT_CONFIGURED";
    /** The budget cannot carry the run's totals: nothing was reserved. */
    public static final String PAYROLL_BUDGET_REFUSED = "PAYROLL_BUDGET_REFUSED";

    private PayrollCodes() {
    }
}
