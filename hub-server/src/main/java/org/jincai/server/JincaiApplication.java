package org.jincai.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Jincai hub: one Spring Boot application holding the routes, the core and the API. Started by {@link org.jincai.server.cli.JincaiCli}. */
@SpringBootApplication(scanBasePackages = "org.jincai")
@ConfigurationPropertiesScan("org.jincai.server")
public class JincaiApplication {
}
