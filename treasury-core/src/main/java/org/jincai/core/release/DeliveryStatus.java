package org.jincai.core.release;

/**
 * Where a bank payment file stands. The upload writes the file under a temporary name on the bank's
 * server, records that it asks for the rename, then renames it: so a crash before the rename is known to
 * have left the bank nothing, and only a crash after it leaves a file that may or may not have arrived.
 */
public enum DeliveryStatus {
    /** Staged in the bank's outbound folder; nothing of it has reached the bank. */
    PREPARED,
    /**
     * An upload attempt is writing the file under its temporary name ({@code <name>.part}) on the bank's
     * server. The final name has not been asked for, so the bank has not received it: the next attempt
     * simply writes the temporary file again.
     */
    TRANSFERRING,
    /**
     * The temporary file is complete and the rename to the final name was asked for: the file may be in
     * the bank's hands. Before anything is sent again the hub looks where the bank can show it.
     */
    UPLOADING,
    /** On the bank's server under its final name (uploaded, found there, proved by an answer or confirmed). */
    UPLOADED,
    /** Answered by the bank. */
    ANSWERED,
    /**
     * The rename may have happened and nothing the bank shows tells whether it received the file (it
     * moves files out of its inbox, shows no archive, has not answered): held for an operator, who
     * confirms it reached the bank or orders the same file resent. Never sent again by itself.
     */
    DELIVERY_UNCERTAIN;

    /** True while the bank may not have the file yet and the hub still has work to do on it. */
    public boolean inFlight() {
        return this == PREPARED || this == TRANSFERRING || this == UPLOADING;
    }

    /** True once the file is known to be in the bank's hands. */
    public boolean arrived() {
        return this == UPLOADED || this == ANSWERED;
    }
}
