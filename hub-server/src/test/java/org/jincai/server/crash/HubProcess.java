package org.jincai.server.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jincai.core.CrashPoints;

/**
 * One hub in a child JVM ({@link CrashHub}), started on a home with a crash point named (dormant until
 * {@link #arm()}) or none, reached
 * over its REST API, and ended either by SIGKILL ({@link #kill}, {@code Process.destroyForcibly()} on
 * Linux) or by SIGTERM and a graceful shutdown ({@link #stop}). Its console goes to
 * {@code <home>/logs/run-N.out}, its log to {@code run-N.log}. The JVM is started lean (C1 only, serial GC).
 */
public final class HubProcess implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(90);
    static final String MARKER = "crash.marker";
    static final String ARMED = "crash.armed";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path home;
    private final Path log;
    public final int port;

    private HubProcess(Process process, Path home, Path log, int port) {
        this.process = process;
        this.home = home;
        this.log = log;
        this.port = port;
    }

    /** Starts the hub and waits until it is ready (recovery done, routes running). */
    public static HubProcess start(Path home, int run, String crashPoint, List<String> springArgs) throws Exception {
        Files.createDirectories(home.resolve("logs"));
        Files.deleteIfExists(home.resolve(CrashHub.READY));
        Files.deleteIfExists(home.resolve(MARKER));
        Files.deleteIfExists(home.resolve(ARMED));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                "-Dfile.encoding=UTF-8", "-Dspring.jmx.enabled=false"));
        if (crashPoint != null) {
            command.add("-D" + CrashPoints.PROPERTY + "=" + crashPoint);
            command.add("-D" + CrashPoints.MARKER_PROPERTY + "=" + home.resolve(MARKER));
            command.add("-D" + CrashPoints.ARMED_BY_PROPERTY + "=" + home.resolve(ARMED));
        }
        command.addAll(List.of("-cp", classpath, CrashHub.class.getName(), "--jincai.home=" + home, "--server.port=0",
                "--management.server.port=0", "--logging.file.name=" + home.resolve("logs").resolve("run-" + run + ".log"),
                "--logging.threshold.console=WARN"));
        command.addAll(springArgs);
        Path out = home.resolve("logs").resolve("run-" + run + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + START.toNanos();
        Path ready = home.resolve(CrashHub.READY);
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub run " + run + " ended before it was ready (exit "
                        + process.exitValue() + "):\n" + tail(out, 60));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("hub run " + run + " not ready within " + START + ":\n" + tail(out, 60));
            }
            Thread.sleep(50);
        }
        return new HubProcess(process, home, home.resolve("logs").resolve("run-" + run + ".log"),
                Integer.parseInt(Files.readString(ready).strip()));
    }

    /** Makes the crash point the hub was started with live: from now on reaching it stops the hub there. */
    public void arm() throws IOException {
        Files.writeString(home.resolve(ARMED), "armed");
    }

    /** Waits until the armed crash point is reached (its marker file written). */
    public boolean awaitCrashPoint(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(home.resolve(MARKER))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and the application's graceful shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The last lines of this run's log, for a failure's message. */
    public String tail() {
        return tail(log, 80);
    }

    public HttpResponse<String> call(String method, String path, byte[] body, String contentType, String user) throws Exception {
        return HTTP.send(request(method, path, body, contentType, user), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET whose answer is read line by line as it comes (a large CSV, say). */
    public HttpResponse<Stream<String>> lines(String path, String user) throws Exception {
        return HTTP.send(request("GET", path, null, null, user), HttpResponse.BodyHandlers.ofLines());
    }

    /** A call whose answer may never come (the hub is killed while serving it). */
    public CompletableFuture<HttpResponse<String>> callAsync(String method, String path, byte[] body, String contentType,
                                                      String user) {
        return HTTP.sendAsync(request(method, path, body, contentType, user),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest request(String method, String path, byte[] body, String contentType, String user) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            return req.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return req.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    public static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no " + file + ")";
        }
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
