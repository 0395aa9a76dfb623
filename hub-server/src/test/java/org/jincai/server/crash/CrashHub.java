package org.jincai.server.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jincai.server.JincaiApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The hub as {@code jincai serve} starts it, in a process of its own for the crash tests: same application,
 * same configuration, plus one thing — once it is ready (start-up recovery done, routes running) it writes
 * its REST port to {@code <home>/hub.ready}, so the test knows where to call and when.
 * Arguments: Spring Boot's, {@code --jincai.home=DIR} among them.
 */
public final class CrashHub {

    static final String READY = "hub.ready";

    private CrashHub() {
    }

    public static void main(String[] args) {
        Path home = null;
        for (String a : args) {
            if (a.startsWith("--jincai.home=")) {
                home = Path.of(a.substring("--jincai.home=".length()));
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--jincai.home=DIR is required");
        }
        Path ready = home.resolve(READY);
        SpringApplication app = new SpringApplication(JincaiApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.addListeners((ApplicationListener<ApplicationReadyEvent>) e -> announce(ready,
                e.getApplicationContext().getEnvironment().getProperty("local.server.port")));
        app.run(args);
    }

    private static void announce(Path ready, String port) {
        try {
            Path tmp = ready.resolveSibling(READY + ".tmp");
            Files.writeString(tmp, port, StandardCharsets.US_ASCII);
            Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot announce the hub's port", e);
        }
    }
}
