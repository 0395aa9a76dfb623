package org.jincai.core.voucher;

import java.util.List;
import org.jincai.core.TreasuryException;
import org.jincai.formats.Problem;

/** The envelope as a whole is inconsistent (e.g. VoucherCount disagrees with its bodies): nothing in it is taken. */
public class EnvelopeRefusedException extends TreasuryException {

    private final List<Problem> problems;

    public EnvelopeRefusedException(List<Problem> problems) {
        super(problems.get(0).code(), problems.get(0).message(), problems.get(0).location());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
