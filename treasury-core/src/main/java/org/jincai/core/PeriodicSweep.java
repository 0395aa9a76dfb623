package org.jincai.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A sweep a node runs on a daemon thread of its own, every {@code every} from the application's start (the first run
 * one interval after it) to its stop: the hub's periodic catch-up work (receipts left unanswered, job executions of a
 * lost node). A run that fails is logged with the sweep's code, without a stack trace, and the next run tries again;
 * a run under way when the application stops finishes (no interrupt) and no further run begins.
 */
public abstract class PeriodicSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

    private final String threadName;
    private final String failureCode;
    private final Duration every;
    private ScheduledExecutorService timer;

    /**
     * @param threadName  the name of the sweep's thread
     * @param failureCode logged with a run that failed as a whole
     * @param every       the delay between the end of one run and the start of the next
     * @param property    the setting {@code every} comes from, named when it is not positive
     */
    protected PeriodicSweep(String threadName, String failureCode, Duration every, String property) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(property + " must be positive: " + every);
        }
        this.threadName = threadName;
        this.failureCode = failureCode;
        this.every = every;
    }

    /** One run, on the sweep's thread. */
    protected abstract void runOnce();

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("{}: {}", failureCode, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
