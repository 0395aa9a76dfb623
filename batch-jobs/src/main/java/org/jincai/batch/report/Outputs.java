package org.jincai.batch.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Output files written whole or not at all: into a temporary file of its own beside the target (two runs of one
 * month never share one), then moved over it.
 */
final class Outputs {

    /** Writes a file's content to the path it is given. */
    interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private Outputs() {
    }

    static void replace(Path target, Content content) {
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            content.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ReportException(ReportException.REPORT_OUTPUT_FAILED, "cannot write " + target + ": "
                    + e.getMessage(), target.toString(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the move failed and so did the clean-up: the .tmp stays beside the target, never taken for it
            }
        }
    }
}
