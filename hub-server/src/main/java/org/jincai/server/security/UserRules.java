package org.jincai.server.security;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jincai.core.TreasuryException;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.server.config.HubProperties;

/**
 * What the configured users ({@code jincai.users}) must be before the hub starts: named once each, a password that
 * is a BCrypt hash ({@code {bcrypt}$2a$10$...}) or blank (generated at start), never a plain one, and a finance
 * system that is configured. A broken user stops the start with {@value #USER_INVALID}, reported without a stack
 * trace.
 */
public final class UserRules {

    /** A configured user the hub refuses to start with. */
    public static final String USER_INVALID = "USER_INVALID";

    /** The prefix that marks a stored password as BCrypt for Spring Security's delegating encoder. */
    public static final String BCRYPT_PREFIX = "{bcrypt}";

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private UserRules() {
    }

    /** @throws TreasuryException {@value #USER_INVALID} naming the first user that breaks a rule */
    public static void check(HubProperties props) {
        Set<String> names = new HashSet<>();
        Set<String> systems = new HashSet<>();
        for (FinanceSystem f : props.financeSystems()) {
            systems.add(f.code());
        }
        for (HubProperties.User u : props.users()) {
            if (u.name() == null || u.name().isBlank()) {
                throw invalid("a user has no name", "jincai.users");
            }
            String at = "jincai.users " + u.name();
            if (!names.add(u.name())) {
                throw invalid("the user " + u.name() + " is configured twice", at);
            }
            String password = u.password();
            if (password != null && !password.isBlank() && !isBcrypt(password)) {
                throw invalid("the password of " + u.name() + " is not a BCrypt hash: a plain password in the"
                        + " configuration is refused; give {bcrypt}$2a$... (docs/operations.md, \"Users\")", at + " / password");
            }
            if (u.financeSystem() != null && !u.financeSystem().isBlank() && !systems.contains(u.financeSystem())) {
                throw invalid("the user " + u.name() + " speaks for finance system " + u.financeSystem()
                        + ", which jincai.finance-systems does not configure", at + " / finance-system");
            }
        }
    }

    /** Whether the stored password is {@code {bcrypt}} followed by a well-formed BCrypt hash. */
    public static boolean isBcrypt(String password) {
        return password.startsWith(BCRYPT_PREFIX) && BCRYPT.matcher(password.substring(BCRYPT_PREFIX.length())).matches();
    }

    private static TreasuryException invalid(String message, String location) {
        return new TreasuryException(USER_INVALID, message, location);
    }
}
