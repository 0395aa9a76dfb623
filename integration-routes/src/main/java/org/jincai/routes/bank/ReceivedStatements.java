package org.jincai.routes.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jincai.core.Digests;

/**
 * The statements (camt.053) and notifications (camt.054) received from each bank, kept as received under
 * {@code <home>/statements/<BANK>/} for the {@code reconcile} job's date-range runs. Each is kept once, by the
 * SHA-256 of its content: {@code <received yyyyMMddHHmmss UTC>-<first 16 hex digits of the digest>-<bank's file
 * name>}, so the folder lists in the order the files came (an intraday notification before the day's statement);
 * the same content received again, under any name, is not kept twice. Written under a temporary name, then renamed:
 * a run never reads half a file.
 */
public class ReceivedStatements {

    /** Under the hub's home: the statements received from each bank. */
    public static final String FOLDER = "statements";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int DIGEST_CHARS = 16;

    private final Path root;
    private final Clock clock;

    /** @param home the hub's home; files go to {@code <home>/statements/<BANK>/} */
    public ReceivedStatements(Path home, Clock clock) {
        this.root = home.resolve(FOLDER);
        this.clock = clock;
    }

    /** Where the statements of {@code bankCode} are kept. */
    public Path folder(String bankCode) {
        return root.resolve(bankCode);
    }

    /**
     * Keeps {@code content} received from {@code bankCode} as {@code fileName}, unless the same content is kept
     * already. Returns the kept file (the earlier one when it was there).
     */
    public Path keep(String bankCode, String fileName, byte[] content) {
        Path folder = folder(bankCode);
        String digest = Digests.sha256(content).substring(0, DIGEST_CHARS);
        try {
            Files.createDirectories(folder);
            Path earlier = find(folder, digest);
            if (earlier != null) {
                return earlier;
            }
            String name = STAMP.format(clock.instant()) + "-" + digest + "-" + fileName;
            Path tmp = folder.resolve("." + name + ".tmp");
            Files.write(tmp, content);
            Path target = folder.resolve(name);
            try {
                return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + fileName + " of " + bankCode + " in " + folder, e);
        }
    }

    private static Path find(Path folder, String digest) throws IOException {
        try (DirectoryStream<Path> kept = Files.newDirectoryStream(folder, "*-" + digest + "-*")) {
            for (Path p : kept) {
                if (!p.getFileName().toString().startsWith(".")) {
                    return p;
                }
            }
        }
        return null;
    }
}
