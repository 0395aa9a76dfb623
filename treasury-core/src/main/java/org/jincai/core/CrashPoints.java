package org.jincai.core;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points between the durable steps of every flow (received, stored, staged, recorded, renamed,
 * answered), where the crash tests kill the hub. A point does nothing unless the system property
 * {@value #PROPERTY} names it: then, the {@code n}-th time it is reached ({@code name@n}, the first time
 * when no count is given), it announces itself — a line {@value #ANNOUNCE}{@code name} on standard output
 * and, when {@value #MARKER_PROPERTY} names a file, that file with the point's name in it — and blocks the
 * thread for ever, so the test sends SIGKILL exactly there. When {@value #ARMED_BY_PROPERTY} names a file,
 * the point is live only while that file exists (reaching it before does not count), so a test can let a
 * hub recover first and arm the point afterwards. Off in production: no property, no effect but one
 * property read. The points are listed in integration-routes/README.md with what recovery does at each.
 */
public final class CrashPoints {

    /** The system property that arms one point: {@code name} or {@code name@n}. */
    public static final String PROPERTY = "jincai.crashpoint";
    /** The system property naming the file written when the armed point is reached. */
    public static final String MARKER_PROPERTY = "jincai.crashpoint.marker";
    /** The system property naming a file without which the armed point stays dormant. */
    public static final String ARMED_BY_PROPERTY = "jincai.crashpoint.armed-by";
    /** What the announcing line on standard output starts with. */
    public static final String ANNOUNCE = "JINCAI CRASH POINT REACHED: ";

    private static final Map<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    private CrashPoints() {
    }

    /** Blocks here for ever when {@code point} is the armed one and this is the armed occurrence. */
    public static void reached(String point) {
        String armed = System.getProperty(PROPERTY);
        if (armed == null || armed.isBlank()) {
            return;
        }
        int at = armed.lastIndexOf('@');
        String name = at < 0 ? armed : armed.substring(0, at);
        int occurrence = at < 0 ? 1 : Integer.parseInt(armed.substring(at + 1));
        if (!name.equals(point) || !live()
                || REACHED.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet() != occurrence) {
            return;
        }
        announce(point);
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // a crash point holds its thread until the process is killed, whatever asks it to stop
                    Thread.interrupted();
                }
            }
        }
    }

    private static boolean live() {
        String armedBy = System.getProperty(ARMED_BY_PROPERTY);
        return armedBy == null || armedBy.isBlank() || Files.exists(Path.of(armedBy));
    }

    private static void announce(String point) {
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker != null && !marker.isBlank()) {
            try {
                Files.writeString(Path.of(marker), point, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the crash point marker " + marker, e);
            }
        }
        PrintStream out = System.out;
        out.println(ANNOUNCE + point);
        out.flush();
    }
}
