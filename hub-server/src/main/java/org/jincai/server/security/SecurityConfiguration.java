package org.jincai.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jincai.server.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Roles on every endpoint, HTTP basic over a stateless API, and bearer tokens when {@link JwtConfiguration} is on.
 * Users come from {@code jincai.users} with BCrypt hashes ({@link UserRules}); a user configured without a password
 * gets a random one, written to {@code <home>/credentials.txt} (owner-only) and never logged. Refusals are JSON
 * ({@link AccessErrors}); the data scope is the endpoints' own check.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt) throws Exception {
        AccessErrors errors = new AccessErrors();
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(JwtClaims::authorities);
        JwtDecoder decoder = jwt.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(errors).accessDeniedHandler(errors)
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(tokens)));
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.authenticationEntryPoint(errors))
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health").permitAll()
                        // the API's contract (OpenAPI 3) and Swagger UI: any signed-in user
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/vouchers")
                        .hasAnyRole(Roles.FINANCE_SYSTEM, Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/releases").hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/statements", "/api/v1/statements/warnings")
                        .hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/deliveries", "/api/v1/deliveries/*",
                                "/api/v1/deliveries/*/content", "/api/v1/batches", "/api/v1/batches/*",
                                "/api/v1/bank-answers").hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        // the read API (docs/operations.md): vouchers and payments inside the reader's scope
                        .requestMatchers(HttpMethod.GET, "/api/v1/vouchers", "/api/v1/vouchers/*")
                        .hasAnyRole(Roles.FINANCE_SYSTEM, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/payments", "/api/v1/payments/*",
                                "/api/v1/payments/*/timeline").hasAnyRole(Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/deliveries/*/confirm", "/api/v1/deliveries/*/resend")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/vouchers/*/*/*/*/receipt")
                        .hasAnyRole(Roles.FINANCE_SYSTEM, Roles.OPERATOR, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit/verification")
                        .hasAnyRole(Roles.AUDITOR, Roles.ADMIN)
                        // payroll runs (docs/payroll.md): operators launch and restart, approvers and auditors follow
                        .requestMatchers(HttpMethod.POST, "/api/v1/payroll/runs", "/api/v1/payroll/runs/*/restart")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/payroll/runs/*")
                        .hasAnyRole(Roles.OPERATOR, Roles.AUDITOR, Roles.APPROVER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/payroll/runs/*/outputs/*")
                        .hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        // the fiscal controls: operators import budgets, approvers decide, auditors read
                        .requestMatchers(HttpMethod.POST, "/api/v1/budget/indicators", "/api/v1/budget/plans")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/budget", "/api/v1/budget/movements")
                        .hasAnyRole(Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/approvals").hasRole(Roles.APPROVER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/approvals/*")
                        .hasAnyRole(Roles.APPROVER, Roles.OPERATOR, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/approvals/*/approve", "/api/v1/approvals/*/reject")
                        .hasRole(Roles.APPROVER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/alerts")
                        .hasAnyRole(Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/scan").hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/ack").hasAnyRole(Roles.OPERATOR, Roles.APPROVER)
                        // schedules, calendar and job operations: operators act, auditors read
                        .requestMatchers(HttpMethod.GET, "/api/v1/schedules", "/api/v1/schedules/*", "/api/v1/calendar",
                                "/api/v1/jobs", "/api/v1/jobs/*").hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/schedules/payroll", "/api/v1/schedules/*/pause",
                                "/api/v1/schedules/*/resume", "/api/v1/calendar", "/api/v1/jobs/*/restart",
                                "/api/v1/jobs/*/stop").hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/schedules/*").hasRole(Roles.OPERATOR)
                        // the metrics on the management port, for whoever watches the hub
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .hasAnyRole(Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN)
                        // the monthly report: operators run it and load performance targets, auditors read it too
                        .requestMatchers(HttpMethod.POST, "/api/v1/reports/monthly", "/api/v1/budget/performance")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/monthly/*", "/api/v1/reports/monthly/*/files/*")
                        .hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        // reconciliation exceptions (issue 11)
                        .requestMatchers(HttpMethod.GET, "/api/v1/exceptions").hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/exceptions/*/resolve").hasRole(Roles.OPERATOR)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager users(HubProperties props, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        UserRules.check(props);
        for (HubProperties.User u : props.users()) {
            String hash = u.password();
            if (hash == null || hash.isBlank()) {
                String password = randomPassword();
                generated.add(u.name() + " " + password);
                hash = encoder.encode(password);
            }
            users.add(User.withUsername(u.name()).password(hash).roles(u.roles().toArray(String[]::new)).build());
        }
        if (!generated.isEmpty()) {
            Path file = writeCredentials(props.home(), generated);
            log.info("generated API passwords for {} user(s), written to {}", generated.size(), file);
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Path writeCredentials(Path home, List<String> lines) {
        try {
            Files.createDirectories(home);
            Path file = home.resolve("credentials.txt");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated credentials under " + home, e);
        }
    }
}
