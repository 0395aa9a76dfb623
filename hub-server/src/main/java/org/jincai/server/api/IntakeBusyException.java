package org.jincai.server.api;

/**
 * As many envelopes as {@code jincai.api.max-concurrent-intakes} are being taken in already: this one is
 * refused unread with 503 and {@code Retry-After}, so load never turns into memory.
 */
public class IntakeBusyException extends RuntimeException {

    public static final String CODE = "INTAKE_BUSY";

    private final long retryAfterSeconds;

    public IntakeBusyException(int limit, long retryAfterSeconds) {
        super(limit + " envelopes are being taken in already; send again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
