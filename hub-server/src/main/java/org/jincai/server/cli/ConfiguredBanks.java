package org.jincai.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The bank profiles' codes and agent bank numbers as the built-in configuration files declare them
 * (see {@link #all()}), read without starting the hub — for one-shot commands such as {@code convert --bank}.
 */
final class ConfiguredBanks {

    static final String TWELVE_DIGITS = "\\d{12}";

    private ConfiguredBanks() {
    }

    /** A bank as far as these commands need it. */
    record Bank(String code, List<String> agentBankNumbers) {
    }

    /** {@code codeOrNumber} itself when it is a 12-digit agent bank number, else the named profile's first number. */
    static Optional<String> agentBankNumber(String codeOrNumber) {
        if (codeOrNumber.matches(TWELVE_DIGITS)) {
            return Optional.of(codeOrNumber);
        }
        return all().stream().filter(b -> b.code().equals(codeOrNumber) && !b.agentBankNumbers().isEmpty())
                .map(b -> b.agentBankNumbers().get(0)).findFirst();
    }

    /**
     * The banks of the built-in {@code application.yml} and of the profile files of the active profiles
     * ({@code SPRING_PROFILES_ACTIVE}); when none names a bank, the simulated demo banks
     * ({@code application-simulator.yml}), so that the demo's codes work out of the box.
     */
    static List<Bank> all() {
        List<String> files = new ArrayList<>(List.of("application.yml"));
        String active = System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", "");
        for (String profile : active.split(",")) {
            if (!profile.isBlank()) {
                files.add("application-" + profile.strip() + ".yml");
            }
        }
        List<Bank> banks = banks(files);
        return banks.isEmpty() ? banks(List.of(SIMULATED)) : banks;
    }

    private static final String SIMULATED = "application-simulator.yml";

    private static List<Bank> banks(List<String> files) {
        StandardEnvironment env = new StandardEnvironment();
        try {
            for (String file : files) {
                ClassPathResource resource = new ClassPathResource(file);
                if (!resource.exists()) {
                    continue;
                }
                // a later file overrides an earlier one, as profile files do
                for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, resource)) {
                    env.getPropertySources().addFirst(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in configuration", e);
        }
        return Binder.get(env).bind("jincai.banks", Bindable.listOf(Bank.class)).orElse(List.of());
    }
}
