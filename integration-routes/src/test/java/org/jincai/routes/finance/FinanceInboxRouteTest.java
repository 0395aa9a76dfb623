package org.jincai.routes.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.InboxReady;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.routes.InboxClaims;
import org.jincai.routes.bank.SftpUris;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real finance inbox route on a local folder, in a plain Camel context over the core's services and a real
 * database: what is taken, when, and under which name it is kept.
 */
class FinanceInboxRouteTest {

    static final Duration STABLE_FOR = Duration.ofSeconds(30);

    @TempDir
    Path home;
    CoreFixture core;
    CamelContext camel;
    final StableFileFilterTest.HandClock clock = new StableFileFilterTest.HandClock();

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture(home.resolve("staging"));
        FinanceSystem hubei = TestFinance.hubei().withDefaultInboxReady(
                new InboxReady(InboxReady.Mode.STABLE, STABLE_FOR, null));
        camel = new DefaultCamelContext();
        camel.addRoutes(new FinanceSystemRoutes(new FinanceDirectory(List.of(hubei)), core.inbox, core.financeStaging,
                core.stagedAnswers, new SftpUris(home.resolve("sftp")), InboxClaims.local(), home, clock));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        core.close();
    }

    private Path folder(String name) {
        return home.resolve("finance").resolve(TestFinance.CODE).resolve(name);
    }

    private List<String> files(String name) throws IOException {
        if (!Files.isDirectory(folder(name))) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder(name))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private StableFileFilter<?> filter() {
        return camel.getRegistry().lookupByNameAndType("financeInboxReady-" + TestFinance.CODE, StableFileFilter.class);
    }

    /** The route has listed {@code name} at least once and is waiting for it to be stable. */
    private void awaitWatched(String name) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> filter().watching(name));
    }

    @Test
    void aFileStillBeingWrittenIsTakenOnlyOnceCompleteAndStable() throws Exception {
        byte[] envelope = Envelopes.example();
        Files.createDirectories(folder("inbox"));
        Files.write(folder("inbox").resolve("batch-1.xml"), java.util.Arrays.copyOf(envelope, envelope.length / 2));
        awaitWatched("batch-1.xml");
        clock.advance(STABLE_FOR.minusSeconds(1));

        // the writer goes on after its pause
        Files.write(folder("inbox").resolve("batch-1.xml"), envelope);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return files("archive").size() == 1;
        });

        assertThat(files("error")).isEmpty();
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isEqualTo(2);
        assertThat(core.db.count("SELECT COUNT(*) FROM intake_file WHERE status = 'DONE' AND vouchers = 3")).isEqualTo(1);
    }

    @Test
    void anEmptyFileGoesToTheErrorFolderWithItsReason() throws Exception {
        Files.createDirectories(folder("inbox"));
        Files.write(folder("inbox").resolve("empty.xml"), new byte[0]);
        awaitWatched("empty.xml");
        clock.advance(STABLE_FOR);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> files("inbox").isEmpty());

        assertThat(files("error")).hasSize(2).allSatisfy(n -> assertThat(n).startsWith("empty_"));
        Path reason = folder("error").resolve(files("error").stream().filter(n -> n.endsWith(".reason.txt"))
                .findFirst().orElseThrow());
        assertThat(Files.readString(reason)).contains("code: FILE_EMPTY", "file: empty.xml");
    }

    @Test
    void aSecondFileOfTheSameNameNeverOverwritesTheArchivedOne() throws Exception {
        Files.createDirectories(folder("inbox"));
        drop("batch.xml", Envelopes.example());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> files("archive").size() == 1);
        drop("batch.xml", Envelopes.exampleRenumbered("T2027"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> files("archive").size() == 2);

        List<String> archived = files("archive");
        assertThat(archived).allSatisfy(n -> assertThat(n).matches("batch_\\d{8}T\\d{9}Z_[0-9a-f]{12}\\.xml"));
        assertThat(Files.readAllBytes(folder("archive").resolve(archived.get(0))))
                .isNotEqualTo(Files.readAllBytes(folder("archive").resolve(archived.get(1))));
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isEqualTo(4);
    }

    /** Drops {@code name} as a finance system would that renames, then lets the route see it stable. */
    private void drop(String name, byte[] content) throws IOException {
        Path part = folder("inbox").resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, folder("inbox").resolve(name));
        awaitWatched(name);
        clock.advance(STABLE_FOR);
    }
}
