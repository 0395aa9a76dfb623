package org.jincai.core.release;

/**
 * Where a bank payment file stands: built and staged; being uploaded (an attempt started: the file may
 * already be on the bank's server); on the bank's server; answered by the bank.
 */
public enum DeliveryStatus {
    PREPARED,
    UPLOADING,
    UPLOADED,
    ANSWERED
}
