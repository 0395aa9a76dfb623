package org.jincai.core.audit;

import java.time.Instant;

/** One record of the trail as stored: its place in the chain, its content and the two hashes. */
public record AuditRecord(long seq, String recordId, Instant occurredAt, String actor, String channel, String action,
                          String objectType, String objectId, String before, String after, String reason,
                          String prevHash, String recordHash) {

    /** The SHA-256 this record must carry: of its canonical content and of {@code prevHash}. */
    public String expectedHash() {
        return AuditHash.of(this);
    }
}
