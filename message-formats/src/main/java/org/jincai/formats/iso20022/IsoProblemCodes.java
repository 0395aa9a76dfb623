package org.jincai.formats.iso20022;

/**
 * The stable problem codes of the ISO 20022 readers, writers and validator. Callers and tests match
 * on these; the messages beside them may change. DTDs are refused with
 * {@link org.jincai.formats.xml.SecureXml#DOCTYPE_NOT_ALLOWED}, as everywhere in the hub.
 */
public final class IsoProblemCodes {

    /**
     * An element of another namespace below the message element (outside {@code SplmtryData}): never read as
     * an ISO element; a warning in lenient reading, an error otherwise.
     */
    public static final String ISO_FOREIGN_ELEMENT = "ISO_FOREIGN_ELEMENT";
    /** Not well-formed XML, or a value that cannot be parsed (an amount, a date, a boolean). */
    public static final String ISO_NOT_READABLE = "ISO_NOT_READABLE";
    /** Well-formed XML but not a message this reader accepts: wrong root, namespace or message element. */
    public static final String ISO_UNSUPPORTED_MESSAGE = "ISO_UNSUPPORTED_MESSAGE";
    /** An element the hub cannot do without (MsgId, EndToEndId, an amount, a debtor account) is absent. */
    public static final String ISO_FIELD_MISSING = "ISO_FIELD_MISSING";
    /** A declared NbOfTxs (group or payment information) disagrees with the transactions present. */
    public static final String ISO_NB_OF_TXS_MISMATCH = "ISO_NB_OF_TXS_MISMATCH";
    /** A declared CtrlSum (group or payment information) disagrees with the sum of the amounts. */
    public static final String ISO_CTRL_SUM_MISMATCH = "ISO_CTRL_SUM_MISMATCH";
    /** An amount that is not positive or has more decimals than its currency's minor units. */
    public static final String ISO_AMOUNT_INVALID = "ISO_AMOUNT_INVALID";
    /** A currency that is not an ISO 4217 code. */
    public static final String ISO_CURRENCY_INVALID = "ISO_CURRENCY_INVALID";
    /** A bank number that is not a 12-digit CNAPS participant number. */
    public static final String ISO_BANK_NUMBER_INVALID = "ISO_BANK_NUMBER_INVALID";
    /** A document that breaks its message's XSD; the location is {@code line:column}. */
    public static final String XSD_INVALID = "XSD_INVALID";
    /** Writing: a value longer than its element allows (an id over Max35Text, a name over Max140Text). */
    public static final String ISO_FIELD_TOO_LONG = "ISO_FIELD_TOO_LONG";
    /** Writing: a character XML cannot carry (a control character, half a surrogate pair). */
    public static final String ISO_CHAR_INVALID = "ISO_CHAR_INVALID";
    /** Writing: a character that the ASCII transliteration has no rendering for (never a silent '?'). */
    public static final String ISO_TRANSLITERATION_FAILED = "ISO_TRANSLITERATION_FAILED";
    /** A code outside its list (CdtDbtInd other than CRDT/DBIT, a creditor reference type). */
    public static final String ISO_CODE_INVALID = "ISO_CODE_INVALID";
    /** Lenient reading: the document declares no namespace; its message was taken from its message element. */
    public static final String ISO_NAMESPACE_MISSING = "ISO_NAMESPACE_MISSING";
    /** Lenient reading: a namespace that is not an ISO one the reader knows (a national variant), read by its paths. */
    public static final String ISO_NAMESPACE_UNKNOWN = "ISO_NAMESPACE_UNKNOWN";
    /** No XSD is bundled for the message read, so it could not be schema-checked (a warning). */
    public static final String ISO_SCHEMA_UNAVAILABLE = "ISO_SCHEMA_UNAVAILABLE";
    /** Reading a statement: a book's balances do not add up (opening + credits - debits != closing), a warning. */
    public static final String ISO_BALANCE_MISMATCH = "ISO_BALANCE_MISMATCH";
    /** The problem list was cut at its cap; the problem says how many more there were. */
    public static final String ISO_PROBLEMS_TRUNCATED = "ISO_PROBLEMS_TRUNCATED";

    private IsoProblemCodes() {
    }
}
