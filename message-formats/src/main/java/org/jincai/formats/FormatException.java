package org.jincai.formats;

/**
 * An input that cannot be read at all (not well-formed, a DTD, the wrong root, an unknown encoding).
 * Problems that still let the reader go on are collected as {@link Problem}s instead.
 */
public class FormatException extends RuntimeException {

    private final Problem problem;

    public FormatException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public FormatException(Problem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    public FormatException(String code, String message, String location) {
        this(Problem.of(code, message, location));
    }

    public Problem problem() {
        return problem;
    }

    public String code() {
        return problem.code();
    }
}
