package org.jincai.server.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankSimulator;
import org.jincai.bank.simulator.RejectionRule;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The demo's three banks served by a simulator in the test's own process — so they outlive every hub process a
 * test kills — and the hub configuration ({@code crash/crash-hub.yml}) written next to them with the simulator's
 * port and host key filled in, for hubs started with {@link HubProcess}.
 *
 * @param simulator the running banks (close them at the end)
 * @param config    the hub's configuration file, for {@code --spring.config.additional-location=file:…}
 */
public record SimulatedBanks(BankSimulator simulator, Path config) implements AutoCloseable {

    public static final List<String> CODES = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");

    /** Starts the banks under {@code root/banks}, rejecting credits by {@code rule}, and writes the configuration. */
    public static SimulatedBanks start(Path root, RejectionRule rule) throws IOException {
        String template = resource("/crash/crash-hub.yml");
        BankSimulator simulator = BankSimulator.builder().root(root.resolve("banks"))
                .banks(bind(template.replace("@PORT@", "0").replace("@KNOWN_HOSTS@", ""))).rule(rule).build().start();
        Path config = root.resolve("crash-hub.yml");
        Files.writeString(config, template.replace("@PORT@", String.valueOf(simulator.port()))
                .replace("@KNOWN_HOSTS@", simulator.knownHostsLine("127.0.0.1")), StandardCharsets.UTF_8);
        return new SimulatedBanks(simulator, config);
    }

    /** The Spring argument that points a hub at these banks. */
    public String hubArgument() {
        return "--spring.config.additional-location=file:" + config;
    }

    @Override
    public void close() throws Exception {
        simulator.close();
    }

    private static List<BankProfile> bind(String yaml) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("crash-hub", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
                .forEach(env.getPropertySources()::addLast);
        return Binder.get(env).bind("jincai.banks", Bindable.listOf(BankProfile.class)).get();
    }

    private static String resource(String name) {
        try (InputStream in = SimulatedBanks.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
