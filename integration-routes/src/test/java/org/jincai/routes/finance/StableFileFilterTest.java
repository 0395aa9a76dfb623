package org.jincai.routes.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;

class StableFileFilterTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-27T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final StableFileFilter<File> filter = new StableFileFilter<>(Duration.ofSeconds(10), clock);

    private static GenericFile<File> listed(String name, long length, long lastModified) {
        GenericFile<File> f = new GenericFile<>();
        f.setRelativeFilePath(name);
        f.setFileName(name);
        f.setFileLength(length);
        f.setLastModified(lastModified);
        return f;
    }

    @Test
    void aFileWhoseWriterPausesIsNotTakenHalfWritten() {
        // QA: a writer paused 4 s mid-file and the half was taken
        assertThat(filter.accept(listed("a.xml", 1000, 1))).isFalse();
        clock.advance(Duration.ofSeconds(4));
        assertThat(filter.accept(listed("a.xml", 1000, 1))).as("unchanged for 4 s of 10").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(filter.accept(listed("a.xml", 2000, 5))).as("it grew: waits again").isFalse();
        clock.advance(Duration.ofSeconds(9));
        assertThat(filter.accept(listed("a.xml", 2000, 5))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(filter.accept(listed("a.xml", 2000, 5))).as("stable for 10 s").isTrue();
        assertThat(filter.watching("a.xml")).isFalse();
    }

    @Test
    void anEmptyFileThatStaysEmptyIsTakenSoItCanBeRefusedWithAReason() {
        assertThat(filter.accept(listed("empty.xml", 0, 7))).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(filter.accept(listed("empty.xml", 0, 7))).isTrue();
    }

    @Test
    void aChangedModificationTimeAloneRestartsTheWait() {
        filter.accept(listed("b.xml", 10, 1));
        clock.advance(Duration.ofSeconds(10));
        assertThat(filter.accept(listed("b.xml", 10, 2))).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(filter.accept(listed("b.xml", 10, 2))).isTrue();
    }
}
