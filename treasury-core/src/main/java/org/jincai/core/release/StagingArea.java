package org.jincai.core.release;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Local outbound folders, one per counterpart ({@code <root>/<BANK>/} for banks, the same for finance
 * systems' receipts), from which an upload route takes files. A file is written under {@code <name>.part},
 * forced to disk, and only renamed to its final name once what it records is committed, so the route never
 * sees a file the database does not know, nor a partial one. Beside the files waiting for upload each
 * counterpart's folder holds {@value #SENT} (delivered), {@value #HELD} (held for an operator: the hub cannot
 * tell whether the bank received it) and {@value #QUARANTINE} (files the database does not know, never
 * sent, each with a {@code .reason.txt}).
 */
public class StagingArea {

    public static final String PART = ".part";
    public static final String SENT = ".sent";
    public static final String HELD = ".held";
    public static final String QUARANTINE = ".quarantine";
    public static final String REASON = ".reason.txt";
    /** The file under the root holding the area's identity ({@link #id}). */
    public static final String ID_FILE = ".staging-id";

    private final Path root;
    private volatile String id;

    public StagingArea(Path root) {
        this.root = root;
    }

    /**
     * This staging area's identity: a random UUID made the first time it is asked for and kept in
     * {@value #ID_FILE} under the root, so a node restarted on the same home is the same area, and two nodes
     * (each on its own home) are two. Recorded with each delivery staged here ({@code bank_delivery.staged_by}).
     * The new id is written to a temporary file forced to disk, renamed to {@value #ID_FILE}, and the root folder
     * forced (where the platform allows it), so that a crash never leaves an empty or missing id behind a delivery
     * already recorded under it.
     */
    public String id() {
        String known = id;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (id == null) {
                id = readOrMakeId();
            }
            return id;
        }
    }

    private String readOrMakeId() {
        Path file = root.resolve(ID_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(root);
                writeWhole(file, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the staging area's identity " + file, e);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} so that a reader sees either no file or the whole of it: into a hidden
     * temporary file beside it (created new, with the process's default permissions, as the file written directly
     * would have), forced to the disk, then renamed; the directory is forced after the rename.
     */
    private static void writeWhole(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(file.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Forces a directory's entries (a rename into it) to disk where the platform lets a directory be opened and
     * forced (Linux, macOS); elsewhere (Windows refuses to open a directory) the rename is as durable as the file
     * system makes it on its own.
     */
    static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to force a directory opened for reading: nothing more can be done there
        }
    }

    public Path folder(String owner) {
        return root.resolve(owner);
    }

    /** Writes what a file's content is produced into, as it is produced. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A file written under its temporary name: where, its SHA-256 (computed while writing) and its size. */
    public record Part(Path path, String sha256, long bytes) {
    }

    /**
     * Streams {@code content} into {@code <name>.part}, computing its SHA-256 on the way, and forces it to
     * disk before returning: a file recorded as staged is on the disk, whole. A failed write leaves nothing.
     */
    public Part writePart(String owner, String fileName, Content content) {
        Path part;
        try {
            part = Files.createDirectories(folder(owner)).resolve(fileName + PART);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + fileName + " for " + owner, e);
        }
        MessageDigest sha = sha256();
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(
                    Channels.newOutputStream(channel), sha));
            OutputStream out = new BufferedOutputStream(counted, 1 << 16);
            content.writeTo(out);
            out.flush();
            channel.force(true);
            return new Part(part, HexFormat.of().formatHex(sha.digest()), counted.count);
        } catch (IOException e) {
            discard(part);
            throw new UncheckedIOException("cannot stage " + fileName + " for " + owner, e);
        } catch (RuntimeException e) {
            discard(part);
            throw e;
        }
    }

    /** As {@link #writePart(String, String, Content)} for content already in memory (receipts, returns). */
    public Path writePart(String owner, String fileName, byte[] content) {
        return writePart(owner, fileName, out -> out.write(content)).path();
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

    /** The files waiting in the owner's folder under their final names, by name (no temporary or hidden file). */
    public List<Path> waiting(String owner) {
        return list(folder(owner), n -> !n.endsWith(PART));
    }

    /** The temporary files a write left in the owner's folder. */
    public List<Path> parts(String owner) {
        return list(folder(owner), n -> n.endsWith(PART));
    }

    /** The files held for an operator in the owner's folder. */
    public List<Path> held(String owner) {
        return list(folder(owner).resolve(HELD), n -> true);
    }

    /** Where a file of the owner's is now: waiting, held or sent; null when it is in none of them. */
    public Path locate(String owner, String fileName) {
        for (Path candidate : List.of(folder(owner).resolve(fileName), folder(owner).resolve(HELD).resolve(fileName),
                folder(owner).resolve(SENT).resolve(fileName))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Moves the owner's file (waiting or held) into {@value #SENT}; nothing to do when it is there already. */
    public void toSent(String owner, String fileName) {
        moveInto(owner, fileName, SENT);
    }

    /** Moves the owner's waiting file into {@value #HELD}, where no upload takes it. */
    public void toHeld(String owner, String fileName) {
        moveInto(owner, fileName, HELD);
    }

    /** Moves the owner's held file back among the waiting ones, for the upload to take again. */
    public void toWaiting(String owner, String fileName) {
        move(folder(owner).resolve(HELD).resolve(fileName), folder(owner).resolve(fileName));
    }

    /**
     * Moves a waiting file into {@value #QUARANTINE}, never to be sent, with {@code <name>.reason.txt} beside
     * it; a file quarantined before under the same name is kept (the new one gets a time suffix). The reason is
     * written whole before the move, so a file in quarantine always has its reason (a crash between the two leaves
     * the reason alone, and the file waiting, to be quarantined again). Returns where it went, or null when the
     * file was gone already (quarantined by a concurrent recovery; a reason written for another name is removed).
     */
    public Path quarantine(String owner, String fileName, String code, String reason, Instant at) {
        Path source = folder(owner).resolve(fileName);
        try {
            Path dir = Files.createDirectories(folder(owner).resolve(QUARANTINE));
            String name = Files.exists(dir.resolve(fileName)) ? fileName + "." + at.toEpochMilli() : fileName;
            Path target = dir.resolve(name);
            Path why = dir.resolve(name + REASON);
            writeWhole(why, ("file: " + fileName + "\ncode: " + code + "\nreason: " + reason + "\nat: " + at + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException gone) {
                if (!Files.exists(target)) {
                    Files.deleteIfExists(why);
                }
                return null;
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine " + fileName + " of " + owner, e);
        }
    }

    private void moveInto(String owner, String fileName, String subfolder) {
        Path target = folder(owner).resolve(subfolder).resolve(fileName);
        Path waiting = folder(owner).resolve(fileName);
        Path held = folder(owner).resolve(HELD).resolve(fileName);
        move(Files.exists(waiting) || subfolder.equals(HELD) ? waiting : held, target);
    }

    /** An atomic rename within the home; a source already gone (moved by a concurrent recovery) is not an error. */
    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException gone) {
            if (!Files.exists(to)) {
                throw new UncheckedIOException("cannot move " + from + " to " + to + ": it is gone", gone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static List<Path> list(Path dir, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Counts the bytes that reach the file. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
