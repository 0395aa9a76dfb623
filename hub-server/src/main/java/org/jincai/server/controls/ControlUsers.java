package org.jincai.server.controls;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.server.config.HubProperties;
import org.jincai.server.security.JwtClaims;
import org.jincai.server.security.UserRules;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Who acts, as the core's {@link Actor}: a signed-in REST caller (their roles from the sign-in; their data scope
 * from their entry in {@code jincai.users}, or from the claims of their bearer token), or a configured user the
 * command line acts as ({@code --as USER}, recorded with the CLI channel). Approval levels are role names a user
 * holds beside APPROVER (DEPARTMENT_HEAD, FINANCE_CHIEF, …: docs/budget.md). A user's scope is what their
 * {@code scope} says — nothing when it names no division, unless {@code all} — and a FINANCE_SYSTEM user with a
 * {@code finance-system} and no scope of its own sees the divisions that system speaks for. The users are checked
 * when the hub starts ({@link UserRules}).
 */
@Component
public class ControlUsers {

    public static final String USER_UNKNOWN = "USER_UNKNOWN";

    private final HubProperties props;

    public ControlUsers(HubProperties props) {
        UserRules.check(props);
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

    /** The REST caller, with their roles and their data scope. */
    public Actor rest(Authentication auth) {
        return signedIn(auth, AuditEntry.Channel.REST);
    }

    /** The console's signed-in user, with their roles and their data scope: what they do is audited CONSOLE. */
    public Actor console(Authentication auth) {
        return signedIn(auth, AuditEntry.Channel.CONSOLE);
    }

    /** A signed-in user (REST or console, by {@code channel}) with their roles and their data scope. */
    public Actor signedIn(Authentication auth, AuditEntry.Channel channel) {
        Set<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).collect(Collectors.toSet());
        return new Actor(auth.getName(), roles, scope(auth), channel);
    }

    /** The REST caller's data scope: nothing for a caller the configuration does not know. */
    public DataScope scope(Authentication auth) {
        if (auth.getPrincipal() instanceof Jwt jwt) {
            return JwtClaims.scope(jwt);
        }
        return configured(auth.getName()).map(this::scope).orElseGet(ControlUsers::nothing);
    }

    /** The finance system a FINANCE_SYSTEM caller speaks for, when its user or token names one. */
    public Optional<FinanceSystem> financeSystem(Authentication auth) {
        String code = auth.getPrincipal() instanceof Jwt jwt ? JwtClaims.financeSystem(jwt)
                : configured(auth.getName()).map(HubProperties.User::financeSystem).orElse(null);
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(props.financeSystems().stream().filter(f -> f.code().equals(code)).findFirst()
                // a token may name a system this hub does not serve: it then serves no division
                .orElseGet(() -> new FinanceSystem(code, code, List.of(), null, null)));
    }

    /**
     * The configured user {@code name}, for the command line, when they hold one of {@code anyOf}:
     * {@value #USER_UNKNOWN} or {@code ROLE_REQUIRED} otherwise.
     */
    public Actor cli(String name, String... anyOf) {
        HubProperties.User user = configured(name)
                .orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND, USER_UNKNOWN, "no user '" + name
                        + "' in jincai.users: --as names a configured user", "--as"));
        Set<String> roles = Set.copyOf(user.roles());
        List<String> needed = Arrays.asList(anyOf);
        if (!needed.isEmpty() && needed.stream().noneMatch(roles::contains)) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.ROLE_REQUIRED, name
                    + " holds none of the roles this command needs: " + String.join(", ", needed), "--as");
        }
        return new Actor(user.name(), roles, scope(user), AuditEntry.Channel.CLI);
    }

    private Optional<HubProperties.User> configured(String name) {
        return props.users().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    private DataScope scope(HubProperties.User user) {
        HubProperties.Scope s = user.scope();
        if (s.all()) {
            return DataScope.everything();
        }
        if (s.admDivCodes().isEmpty() && s.agencies().isEmpty() && user.financeSystem() != null) {
            return props.financeSystems().stream().filter(f -> f.code().equals(user.financeSystem())).findFirst()
                    .map(f -> DataScope.of(f.admDivCodes(), List.of())).orElseGet(ControlUsers::nothing);
        }
        return DataScope.of(s.admDivCodes(), s.agencies());
    }

    private static DataScope nothing() {
        return DataScope.of(List.of(), List.of());
    }
}
