package org.jincai.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.jincai.core.TreasuryException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Bearer tokens beside the configured users, when {@code jincai.security.jwt.*} names where their keys are: a
 * {@code public-key-location} (a PEM RSA public key file), else a {@code jwk-set-uri}, else the {@code issuer-uri}'s
 * discovery document (fetched at the first token, not at start). With {@code issuer-uri} set, a token's {@code iss}
 * must be it. Roles and scope come from the token's claims ({@link JwtClaims}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@Conditional(JwtConfiguration.Configured.class)
public class JwtConfiguration {

    static final String PREFIX = "jincai.security.jwt.";

    @Bean
    JwtDecoder jwtDecoder(Environment env) {
        String issuer = blankToNull(env.getProperty(PREFIX + "issuer-uri"));
        String jwkSet = blankToNull(env.getProperty(PREFIX + "jwk-set-uri"));
        String keyFile = blankToNull(env.getProperty(PREFIX + "public-key-location"));
        if (keyFile == null && jwkSet == null) {
            // the discovery document is fetched at the first token: the hub starts while the provider is away
            return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
        }
        NimbusJwtDecoder decoder = keyFile != null ? NimbusJwtDecoder.withPublicKey(publicKey(Path.of(keyFile))).build()
                : NimbusJwtDecoder.withJwkSetUri(jwkSet).build();
        decoder.setJwtValidator(issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    private static RSAPublicKey publicKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new TreasuryException("JWT_KEY_INVALID", "not a readable PEM RSA public key (-----BEGIN PUBLIC KEY-----): "
                    + e.getMessage(), PREFIX + "public-key-location " + file);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Any of the three keys' locations is configured. */
    static class Configured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            return blankToNull(env.getProperty(PREFIX + "issuer-uri")) != null
                    || blankToNull(env.getProperty(PREFIX + "jwk-set-uri")) != null
                    || blankToNull(env.getProperty(PREFIX + "public-key-location")) != null;
        }
    }
}
