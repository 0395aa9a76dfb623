package org.jincai.bank.iso;

import java.util.List;
import org.jincai.bank.file.BankFileException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.IsoXsdValidator;

/**
 * The last step before an ISO 20022 document the hub or a simulated bank made is handed out: the official
 * XSD. A document it refuses is a {@link BankFileException} ({@value IsoBankErrors#ISO_OUTPUT_INVALID})
 * located at its first problem, and nobody ever receives it.
 */
public final class IsoOutput {

    private static final IsoXsdValidator VALIDATOR = new IsoXsdValidator();

    private IsoOutput() {
    }

    /**
     * {@code xml} once it passes the XSD of {@code messageNameId}.
     *
     * @param what     the document in the message, e.g. {@code pain.001.001.09 for bank DEMO-ISO}
     * @param location where the problems are located, e.g. the file name
     * @throws BankFileException ISO_OUTPUT_INVALID
     */
    public static byte[] requireValid(byte[] xml, String messageNameId, String what, String location) throws BankFileException {
        List<Problem> problems = VALIDATOR.validate(xml, messageNameId, location);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new BankFileException(IsoBankErrors.ISO_OUTPUT_INVALID, problems.size() + " schema problem(s) in the "
                    + what + "; first: " + first.message(), first.location());
        }
        return xml;
    }
}
