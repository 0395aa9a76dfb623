package org.jincai.batch.payroll;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The progress of the payroll runs in this process, step by step, for a progress bar or a log line: each step
 * reports how far it is ({@code done} of {@code total}, total -1 when unknown, as for the lines of a file being
 * read). Watchers are called on the step's thread and must be quick.
 */
public class PayrollProgress {

    /** One report: run, step, how many done, of how many (-1 unknown). */
    public record Report(String runId, String step, long done, long total) {
    }

    private final CopyOnWriteArrayList<Consumer<Report>> watchers = new CopyOnWriteArrayList<>();

    public void report(String runId, String step, long done, long total) {
        Report r = new Report(runId, step, done, total);
        watchers.forEach(w -> w.accept(r));
    }

    /** Adds a watcher; closing the handle removes it. */
    public Watch watch(Consumer<Report> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /** A watcher's handle. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
