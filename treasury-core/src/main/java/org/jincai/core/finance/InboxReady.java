package org.jincai.core.finance;

import java.time.Duration;

/**
 * When a file in a finance system's inbox is complete and may be taken. Files under a temporary name
 * ({@code *.part}, {@code *.tmp}) are never taken, so a writer that renames when done is always safe; beyond
 * that, per finance system:
 * <ul>
 *   <li>{@code STABLE}: the file's size and modification time have not changed for {@code stableFor} (choose it
 *       longer than the writer's longest pause);</li>
 *   <li>{@code DONE_FILE}: the file is taken only once a file of the same name plus {@code doneFileSuffix}
 *       ({@code batch-1.xml.done}) exists; the done file is removed with it.</li>
 * </ul>
 */
public record InboxReady(Mode mode, Duration stableFor, String doneFileSuffix) {

    public enum Mode { STABLE, DONE_FILE }

    public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(10);
    public static final String DEFAULT_DONE_FILE_SUFFIX = ".done";

    public InboxReady {
        mode = mode == null ? Mode.STABLE : mode;
        stableFor = stableFor == null ? DEFAULT_STABLE_FOR : stableFor;
        doneFileSuffix = doneFileSuffix == null || doneFileSuffix.isBlank() ? DEFAULT_DONE_FILE_SUFFIX : doneFileSuffix;
        if (stableFor.isNegative()) {
            throw new IllegalArgumentException("inbox-ready stable-for must not be negative");
        }
        if (!doneFileSuffix.matches("\\.[A-Za-z0-9_-]{1,16}")) {
            throw new IllegalArgumentException("inbox-ready done-file-suffix must be '.' and 1-16 letters or digits");
        }
    }

    public static InboxReady defaults() {
        return new InboxReady(Mode.STABLE, DEFAULT_STABLE_FOR, DEFAULT_DONE_FILE_SUFFIX);
    }
}
