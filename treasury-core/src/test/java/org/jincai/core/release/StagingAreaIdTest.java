package org.jincai.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging area's identity on a real disk: made once under a root not yet there, written whole (a UUID) under
 * {@value StagingArea#ID_FILE} with no temporary file left beside it, and read back the same by another instance on the
 * same root (a node restarted on its home); forcing the root folder works on this platform. That the bytes reach the
 * platter before the rename cannot be observed from a test; the code forces the file and then the folder.
 */
class StagingAreaIdTest {

    @TempDir
    Path dir;

    @Test
    void theIdIsWrittenOnceWholeAndReadBackByTheNextStart() throws Exception {
        Path root = dir.resolve("outbound");
        String id = new StagingArea(root).id();

        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(Files.readString(root.resolve(StagingArea.ID_FILE), StandardCharsets.US_ASCII)).isEqualTo(id);
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(StagingArea.ID_FILE);
        }
        assertThat(new StagingArea(root).id()).as("the same area after a restart").isEqualTo(id);
        assertThat(new StagingArea(dir.resolve("other")).id()).as("another home, another area").isNotEqualTo(id);
        StagingArea.forceDirectory(root);
        StagingArea.forceDirectory(dir.resolve("not-there"));
    }
}
