package org.jincai.core;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Identifiers the hub assigns. All fit ISO 20022's 35-character Max35Text, so they can travel to banks. */
public final class Ids {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);

    private Ids() {
    }

    /** A 32-character random hex id for rows and payments (the payment id is also the EndToEndId). */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * A 32-character hex id that sorts in creation order within one JVM (milliseconds, then a counter),
     * for append-only trails whose rows may share a timestamp.
     */
    public static String newOrderedId(Clock clock) {
        // hex by hand, not String.format: reconciliation takes one per row matched, a format parse each was its cost
        char[] id = new char[32];
        hex(id, 0, 13, clock.millis());
        hex(id, 13, 8, SEQUENCE.incrementAndGet() & 0xFFFFFFFFL);
        hex(id, 21, 11, ThreadLocalRandom.current().nextLong(1L << 44));
        return new String(id);
    }

    /** {@code value}'s low {@code digits} hex digits, zero-padded, into {@code out} at {@code at}. */
    private static void hex(char[] out, int at, int digits, long value) {
        long v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }

    /** A readable, time-ordered batch id such as {@code B261129073512A3F9} (17 characters). */
    public static String newBatchId(Clock clock) {
        return "B" + STAMP.format(clock.instant()) + String.format("%04X", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
