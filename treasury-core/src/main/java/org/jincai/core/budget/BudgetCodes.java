package org.jincai.core.budget;

/**
 * The codes of budget control: refusals of a voucher at intake (or of its hold), of payments drawing on a hold, and
 * of a budget file at import.
 */
public final class BudgetCodes {

    /** No indicator for the payment's budget subject, or the voucher lacks a code of it. */
    public static final String BUDGET_SUBJECT_NOT_FOUND = "BUDGET_SUBJECT_NOT_FOUND";
    /** The payments need more than the indicator has available (approved − reserved − spent). */
    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";
    /** The payments need more than the month's plan has available, or the agency has no plan that month. */
    public static final String PLAN_EXCEEDED = "PLAN_EXCEEDED";
    /**
     * Payments being born need more than their voucher's hold has left of an indicator or plan (nothing, when the
     * voucher holds nothing of their subject or plan, or its hold was released).
     */
    public static final String BUDGET_HOLD_EXCEEDED = "BUDGET_HOLD_EXCEEDED";

    /** This very file (same kind, same SHA-256) was imported before: importing it again would count it twice. */
    public static final String BUDGET_FILE_ALREADY_IMPORTED = "BUDGET_FILE_ALREADY_IMPORTED";
    /** The file holds no line after its header, or no header. */
    public static final String BUDGET_FILE_EMPTY = "BUDGET_FILE_EMPTY";
    /** The file cannot be read: not in the character set given, or a quote left open. */
    public static final String BUDGET_FILE_UNREADABLE = "BUDGET_FILE_UNREADABLE";
    /** The file has more lines than one import takes. */
    public static final String BUDGET_FILE_TOO_LARGE = "BUDGET_FILE_TOO_LARGE";
    /** A column the file must have is missing from its header. */
    public static final String BUDGET_COLUMN_MISSING = "BUDGET_COLUMN_MISSING";
    /** The header names a column this kind of file does not have (or names one twice). */
    public static final String BUDGET_COLUMN_UNKNOWN = "BUDGET_COLUMN_UNKNOWN";
    /** A line has more or fewer fields than the header. */
    public static final String BUDGET_LINE_MALFORMED = "BUDGET_LINE_MALFORMED";
    /** A value is missing or not of its column's form (a code, a year, a month). */
    public static final String BUDGET_FIELD_INVALID = "BUDGET_FIELD_INVALID";
    /** An amount that is not positive, has more than two decimals or is too large. */
    public static final String BUDGET_AMOUNT_INVALID = "BUDGET_AMOUNT_INVALID";
    /** A Type that is none of 下达/INITIAL, 追加/INCREASE, 追减/DECREASE. */
    public static final String BUDGET_TYPE_INVALID = "BUDGET_TYPE_INVALID";
    /** An initial amount (下达) for an indicator or plan that exists already: adjust it (追加/追减) instead. */
    public static final String BUDGET_ALREADY_EXISTS = "BUDGET_ALREADY_EXISTS";
    /** An adjustment (追加/追减) of an indicator or plan that does not exist. */
    public static final String BUDGET_NOT_FOUND = "BUDGET_NOT_FOUND";
    /** A decrease (追减) larger than what the indicator or plan has available. */
    public static final String BUDGET_DECREASE_TOO_LARGE = "BUDGET_DECREASE_TOO_LARGE";
    /** One document (DocNo) moving the same indicator or plan twice. */
    public static final String BUDGET_DOC_REPEATED = "BUDGET_DOC_REPEATED";

    private BudgetCodes() {
    }
}
