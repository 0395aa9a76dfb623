package org.jincai.core.controls;

import java.util.Objects;
import java.util.Set;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;

/**
 * Who acts on a control — approves a level, acknowledges an alert, imports a budget: the user's name as
 * configured, the roles they hold (approval levels name roles: {@code DEPARTMENT_HEAD}, {@code FINANCE_CHIEF},
 * …), the part of the public money they may see and act on, and the channel they act through (REST, CLI,
 * the hub itself), all recorded with what they do.
 */
public record Actor(String name, Set<String> roles, DataScope scope, AuditEntry.Channel channel) {

    public Actor {
        Objects.requireNonNull(name, "name");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(channel, "channel");
    }

    /** The hub itself (routes, intake, scans), seeing everything. */
    public static Actor system(String name, AuditEntry.Channel channel) {
        return new Actor(name, Set.of(), DataScope.everything(), channel);
    }

    public boolean holds(String role) {
        return roles.contains(role);
    }
}
