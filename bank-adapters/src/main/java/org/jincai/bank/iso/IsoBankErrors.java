package org.jincai.bank.iso;

/**
 * Codes of {@link org.jincai.bank.file.BankFileException}s that only ISO 20022 banks raise. Shared
 * codes (EMPTY_FILE, FIELD_MISSING, AMOUNT_INVALID, DUPLICATE_END_TO_END_ID, UNKNOWN_STATUS,
 * IO_ERROR) come from {@link org.jincai.bank.file.BankFileErrors}; problems found by the ISO layer
 * itself keep their {@code org.jincai.formats.iso20022.IsoProblemCodes} code.
 */
public final class IsoBankErrors {

    /**
     * An ISO 20022 document the hub (a pain.001) or a simulated bank (a camt.053) rendered does not pass the
     * official XSD; nothing was written.
     */
    public static final String ISO_OUTPUT_INVALID = "ISO_OUTPUT_INVALID";
    /**
     * A pain.002 that rejects the original file as a whole (GrpSts RJCT) without a status per
     * transaction: the bank could not read the file (FF01) or saw it before (AM05). No payment can be
     * moved by it; an operator decides.
     */
    public static final String ANSWER_WITHOUT_TRANSACTIONS = "ANSWER_WITHOUT_TRANSACTIONS";

    private IsoBankErrors() {
    }
}
