package org.jincai.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of the REST API, generated from the controllers by springdoc and served at
 * {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}) to signed-in users. The server is given as the
 * relative {@code /}, so that the document is the same on every host and port; the exported copy in
 * {@code docs/openapi.json} is checked against the running application by {@code ApiContractTest}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BASIC = "basic";

    @Bean
    OpenAPI jincaiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Jincai treasury integration hub")
                        .description("Vouchers in from finance systems, payments out to agent banks, answers back; "
                                + "the fiscal controls and the audit trail. Errors are JSON objects with a stable "
                                + "code, a message and, where it applies, the location of the problem.")
                        .version("v1")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
