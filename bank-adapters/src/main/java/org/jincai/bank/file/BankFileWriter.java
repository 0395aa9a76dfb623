package org.jincai.bank.file;

import java.io.OutputStream;

/**
 * Renders a payment file in one bank format. Implementations check every credit and the character set before
 * writing a byte, and hold one credit at a time: the credits come from a {@link CreditSource} read twice (checks and
 * totals, then the bytes), so a file of any size is rendered in the memory of one credit.
 */
public interface BankFileWriter {

    /**
     * Writes the file whose credits {@code credits} gives, streaming.
     *
     * @throws BankFileException the format's codes (EMPTY_FILE, FIELD_MISSING, DUPLICATE_END_TO_END_ID, ...)
     */
    void write(FileHead head, CreditSource credits, OutputStream out) throws BankFileException;

    /** Writes a file whose credits are in memory (a small file, a test): the streaming path over its list. */
    default void write(PaymentFile file, OutputStream out) throws BankFileException {
        write(file.head(), CreditSource.of(file.credits()), out);
    }
}
