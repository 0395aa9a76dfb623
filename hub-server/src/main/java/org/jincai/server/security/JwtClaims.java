package org.jincai.server.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jincai.core.access.DataScope;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims a bearer token carries for the hub (docs/operations.md, "JWT"): the user is {@code sub}; {@value #ROLES}
 * lists the roles (OPERATOR, APPROVER, an approval level such as FINANCE_CHIEF, …); the data scope is
 * {@value #SCOPE_ALL} (true: everything) or {@value #ADM_DIV_CODES} with, optionally, {@value #AGENCIES}; a
 * FINANCE_SYSTEM caller names its finance system in {@value #FINANCE_SYSTEM}. A token without scope claims sees
 * nothing.
 */
public final class JwtClaims {

    public static final String ROLES = "roles";
    public static final String SCOPE_ALL = "scope_all";
    public static final String ADM_DIV_CODES = "adm_div_codes";
    public static final String AGENCIES = "agencies";
    public static final String FINANCE_SYSTEM = "finance_system";

    private JwtClaims() {
    }

    /** The token's roles as Spring Security authorities ({@code ROLE_OPERATOR}, …). */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        return roles(jwt).stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    public static Set<String> roles(Jwt jwt) {
        return list(jwt, ROLES).stream().collect(Collectors.toUnmodifiableSet());
    }

    public static DataScope scope(Jwt jwt) {
        if (Boolean.TRUE.equals(jwt.getClaimAsBoolean(SCOPE_ALL))) {
            return DataScope.everything();
        }
        return DataScope.of(list(jwt, ADM_DIV_CODES), list(jwt, AGENCIES));
    }

    public static String financeSystem(Jwt jwt) {
        return jwt.getClaimAsString(FINANCE_SYSTEM);
    }

    private static List<String> list(Jwt jwt, String claim) {
        if (!jwt.hasClaim(claim)) {
            return List.of();
        }
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }
}
