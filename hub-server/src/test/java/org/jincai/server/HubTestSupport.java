package org.jincai.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jincai.core.testing.TestDatabase;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test's application context at a fresh home folder (simulated banks, staging) and a fresh
 * database: H2 in memory, or a new PostgreSQL schema when the tests run against PostgreSQL. The fiscal controls
 * (budget, approval and risk rules) are off unless the test keeps them ({@link #registerWithControls}): the tests
 * of transport, intake and recovery need no budget and no approver.
 */
public final class HubTestSupport {

    private HubTestSupport() {
    }

    public static Path newHome(String name) {
        try {
            return Files.createTempDirectory("jincai-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void register(DynamicPropertyRegistry registry, Path home, TestDatabase db) {
        registerWithControls(registry, home, db);
        registry.add("jincai.controls.budget.enabled", () -> "false");
        registry.add("jincai.controls.approval.enabled", () -> "false");
        registry.add("jincai.controls.risk.enabled", () -> "false");
    }

    /** As {@link #register}, with the fiscal controls as the configuration has them (on by default). */
    public static void registerWithControls(DynamicPropertyRegistry registry, Path home, TestDatabase db) {
        registerHomeAndDatabase(registry, home, db);
        user(registry, 0, "finance", "FINANCE_SYSTEM");
        user(registry, 1, "auditor", "AUDITOR");
        user(registry, 2, "operator", "OPERATOR");
    }

    /**
     * Configures {@code jincai.users[index]}: {@code name} with the password {@code name-pw} (as a BCrypt hash of the
     * lowest cost, quick to check), the roles given and a scope of everything.
     */
    public static void user(DynamicPropertyRegistry registry, int index, String name, String... roles) {
        String u = "jincai.users[" + index + "].";
        registry.add(u + "name", () -> name);
        registry.add(u + "password", () -> bcrypt(name + "-pw"));
        for (int i = 0; i < roles.length; i++) {
            String role = roles[i];
            registry.add(u + "roles[" + i + "]", () -> role);
        }
        registry.add(u + "scope.all", () -> "true");
    }

    /**
     * As {@link #user}, with a scope of one administrative division ({@code admDivCode}, with its children) and,
     * when {@code agency} is not null, of that one agency in it.
     */
    public static void scopedUser(DynamicPropertyRegistry registry, int index, String name, String admDivCode,
                                  String agency, String... roles) {
        user(registry, index, name, roles);
        String u = "jincai.users[" + index + "].scope.";
        registry.add(u + "all", () -> "false");
        registry.add(u + "adm-div-codes[0]", () -> admDivCode);
        if (agency != null) {
            registry.add(u + "agencies[0]", () -> agency);
        }
    }

    /** The configured form of a password: {@code {bcrypt}} and its hash, of the lowest cost (tests only). */
    public static String bcrypt(String password) {
        return "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
    }

    /** Only the home and the database: the users and the controls stay as the active profiles configure them. */
    public static void registerHomeAndDatabase(DynamicPropertyRegistry registry, Path home, TestDatabase db) {
        registry.add("jincai.home", home::toString);
        db.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        // the recurring schedules never fire in the middle of a test (the scheduler's own tests start it)
        registry.add("spring.quartz.auto-startup", () -> "false");
    }
}
