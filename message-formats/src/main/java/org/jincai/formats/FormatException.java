package org.jincai.formats;

import java.util.List;

/**
 * An input that cannot be read at all (not well-formed, a DTD, the wrong root, an unknown encoding), or that
 * is refused whole for the problems a reader found in it. Problems that still let the reader go on are
 * collected as {@link Problem}s instead; a refusal for several of them carries them all ({@link #problems()}),
 * the first one being {@link #problem()}.
 */
public class FormatException extends RuntimeException {

    private final List<Problem> problems;

    public FormatException(Problem problem) {
        super(problem.toString());
        this.problems = List.of(problem);
    }

    public FormatException(Problem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problems = List.of(problem);
    }

    public FormatException(String code, String message, String location) {
        this(Problem.of(code, message, location));
    }

    /**
     * A refusal for every one of {@code problems} (at least one): its code and location are the first one's.
     */
    public FormatException(List<Problem> problems) {
        super(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public Problem problem() {
        return problems.get(0);
    }

    /** Every problem the input was refused for, the first being {@link #problem()}. */
    public List<Problem> problems() {
        return problems;
    }

    public String code() {
        return problem().code();
    }
}
