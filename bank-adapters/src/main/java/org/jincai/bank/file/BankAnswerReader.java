package org.jincai.bank.file;

import java.io.InputStream;

/** Reads one kind of bank answer file (status report or return file). A file whose totals disagree is refused whole. */
public interface BankAnswerReader {

    BankAnswer read(String fileName, InputStream in) throws BankFileException;
}
