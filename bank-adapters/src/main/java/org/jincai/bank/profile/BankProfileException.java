package org.jincai.bank.profile;

import java.util.List;
import java.util.stream.Collectors;
import org.jincai.formats.Problem;

/**
 * Bank profiles that cannot be used: the hub refuses to start rather than send a file to the wrong
 * place or in the wrong shape. Carries every problem found, each coded {@value #CODE} and located
 * as {@code bank <code> / <field>}.
 */
public class BankProfileException extends IllegalStateException {

    public static final String CODE = "BANK_PROFILE_INVALID";

    private final List<Problem> problems;

    public BankProfileException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    public String code() {
        return CODE;
    }

    private static String summary(List<Problem> problems) {
        return problems.size() + " bank profile problem(s): "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
