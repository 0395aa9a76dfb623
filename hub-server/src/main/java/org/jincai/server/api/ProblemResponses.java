package org.jincai.server.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Completes every {@link ApiErrors.ErrorResponse} on its way out, wherever it was made (the shared handlers or an
 * endpoint's own): the status it is answered with, the path it answers, and the media type
 * {@code application/problem+json} of RFC 9457.
 */
@RestControllerAdvice
public class ProblemResponses implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ApiErrors.ErrorResponse error) || !(response instanceof ServletServerHttpResponse servlet)) {
            return body;
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return error.at(servlet.getServletResponse().getStatus(), request.getURI().getRawPath());
    }
}
