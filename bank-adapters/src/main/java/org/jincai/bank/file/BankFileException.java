package org.jincai.bank.file;

import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * A bank file that cannot be written or read: a payee name the character set cannot encode, totals
 * that disagree with the lines, an unreadable answer. Carries a stable code and a location.
 */
public class BankFileException extends FormatException {

    public BankFileException(String code, String message, String location) {
        super(code, message, location);
    }

    public BankFileException(Problem problem, Throwable cause) {
        super(problem, cause);
    }
}
