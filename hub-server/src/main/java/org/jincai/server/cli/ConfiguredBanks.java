package org.jincai.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The bank profiles' codes and agent bank numbers as the built-in configuration ({@code application.yml})
 * declares them, read without starting the hub — for one-shot commands such as {@code convert --bank}.
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

    static List<Bank> all() {
        StandardEnvironment env = new StandardEnvironment();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                    new ClassPathResource("application.yml"))) {
                env.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in configuration", e);
        }
        return Binder.get(env).bind("jincai.banks", Bindable.listOf(Bank.class)).orElse(List.of());
    }
}
