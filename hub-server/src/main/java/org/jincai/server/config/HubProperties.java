package org.jincai.server.config;

import java.nio.file.Path;
import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.InboxReady;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own configuration ({@code jincai.*}): its home folder (embedded database, simulated banks,
 * every output), the agent bank profiles, the finance systems upstream, the embedded bank simulator and
 * the API users; {@code inboxReady} is when a file in a finance system's inbox is complete, for every system
 * that does not say so itself.
 */
@ConfigurationProperties("jincai")
public record HubProperties(
        @DefaultValue("./jincai-data") Path home,
        List<BankProfile> banks,
        List<FinanceSystem> financeSystems,
        Simulator simulator,
        List<User> users,
        InboxReady inboxReady) {

    public HubProperties {
        banks = banks == null ? List.of() : List.copyOf(banks);
        financeSystems = financeSystems == null ? List.of() : List.copyOf(financeSystems);
        users = users == null ? List.of() : List.copyOf(users);
        simulator = simulator == null ? new Simulator(false, "0000") : simulator;
        inboxReady = inboxReady == null ? InboxReady.defaults() : inboxReady;
    }

    /**
     * The embedded bank simulator: when enabled, every bank profile on 127.0.0.1 with port 0 is served by it,
     * and credits to accounts ending in {@code rejectAccountSuffix} are rejected (AC04).
     */
    public record Simulator(@DefaultValue("false") boolean enabled, @DefaultValue("0000") String rejectAccountSuffix) {
    }

    /**
     * An API user: a BCrypt hash ({@code {bcrypt}$2a$...}) as password — a plain one stops the start; a blank one
     * is generated at start and written to {@code <home>/credentials.txt} — the roles held, the data scope, and for
     * a FINANCE_SYSTEM user the code of the finance system it speaks for (its vouchers only, docs/operations.md).
     */
    public record User(String name, String password, List<String> roles, Scope scope, String financeSystem) {

        @ConstructorBinding
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            scope = scope == null ? new Scope(false, null, null) : scope;
        }

        /** A user with no data scope and no finance system. */
        public User(String name, String password, List<String> roles) {
            this(name, password, roles, null, null);
        }
    }

    /**
     * What a user sees and acts on: administrative divisions (AdmDivCode, with their children) and, when given,
     * only these agencies in them; nothing at all when both are empty, unless {@code all}.
     */
    public record Scope(@DefaultValue("false") boolean all, List<String> admDivCodes, List<String> agencies) {

        public Scope {
            admDivCodes = admDivCodes == null ? List.of() : List.copyOf(admDivCodes);
            agencies = agencies == null ? List.of() : List.copyOf(agencies);
        }
    }
}
