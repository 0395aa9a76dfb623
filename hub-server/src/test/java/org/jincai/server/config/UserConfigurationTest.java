package org.jincai.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jincai.core.TreasuryException;
import org.jincai.core.testing.TestDatabase;
import org.jincai.server.HubTestSupport;
import org.jincai.server.JincaiApplication;
import org.jincai.server.security.UserRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The configured users as the start checks them: a plain password stops the start with {@code USER_INVALID} named in
 * the start-up report (no stack trace), and so does a user speaking for a finance system the hub does not configure;
 * a BCrypt hash is taken.
 */
class UserConfigurationTest {

    static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Throwable failedStart(String... userArgs) {
        SpringApplication app = new SpringApplication(JincaiApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of(userArgs));
        args.add("--jincai.home=" + HubTestSupport.newHome("users"));
        args.add("--camel.main.auto-startup=false");
        db.springProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> app.run(args.toArray(String[]::new)).close()).satisfies(t -> caught[0] = t);
        return caught[0];
    }

    @Test
    void aPlainPasswordStopsTheStartNamingTheUser() {
        Throwable failure = failedStart("--jincai.users[0].name=operator", "--jincai.users[0].password=operator-pw",
                "--jincai.users[0].roles[0]=OPERATOR");

        FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith(UserRules.USER_INVALID + " at jincai.users operator / password")
                .doesNotContain("operator-pw");
    }

    @Test
    void aUserOfAnUnknownFinanceSystemIsRefusedAndABcryptHashIsTaken() {
        HubProperties.User stranger = new HubProperties.User("fin", HubTestSupport.bcrypt("fin-pw"), List.of("FINANCE_SYSTEM"),
                null, "NOWHERE-FIN");
        assertThatThrownBy(() -> UserRules.check(new HubProperties(null, null, null, null, List.of(stranger), null)))
                .isInstanceOfSatisfying(TreasuryException.class, e -> {
                    assertThat(e.code()).isEqualTo(UserRules.USER_INVALID);
                    assertThat(e.location()).isEqualTo("jincai.users fin / finance-system");
                });
        HubProperties.User hashed = new HubProperties.User("fin", HubTestSupport.bcrypt("fin-pw"), List.of("OPERATOR"));
        UserRules.check(new HubProperties(null, null, null, null, List.of(hashed), null));
        assertThat(UserRules.isBcrypt("{bcrypt}$2y$10$" + "a".repeat(53))).isTrue();
        assertThat(UserRules.isBcrypt("$2a$10$" + "a".repeat(53))).as("without its {bcrypt} prefix").isFalse();
    }
}
