package org.jincai.routes.bank;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the banks' outboxes are polled. On their own timers ({@link #timers()}: each inbound route every
 * {@code sftp.poll-interval} of its bank, on every node that runs the routes), or only when asked
 * ({@link #onRequest()}: each inbound route's consumer gets a {@link PollTrigger}, and the hub's Quartz schedule
 * {@code bank-polling} asks, one bank at a time, through route {@value org.jincai.routes.RouteIds#BANK_POLL}) — so that in a cluster one node polls a
 * bank at each firing.
 */
public final class BankPolls {

    private final boolean onRequest;
    private final Map<String, PollTrigger> triggers = new ConcurrentHashMap<>();

    private BankPolls(boolean onRequest) {
        this.onRequest = onRequest;
    }

    /** Every inbound route polls on its own timer. */
    public static BankPolls timers() {
        return new BankPolls(false);
    }

    /** The inbound routes poll only when {@link #poll(String)} asks. */
    public static BankPolls onRequest() {
        return new BankPolls(true);
    }

    public boolean isOnRequest() {
        return onRequest;
    }

    /** The trigger of {@code bankCode}'s inbound consumer (made on first use). */
    PollTrigger trigger(String bankCode) {
        return triggers.computeIfAbsent(bankCode, c -> new PollTrigger());
    }

    /** The name under which {@code bankCode}'s trigger is bound in the Camel registry. */
    static String registryName(String bankCode) {
        return "jincaiBankPoll-" + bankCode;
    }

    /**
     * Polls {@code bankCode}'s outbox once, now, in this thread. Refused with {@code BANK_POLL_UNKNOWN} for a bank
     * with no inbound route on request (an unknown bank, or routes on their own timers).
     */
    public PollTrigger.Outcome poll(String bankCode) {
        PollTrigger trigger = onRequest ? triggers.get(bankCode) : null;
        if (trigger == null) {
            throw new IllegalArgumentException("BANK_POLL_UNKNOWN: no inbound route of bank '" + bankCode
                    + "' polls on request" + (onRequest ? "" : " (the routes poll on their own timers)"));
        }
        return trigger.pollNow();
    }
}
