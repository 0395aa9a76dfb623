package org.jincai.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Calls to a hub's REST API on loopback, as the tests' users make them: {@code user} signs in with HTTP basic and
 * the password {@code <user>-pw} ({@link HubTestSupport#user}), a value starting with {@code "Bearer "} is sent as it
 * is, and null calls anonymously.
 */
public final class ApiCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ApiCalls() {
    }

    /** The request, ready to send: {@code body} (none when null) with its {@code contentType} (none when null). */
    public static HttpRequest.Builder request(int port, String method, String path, String contentType, byte[] body,
                                              String user) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            req.header("Content-Type", contentType);
        }
        if (user != null) {
            req.header("Authorization", user.startsWith("Bearer ") ? user : basic(user));
        }
        return req;
    }

    /** The call, its answer as UTF-8 text. */
    public static HttpResponse<String> call(int port, String method, String path, String contentType, byte[] body,
                                            String user) throws Exception {
        return HTTP.send(request(port, method, path, contentType, body, user).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The call with a JSON body (or none when null), its answer as UTF-8 text. */
    public static HttpResponse<String> json(int port, String method, String path, String json, String user)
            throws Exception {
        return call(port, method, path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), user);
    }

    /** The boundary of {@link #payrollForm}'s parts, for its content type. */
    public static final String FORM_BOUNDARY = "jincai-test-form-boundary";
    /** The content type of a {@link #payrollForm}. */
    public static final String FORM = "multipart/form-data; boundary=" + FORM_BOUNDARY;

    /** A payroll run's launch as {@code POST /api/v1/payroll/runs} takes it: agency, month and the file. */
    public static byte[] payrollForm(Path file, String agency, String month) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"agency", agency}, {"month", month}}) {
            body.write(("--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"payroll.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + FORM_BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The HTTP basic header value of a test user. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }
}
