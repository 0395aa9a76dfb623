package org.jincai.bank.simulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition the test cannot be told about (a file appearing on the server): polls it, with a bound. */
final class Poll {

    /** Between two looks: short enough for a quick test, long enough not to spin a core. */
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    /** Returns as soon as {@code condition} holds; fails the test when it still does not after {@code timeout}. */
    static void until(Duration timeout, String what, Condition condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting after " + timeout + " for " + what, last);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
