package org.jincai.bank.file;

import java.io.OutputStream;

/** Renders a payment file in one bank format. Implementations check totals and the character set before writing a byte. */
public interface BankFileWriter {

    void write(PaymentFile file, OutputStream out) throws BankFileException;
}
