package org.jincai.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jincai.core.controls.ControlCodes;
import org.jincai.formats.Problem;
import org.jincai.server.api.ApiErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * The security layer's refusals in the API's problem shape ({@link ApiErrors.ErrorResponse}): 401
 * {@value #UNAUTHENTICATED} without valid credentials (with the Basic and Bearer challenges), 403
 * {@value ControlCodes#ROLE_REQUIRED} for a signed-in user whose roles do not allow the endpoint. A refusal for
 * the data scope ({@value ControlCodes#OUT_OF_SCOPE}) comes from the endpoint itself, through {@link ApiErrors}.
 */
public class AccessErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jincai\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, Problem.of(UNAUTHENTICATED,
                "sign in: HTTP basic with a configured user, or a bearer token", request.getRequestURI()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpServletResponse.SC_FORBIDDEN, Problem.of(ControlCodes.ROLE_REQUIRED,
                "none of your roles may " + request.getMethod() + " this endpoint", request.getRequestURI()));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, Problem problem)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(),
                ApiErrors.ErrorResponse.of(List.of(problem)).at(status, request.getRequestURI()));
    }
}
