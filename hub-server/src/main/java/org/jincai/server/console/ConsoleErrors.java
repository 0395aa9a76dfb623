package org.jincai.server.console;

import org.jincai.batch.report.ReportException;
import org.jincai.core.TreasuryException;
import org.jincai.formats.FormatException;
import org.jincai.scheduler.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the console tells a user whose action the hub refused: the hub's stable code and its message. */
final class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    private ConsoleErrors() {
    }

    /** {@code CODE: message} for the hub's typed refusals; a plain message for anything else. */
    static String describe(RuntimeException e) {
        String code = null;
        if (e instanceof TreasuryException t) {
            code = t.code();
        } else if (e instanceof FormatException f) {
            code = f.code();
        } else if (e instanceof SchedulerException s) {
            code = s.code();
        } else if (e instanceof ReportException r) {
            code = r.code();
        }
        if (code == null) {
            log.error("a console action failed", e);
            return "INTERNAL_ERROR: the hub could not do it; see its log";
        }
        return code + ": " + e.getMessage();
    }
}
