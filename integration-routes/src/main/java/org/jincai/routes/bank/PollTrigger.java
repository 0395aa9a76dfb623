package org.jincai.routes.bank;

import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A Camel poll scheduler with no clock of its own: the consumer it serves (a bank's SFTP outbox) polls only when
 * {@link #pollNow()} is called, in the caller's thread — the hub's Quartz schedule {@code bank-polling}, which one node
 * of the cluster fires at a time. A poll is the consumer's own ({@code ScheduledPollConsumer.run}): every file the
 * listing holds, with the route's idempotency, archive, error folder and back-off unchanged.
 */
public final class PollTrigger extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private final ReentrantLock polling = new ReentrantLock();
    private CamelContext camelContext;
    private volatile Runnable task;
    private volatile Consumer consumer;
    private volatile boolean schedulerStarted;

    /** What a call to {@link #pollNow()} did. */
    public enum Outcome {
        /** The consumer listed its folder and took what was there. */
        POLLED,
        /** Another poll of the same folder was running: this one was not needed. */
        ALREADY_POLLING,
        /** The consumer is not started (its route is stopped, or the context is starting or stopping). */
        NOT_RUNNING
    }

    @Override
    public void onInit(Consumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.task = task;
    }

    @Override
    public void unscheduleTask() {
        this.task = null;
    }

    @Override
    public void startScheduler() {
        schedulerStarted = true;
    }

    @Override
    public boolean isSchedulerStarted() {
        return schedulerStarted;
    }

    @Override
    protected void doStop() {
        schedulerStarted = false;
    }

    /** One poll of the consumer's folder now, in this thread; never two at once. */
    public Outcome pollNow() {
        Runnable run = task;
        Consumer c = consumer;
        if (run == null || !schedulerStarted || !(c instanceof ServiceSupport s && s.isRunAllowed())) {
            return Outcome.NOT_RUNNING;
        }
        if (!polling.tryLock()) {
            return Outcome.ALREADY_POLLING;
        }
        try {
            run.run();
            return Outcome.POLLED;
        } finally {
            polling.unlock();
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
