package org.jincai.bank.file;

/**
 * The stable codes carried by {@link BankFileException}. Callers and tests match on these, never on
 * the message text.
 */
public final class BankFileErrors {

    /** A file name (made from a pattern, or received from outside) is not one safe path segment. */
    public static final String UNSAFE_FILE_NAME = "UNSAFE_FILE_NAME";
    /** A file-name pattern carries a token the hub does not know. */
    public static final String UNKNOWN_NAME_TOKEN = "UNKNOWN_NAME_TOKEN";
    /** A part number outside 1..parts, or more parts than the 3-digit token can name. */
    public static final String FILE_PART_OUT_OF_RANGE = "FILE_PART_OUT_OF_RANGE";
    /** One credit alone is above the bank's maximum amount per file: no split can carry it. */
    public static final String CREDIT_EXCEEDS_FILE_LIMIT = "CREDIT_EXCEEDS_FILE_LIMIT";
    /** A text the bank's character set cannot encode (a rare character in a payee name under GBK). */
    public static final String CHARSET_UNENCODABLE = "CHARSET_UNENCODABLE";
    /** Bytes that are not valid in the bank's character set. */
    public static final String UNDECODABLE_BYTES = "UNDECODABLE_BYTES";
    /** A field holds the layout's separator or a line break, which would shift every later field. */
    public static final String FIELD_CONTAINS_SEPARATOR = "FIELD_CONTAINS_SEPARATOR";
    /** A mandatory field is empty. */
    public static final String FIELD_MISSING = "FIELD_MISSING";
    /**
     * A text longer than its fixed-width field, counted in the charset's bytes (a GBK Chinese character
     * counts two). Never cut: a cut name pays the wrong person, a cut character is not a character.
     */
    public static final String FIELD_TOO_LONG = "FIELD_TOO_LONG";
    /** An amount or total above the largest number its field can hold (the layout's named maximum). */
    public static final String AMOUNT_OVERFLOW = "AMOUNT_OVERFLOW";
    /** An amount that is not positive or has more than two decimals (fen). */
    public static final String AMOUNT_INVALID = "AMOUNT_INVALID";
    /** A payment file without any credit. */
    public static final String EMPTY_FILE = "EMPTY_FILE";
    /** The same end-to-end id twice in one file: answers could not be matched to payments. */
    public static final String DUPLICATE_END_TO_END_ID = "DUPLICATE_END_TO_END_ID";
    /**
     * A payment file a bank has received before (the same name, or the same message id): refused
     * unread, never paid twice. Raised by the simulated banks in their refusals.
     */
    public static final String DUPLICATE_FILE = "DUPLICATE_FILE";
    /** The summary's count or total disagrees with the lines; the whole file is refused. */
    public static final String TOTALS_MISMATCH = "TOTALS_MISMATCH";
    /** A line that does not fit the layout (record type, number of fields, a field's format, order). */
    public static final String MALFORMED_LINE = "MALFORMED_LINE";
    /** A file that is not a file of the layout at all (empty, no summary). */
    public static final String MALFORMED_FILE = "MALFORMED_FILE";
    /** A return line whose status is neither success nor failure. */
    public static final String UNKNOWN_STATUS = "UNKNOWN_STATUS";
    /** A profile format that this module cannot write or read. */
    public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
    /** The stream failed while a file was written or read. */
    public static final String IO_ERROR = "IO_ERROR";

    private BankFileErrors() {
    }
}
