/**
 * The operators' web console under {@code /console}: server-rendered pages (Spring MVC and Thymeleaf, templates in
 * {@code templates/console/}) over the services the REST API calls, behind its own form login with CSRF and a
 * session timeout ({@link org.jincai.server.console.ConsoleSecurityConfiguration}), Chinese first with English on
 * {@code ?lang=en}. No business rule lives here: every action goes through the REST controllers' own services and
 * checks (roles, data scope, maker-checker), and is audited as the signed-in user under channel {@code CONSOLE}.
 */
package org.jincai.server.console;
