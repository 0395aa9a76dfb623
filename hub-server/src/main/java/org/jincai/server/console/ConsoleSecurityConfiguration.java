package org.jincai.server.console;

import java.util.Locale;
import org.jincai.server.security.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's own security, ahead of the REST API's stateless chain (which it leaves as it is): everything under
 * {@code /console/} with a form login at {@code /console/login}, a session (its timeout is
 * {@code server.servlet.session.timeout}, 30 minutes by default), CSRF tokens on every form, and the same users and
 * roles as the API. Operators act, approvers decide approvals, auditors read; the data scope is the services' own
 * check, as over REST. The language is Chinese unless {@code ?lang=en} (kept in a cookie) asks for English.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ConsoleSecurityConfiguration implements WebMvcConfigurer {

    /** Where the console lives. */
    public static final String BASE = "/console";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        String[] readers = {Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN};
        http.securityMatcher(BASE, BASE + "/**")
                .formLogin(f -> f.loginPage(BASE + "/login").loginProcessingUrl(BASE + "/login")
                        .defaultSuccessUrl(BASE, true).failureUrl(BASE + "/login?error").permitAll())
                .logout(l -> l.logoutUrl(BASE + "/logout").logoutSuccessUrl(BASE + "/login?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.invalidSessionUrl(BASE + "/login?expired"))
                .exceptionHandling(e -> e.accessDeniedPage(BASE + "/denied"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, BASE + "/login", BASE + "/console.css", BASE + "/console.js")
                        .permitAll()
                        .requestMatchers(BASE + "/denied").authenticated()
                        // approvals: approvers decide
                        .requestMatchers(BASE + "/approvals", BASE + "/approvals/**").hasRole(Roles.APPROVER)
                        // alerts: approvers and operators acknowledge, auditors read
                        .requestMatchers(HttpMethod.POST, BASE + "/alerts/*/ack").hasAnyRole(Roles.OPERATOR, Roles.APPROVER)
                        .requestMatchers(HttpMethod.GET, BASE + "/alerts").hasAnyRole(Roles.OPERATOR, Roles.APPROVER,
                                Roles.AUDITOR)
                        // the operators' pages: operators act, auditors read
                        .requestMatchers(HttpMethod.GET, BASE + "/exceptions", BASE + "/schedules", BASE + "/banks",
                                BASE + "/reports", BASE + "/reports/**", BASE + "/payroll", BASE + "/payroll/**",
                                BASE + "/files/**").hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, BASE + "/exceptions/**", BASE + "/schedules/**",
                                BASE + "/banks/**", BASE + "/reports/**", BASE + "/payroll/**", BASE + "/release",
                                BASE + "/vouchers")
                        .hasRole(Roles.OPERATOR)
                        // the dashboard, vouchers and payments: every console user, inside their scope
                        .requestMatchers(HttpMethod.GET, BASE, BASE + "/", BASE + "/dashboard/live", BASE + "/vouchers",
                                BASE + "/payments", BASE + "/payments/*").hasAnyRole(readers)
                        .anyRequest().denyAll());
        return http.build();
    }

    /** Chinese first; {@code ?lang=en} or {@code ?lang=zh_CN} switches, remembered in a cookie. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("JINCAI_LANG");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        registry.addInterceptor(lang).addPathPatterns(BASE, BASE + "/**");
    }
}
