package org.jincai.routes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.jincai.core.TreasuryException;
import org.jincai.formats.FormatException;

/**
 * The failure policy of every route that takes files from a counterpart: the file is not lost and not
 * silently skipped — it goes to the error folder (by the consumer's {@code moveFailed}) and this writes a
 * {@code <name>.reason.txt} beside it saying why, with the stable code.
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
                + "at: " + Instant.now() + "\n";
        e.getMessage().setHeader(Exchange.FILE_NAME, fileName + SUFFIX);
        e.getMessage().setBody(text.getBytes(StandardCharsets.UTF_8));
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
