package org.jincai.core.finance;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Answers, every {@code jincai.receipts.sweep-interval}, the settled vouchers left unanswered
 * ({@link ReceiptService#settleAll}): those whose answer failed when their bank's answer settled them (a deadlock, a
 * lock timeout, a file not staged), so that none waits for the next start. Every serving node sweeps; a voucher is
 * answered once whichever node gets there first (the answer's unique key). A sweep that fails as a whole is logged
 * {@value #RECEIPT_SWEEP_FAILED} and the next one tries again.
 */
public class ReceiptSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReceiptSweep.class);
    public static final String RECEIPT_SWEEP_FAILED = "RECEIPT_SWEEP_FAILED";

    private final ReceiptService receipts;
    private final Duration every;
    private ScheduledExecutorService timer;

    public ReceiptSweep(ReceiptService receipts, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("jincai.receipts.sweep-interval must be positive: " + every);
        }
        this.receipts = receipts;
        this.every = every;
    }

    /** One sweep: the answers it wrote. */
    public List<WrittenAnswer> sweep() {
        List<WrittenAnswer> written = receipts.settleAll();
        if (!written.isEmpty()) {
            log.warn("receipt sweep answered {} voucher(s) left unanswered: {}", written.size(),
                    written.stream().map(WrittenAnswer::voucherNo).toList());
        }
        return written;
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("{}: {}", RECEIPT_SWEEP_FAILED, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receipt-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
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
