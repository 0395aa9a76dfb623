package org.jincai.server.controls;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.server.config.HubProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who acts on the fiscal controls, as the core's {@link Actor}: a signed-in REST caller (their roles from the
 * sign-in), or a configured user of {@code jincai.users} the command line acts as ({@code --as USER}, recorded
 * with the CLI channel). Approval levels are role names a user holds beside APPROVER (DEPARTMENT_HEAD,
 * FINANCE_CHIEF, …: docs/budget.md). The configured users carry no data scope of their own yet: each sees the
 * whole hub.
 */
@Component
public class ControlUsers {

    public static final String USER_UNKNOWN = "USER_UNKNOWN";

    private final HubProperties props;

    public ControlUsers(HubProperties props) {
        this.props = props;
    }

    /**
     * The command line without {@code --as}: the operating-system user who runs it (the one behind {@code sudo} if
     * any), seeing the whole hub and holding no role — enough to read, and to run the scan.
     */
    public Actor hub() {
        String sudo = System.getenv("SUDO_USER");
        return Actor.system("cli:" + (sudo != null && !sudo.isBlank() ? sudo : System.getProperty("user.name", "unknown")),
                AuditEntry.Channel.CLI);
    }

    /** The REST caller. */
    public Actor rest(Authentication auth) {
        Set<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).collect(Collectors.toSet());
        return new Actor(auth.getName(), roles, DataScope.everything(), AuditEntry.Channel.REST);
    }

    /**
     * The configured user {@code name}, for the command line, when they hold one of {@code anyOf}:
     * {@value #USER_UNKNOWN} or {@code ROLE_REQUIRED} otherwise.
     */
    public Actor cli(String name, String... anyOf) {
        HubProperties.User user = props.users().stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND, USER_UNKNOWN, "no user '" + name
                        + "' in jincai.users: --as names a configured user", "--as"));
        Set<String> roles = Set.copyOf(user.roles());
        List<String> needed = Arrays.asList(anyOf);
        if (!needed.isEmpty() && needed.stream().noneMatch(roles::contains)) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.ROLE_REQUIRED, name
                    + " holds none of the roles this command needs: " + String.join(", ", needed), "--as");
        }
        return new Actor(user.name(), roles, DataScope.everything(), AuditEntry.Channel.CLI);
    }
}
