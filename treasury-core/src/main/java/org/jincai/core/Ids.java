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
        return String.format("%013x%08x", clock.millis(), SEQUENCE.incrementAndGet() & 0xFFFFFFFFL)
                + String.format("%011x", ThreadLocalRandom.current().nextLong(1L << 44));
    }

    /** A readable, time-ordered batch id such as {@code B261129073512A3F9} (17 characters). */
    public static String newBatchId(Clock clock) {
        return "B" + STAMP.format(clock.instant()) + String.format("%04X", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
