package org.jincai.core.release;

/** Where a bank payment file stands: built and staged, on the bank's server, answered by the bank. */
public enum DeliveryStatus {
    PREPARED,
    UPLOADED,
    ANSWERED
}
