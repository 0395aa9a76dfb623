package org.jincai.routes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.jincai.core.TreasuryException;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * The failure policy of every route that takes files from a counterpart: the file is not lost and not
 * silently skipped — it goes to the error folder (by the consumer's {@code moveFailed}) and this writes a
 * {@code <name>.reason.txt} beside it saying why, with the stable code (and, for a file refused for several
 * problems, each of them with its code and location).
 */
public final class ReasonFiles {

    public static final String SUFFIX = ".reason.txt";

    private ReasonFiles() {
    }

    /** Turns the failed exchange's message into the reason file for the file it carried. */
    public static void prepare(Exchange e) {
        Throwable cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String fileName = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String text = "file: " + fileName + "\n"
                + "code: " + code(cause) + "\n"
                + "location: " + location(cause) + "\n"
                + "reason: " + (cause == null ? "" : String.valueOf(cause.getMessage())) + "\n"
                + problems(cause)
                + "at: " + Instant.now() + "\n";
        e.getMessage().setHeader(Exchange.FILE_NAME, fileName + SUFFIX);
        e.getMessage().setBody(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every problem of a file refused for several, one per line, so none of its codes is lost. */
    private static String problems(Throwable t) {
        if (!(t instanceof FormatException f) || f.problems().size() < 2) {
            return "";
        }
        StringBuilder b = new StringBuilder("problems:\n");
        for (Problem p : f.problems()) {
            b.append("  ").append(p.code()).append(" at ").append(p.location()).append(": ").append(p.message()).append('\n');
        }
        return b.toString();
    }

    static String code(Throwable t) {
        if (t instanceof FormatException f) {
            return f.code();
        }
        if (t instanceof TreasuryException te) {
            return te.code();
        }
        return t == null ? "UNKNOWN" : "UNEXPECTED_" + t.getClass().getSimpleName();
    }

    private static String location(Throwable t) {
        if (t instanceof FormatException f) {
            return f.problem().location();
        }
        if (t instanceof TreasuryException te) {
            return te.location();
        }
        return "";
    }
}
