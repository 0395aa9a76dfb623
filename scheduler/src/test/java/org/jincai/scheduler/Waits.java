package org.jincai.scheduler;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition on the database until it holds or the time is up (Quartz fires on its own threads). */
final class Waits {

    private Waits() {
    }

    static boolean until(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
