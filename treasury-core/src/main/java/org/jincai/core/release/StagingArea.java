package org.jincai.core.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Local outbound folders, one per counterpart ({@code <root>/<BANK>/} for banks, the same for finance
 * systems' receipts), from which an upload route takes files. A file is written under {@code <name>.part}
 * and only renamed to its final name once what it records is committed, so the route never sees a file
 * the database does not know, nor a partial one.
 */
public class StagingArea {

    public static final String PART = ".part";

    private final Path root;

    public StagingArea(Path root) {
        this.root = root;
    }

    public Path folder(String owner) {
        return root.resolve(owner);
    }

    public Path writePart(String owner, String fileName, byte[] content) {
        try {
            Path folder = Files.createDirectories(folder(owner));
            Path part = folder.resolve(fileName + PART);
            Files.write(part, content);
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + fileName + " for " + owner, e);
        }
    }

    public Path publish(Path part) {
        String name = part.getFileName().toString();
        Path target = part.resolveSibling(name.substring(0, name.length() - PART.length()));
        try {
            return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
    }

    public void discard(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot discard " + part, e);
        }
    }

    /** Writes {@code content} under its temporary name, then renames it: for files with nothing to commit in between. */
    public Path stage(String owner, String fileName, byte[] content) {
        return publish(writePart(owner, fileName, content));
    }
}
