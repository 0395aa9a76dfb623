package org.jincai.core.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The local outbound folders, one per bank ({@code <root>/<BANK>/}), from which the upload route takes
 * files. A file is written under {@code <name>.part} and only renamed to its final name once its
 * delivery is committed, so the route never sees a file the database does not know, nor a partial one.
 */
public class StagingArea {

    public static final String PART = ".part";

    private final Path root;

    public StagingArea(Path root) {
        this.root = root;
    }

    public Path bankFolder(String bankCode) {
        return root.resolve(bankCode);
    }

    Path writePart(String bankCode, String fileName, byte[] content) {
        try {
            Path folder = Files.createDirectories(bankFolder(bankCode));
            Path part = folder.resolve(fileName + PART);
            Files.write(part, content);
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + fileName + " for " + bankCode, e);
        }
    }

    Path publish(Path part) {
        String name = part.getFileName().toString();
        Path target = part.resolveSibling(name.substring(0, name.length() - PART.length()));
        try {
            return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
    }

    void discard(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot discard " + part, e);
        }
    }

    Path root() {
        return root;
    }
}
