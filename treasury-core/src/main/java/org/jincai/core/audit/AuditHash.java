package org.jincai.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical content of a record and its hash. Every field is written as its length in UTF-8 bytes, a
 * colon and the bytes (a null as {@code -}), in a fixed order, so that no two different records share a
 * canonical form; the time in UTC milliseconds, as every database stores it back the same. The sequence
 * number is not hashed: the chain is the prev_hash links, so a record slipped in between two others is
 * found by its successor's link, whatever numbers it was given.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String of(AuditRecord r) {
        StringBuilder c = new StringBuilder(256);
        for (String field : new String[] {r.recordId(), String.valueOf(r.occurredAt().toEpochMilli()), r.actor(),
                r.channel(), r.action(), r.objectType(), r.objectId(), r.before(), r.after(), r.reason(), r.prevHash()}) {
            if (field == null) {
                c.append("-;");
            } else {
                c.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(';');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(c.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
