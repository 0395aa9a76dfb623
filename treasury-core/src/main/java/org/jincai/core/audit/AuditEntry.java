package org.jincai.core.audit;

import java.util.Objects;

/**
 * What is appended to the audit trail: who ({@code actor}), through what ({@code channel}), did what
 * ({@code action}, a stable code such as {@code DELIVERY_CONFIRMED}) to which object ({@code objectType},
 * {@code objectId}), with the state before and after and the reason given. Texts longer than their
 * column are cut, never refused: the action itself must not fail for the length of its description.
 */
public record AuditEntry(String actor, Channel channel, String action, String objectType, String objectId,
                         String before, String after, String reason) {

    /** Where an action came from. */
    public enum Channel {
        /** A REST call by a signed-in user. */
        REST,
        /** An operator's command line. */
        CLI,
        /** A route or the hub itself acting on a file or an answer. */
        SYSTEM,
        /** A scheduled job. */
        SCHEDULE,
        /** The web console ({@code /console}), by a signed-in user. */
        CONSOLE
    }

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectId, "objectId");
    }

    public static AuditEntry of(String actor, Channel channel, String action, String objectType, String objectId) {
        return new AuditEntry(actor, channel, action, objectType, objectId, null, null, null);
    }

    public AuditEntry change(String newBefore, String newAfter) {
        return new AuditEntry(actor, channel, action, objectType, objectId, newBefore, newAfter, reason);
    }

    public AuditEntry because(String newReason) {
        return new AuditEntry(actor, channel, action, objectType, objectId, before, after, newReason);
    }
}
