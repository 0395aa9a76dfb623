package org.jincai.core.controls;

import java.util.List;
import org.jincai.core.TreasuryException;
import org.jincai.formats.Problem;

/**
 * A fiscal control refused something: a voucher (over budget, no budget subject), a budget file (every bad
 * line), an approval or an acknowledgement (not allowed, not found, already decided). {@link #kind()} says
 * what sort of refusal it is, which the API answers with 400, 403, 404 or 409; {@link #problems()} holds
 * every problem found, the first of which gives the code.
 */
public class ControlException extends TreasuryException {

    /** What sort of refusal: bad input, not allowed to this user, no such thing, or a state that forbids it. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final List<Problem> problems;

    public ControlException(Kind kind, String code, String message, String location) {
        this(kind, List.of(Problem.of(code, message, location)));
    }

    public ControlException(Kind kind, List<Problem> problems) {
        super(problems.get(0).code(), problems.get(0).message(), problems.get(0).location());
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }
}
