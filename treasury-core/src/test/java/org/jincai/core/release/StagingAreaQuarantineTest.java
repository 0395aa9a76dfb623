package org.jincai.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarantine on a real disk: the file leaves the waiting ones with its reason beside it, whole; a second file of the
 * same name keeps the first (a time suffix, a reason of its own); a file gone before the move (quarantined meanwhile
 * by a concurrent recovery) gives null and leaves no reason without a file; no temporary file is left behind; the
 * reason has the permissions of a file written directly.
 */
class StagingAreaQuarantineTest {

    static final String BANK = "DEMO-FIXED";
    static final String NAME = "DEMO-FIXED_20261207_B1_001.txt";
    static final Instant AT = Instant.parse("2026-12-06T21:15:00Z");

    @TempDir
    Path dir;

    @Test
    void aQuarantinedFileHasItsWholeReasonBesideItAndAnEarlierOneIsKept() throws Exception {
        StagingArea area = new StagingArea(dir);
        area.stage(BANK, NAME, "first".getBytes(StandardCharsets.UTF_8));

        Path first = area.quarantine(BANK, NAME, "STAGED_FILE_UNKNOWN", "no delivery record", AT);

        Path quarantine = area.folder(BANK).resolve(StagingArea.QUARANTINE);
        assertThat(first).isEqualTo(quarantine.resolve(NAME)).hasContent("first");
        assertThat(area.waiting(BANK)).isEmpty();
        assertThat(Files.readString(quarantine.resolve(NAME + StagingArea.REASON))).isEqualTo("file: " + NAME
                + "\ncode: STAGED_FILE_UNKNOWN\nreason: no delivery record\nat: 2026-12-06T21:15:00Z\n");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "written directly");
        assertThat(Files.getPosixFilePermissions(quarantine.resolve(NAME + StagingArea.REASON)))
                .as("readable as a file written directly (an operator's account in the hub's group)")
                .isEqualTo(Files.getPosixFilePermissions(plain));

        area.stage(BANK, NAME, "second".getBytes(StandardCharsets.UTF_8));
        Path second = area.quarantine(BANK, NAME, "ANSWER_RESTAGED", "taken over", AT.plusSeconds(1));

        String suffixed = NAME + "." + AT.plusSeconds(1).toEpochMilli();
        assertThat(second).isEqualTo(quarantine.resolve(suffixed)).hasContent("second");
        assertThat(first).as("the earlier file kept").hasContent("first");
        assertThat(Files.readString(quarantine.resolve(suffixed + StagingArea.REASON))).contains("code: ANSWER_RESTAGED");
        assertThat(Files.readString(quarantine.resolve(NAME + StagingArea.REASON))).contains("code: STAGED_FILE_UNKNOWN");
        assertThat(names(quarantine)).containsExactlyInAnyOrder(NAME, NAME + StagingArea.REASON, suffixed,
                suffixed + StagingArea.REASON);
    }

    @Test
    void aFileGoneBeforeTheMoveGivesNullAndLeavesNoReasonAlone() throws Exception {
        StagingArea area = new StagingArea(dir);
        area.stage(BANK, NAME, "once".getBytes(StandardCharsets.UTF_8));
        assertThat(area.quarantine(BANK, NAME, "STAGED_FILE_UNKNOWN", "first recovery", AT)).isNotNull();

        // a second recovery that still saw the file waiting
        assertThat(area.quarantine(BANK, NAME, "STAGED_FILE_UNKNOWN", "second recovery", AT.plusSeconds(1))).isNull();

        Path quarantine = area.folder(BANK).resolve(StagingArea.QUARANTINE);
        assertThat(names(quarantine)).containsExactlyInAnyOrder(NAME, NAME + StagingArea.REASON);
        assertThat(Files.readString(quarantine.resolve(NAME + StagingArea.REASON))).contains("first recovery");
    }

    private static Stream<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
