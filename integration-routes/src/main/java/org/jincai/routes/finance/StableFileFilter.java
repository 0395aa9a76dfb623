package org.jincai.routes.finance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Lets an inbox consumer take a file only once it is complete by the {@code STABLE} rule: its size and
 * modification time, as listed at each poll, have not changed for {@code stableFor}. A file still being
 * written — even one whose writer pauses for a while — changes and waits; an empty file that stays empty is
 * taken (and refused with its reason) rather than left in the inbox for ever. Works the same on a local folder
 * and on an SFTP listing.
 */
public class StableFileFilter<T> implements GenericFileFilter<T> {

    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Duration stableFor;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public StableFileFilter(Duration stableFor, Clock clock) {
        this.stableFor = stableFor;
        this.clock = clock;
    }

    private record Seen(long length, long lastModified, Instant since, Instant lastSeen) {
    }

    /** Whether a file of this name is being watched for stability (seen, not yet taken). */
    public boolean watching(String relativePath) {
        return seen.containsKey(relativePath);
    }

    @Override
    public boolean accept(GenericFile<T> file) {
        if (file.isDirectory()) {
            return false;
        }
        Instant now = clock.instant();
        seen.values().removeIf(s -> s.lastSeen().plus(FORGET_AFTER).isBefore(now));
        String name = file.getRelativeFilePath();
        Seen before = seen.get(name);
        if (before == null || before.length() != file.getFileLength() || before.lastModified() != file.getLastModified()) {
            seen.put(name, new Seen(file.getFileLength(), file.getLastModified(), now, now));
            return stableFor.isZero();
        }
        if (now.isBefore(before.since().plus(stableFor))) {
            seen.put(name, new Seen(before.length(), before.lastModified(), before.since(), now));
            return false;
        }
        seen.remove(name);
        return true;
    }
}
