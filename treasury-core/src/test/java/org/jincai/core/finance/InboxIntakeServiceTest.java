package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jincai.bank.file.BankFileNames;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxIntakeServiceTest {

    @TempDir
    Path home;
    CoreFixture core;
    FinanceSystem hubei = TestFinance.hubei();

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private Path outbox() {
        return home.resolve("finance").resolve(TestFinance.CODE);
    }

    private List<String> outboxFiles() throws IOException {
        if (!Files.isDirectory(outbox())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static VoucherBody readBody(Path file) throws IOException {
        return new MofEnvelopeReader().read(new ByteArrayInputStream(Files.readAllBytes(file)), "answer").bodies().get(0);
    }

    @Test
    void aFileIsTakenOnceAndEveryRefusedVoucherIsReturnedWithItsCodes() throws Exception {
        InboxResult first = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());

        assertThat(first.outcome()).isEqualTo(InboxResult.Outcome.TAKEN);
        assertThat(first.vouchers()).extracting(VoucherOutcome::accepted).containsExactly(true, true, false);
        assertThat(first.returnFiles()).singleElement().asString().startsWith("420000_2026_5201_T202600000003_return_");
        VoucherBody returned = readBody(outbox().resolve(first.returnFiles().get(0)));
        assertThat(returned.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(returned.returnReason()).contains("UNKNOWN_PAY_BANK");
        assertThat(returned.voucherNo()).isEqualTo("T202600000003");
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher WHERE finance_system = 'HUBEI-FIN'")).isEqualTo(2);

        InboxResult again = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());
        assertThat(again.outcome()).isEqualTo(InboxResult.Outcome.ALREADY_TAKEN);
        assertThat(outboxFiles()).hasSize(1);
        assertThat(Files.list(home.resolve("received").resolve(TestFinance.CODE)).count())
                .as("the hub's copy is kept only while the intake runs").isZero();
    }

    @Test
    void theSameEnvelopeUnderAnotherNameGetsDuplicateNoticesNeverReturnsOfTheVouchersTaken() throws Exception {
        core.inbox.take(hubei, "batch-1.xml", Envelopes.example());

        InboxResult copy = core.inbox.take(hubei, "batch-1-again.xml", Envelopes.example());

        // before: three returns (退回), two of them for vouchers the hub then paid and answered with receipts
        assertThat(copy.vouchers()).extracting(VoucherOutcome::status).containsExactly(VoucherOutcome.Status.DUPLICATE,
                VoucherOutcome.Status.DUPLICATE, VoucherOutcome.Status.REFUSED);
        assertThat(copy.returnFiles()).as("the refused voucher was returned once already: not again").isEmpty();
        assertThat(copy.duplicateNotices()).hasSize(2).allSatisfy(n -> assertThat(n).contains("_duplicate_"));
        String notice = Files.readString(outbox().resolve(copy.duplicateNotices().get(0)), Charset.forName("GBK"));
        assertThat(notice).contains("<DuplicateNotice>", "<Code>DUPLICATE_VOUCHER</Code>", "<SameContent>true</SameContent>",
                "<File>batch-1-again.xml</File>").doesNotContain("<MOF>", "VoucherFlag");
        assertThatThrownBy(() -> readBody(outbox().resolve(copy.duplicateNotices().get(0))))
                .as("a voucher library cannot read a notice as an envelope").isInstanceOf(FormatException.class);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(7);
        assertThat(outboxFiles().stream().filter(n -> n.contains("_return"))).hasSize(1);
    }

    @Test
    void aRefusedVoucherIsReturnedOnceHoweverOftenItComes() throws Exception {
        core.inbox.take(hubei, "a.xml", Envelopes.example());
        core.inbox.take(hubei, "b.xml", Envelopes.example());
        core.inbox.take(hubei, "c.xml", Envelopes.example());

        assertThat(outboxFiles().stream().filter(n -> n.contains("T202600000003_return_"))).hasSize(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_notice WHERE kind = 'RETURN'")).isEqualTo(1);
    }

    @Test
    void anIntakeInterruptedMidFileIsResumedFromTheHubsCopyAndAnswersEachVoucherOnce() throws Exception {
        // the outbox disk fails while the refused voucher's return is written: the intake stops half-way
        StagingArea failing = new StagingArea(home.resolve("finance")) {
            @Override
            public Path writePart(String owner, String fileName, byte[] content) {
                throw new java.io.UncheckedIOException(new IOException("disk full"));
            }
        };
        InboxIntakeService interrupted = new InboxIntakeService(core.db.jdbc(), core.intake, failing,
                new StagingArea(home.resolve("received")), core.clock);
        assertThatThrownBy(() -> interrupted.take(hubei, "batch-1.xml", Envelopes.example()))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(core.db.count("SELECT COUNT(*) FROM intake_file WHERE status = 'PROCESSING'")).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isEqualTo(2);

        assertThat(core.inbox.resumeInterrupted()).isEqualTo(1);

        assertThat(core.db.count("SELECT COUNT(*) FROM intake_file WHERE status = 'DONE' AND vouchers = 3 AND accepted = 2"))
                .isEqualTo(1);
        assertThat(outboxFiles()).singleElement().asString().contains("T202600000003_return_");
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_notice WHERE kind = 'DUPLICATE'"))
                .as("its own vouchers are not duplicates of themselves").isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(7);
        InboxResult seenAgain = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());
        assertThat(seenAgain.outcome()).isEqualTo(InboxResult.Outcome.ALREADY_TAKEN);
        assertThat(core.inbox.resumeInterrupted()).isZero();
    }

    @Test
    void anInterruptedIntakeAlsoResumesWhenItsFileIsSeenAgain() throws Exception {
        StagingArea failing = new StagingArea(home.resolve("finance")) {
            @Override
            public Path writePart(String owner, String fileName, byte[] content) {
                throw new java.io.UncheckedIOException(new IOException("disk full"));
            }
        };
        InboxIntakeService interrupted = new InboxIntakeService(core.db.jdbc(), core.intake, failing,
                new StagingArea(home.resolve("received")), core.clock);
        assertThatThrownBy(() -> interrupted.take(hubei, "batch-1.xml", Envelopes.example()))
                .isInstanceOf(java.io.UncheckedIOException.class);

        InboxResult replay = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());

        assertThat(replay.vouchers()).extracting(VoucherOutcome::status).containsExactly(VoucherOutcome.Status.ACCEPTED,
                VoucherOutcome.Status.ACCEPTED, VoucherOutcome.Status.REFUSED);
        assertThat(replay.returnFiles()).singleElement().asString().contains("T202600000003");
        assertThat(replay.duplicateNotices()).isEmpty();
    }

    @Test
    void returnsOfVouchersWithUnsafeNumbersHaveSafeUniqueNames() throws Exception {
        byte[] envelope = Envelopes.withVoucherNo(Envelopes.example(), "T202600000003", "../../etc/pw\"1");

        InboxResult result = core.inbox.take(hubei, "unsafe.xml", envelope);

        String name = result.returnFiles().get(0);
        assertThat(BankFileNames.isSafeName(name)).isTrue();
        assertThat(name).startsWith("420000_2026_5201_etcpw1.").doesNotContain("\"", "/", "..");
        assertThat(readBody(outbox().resolve(name)).voucherNo()).isEqualTo("../../etc/pw\"1");
    }

    @Test
    void anUnreadableFileFailsWithItsCodeAndIsMarkedFailed() {
        assertThatThrownBy(() -> core.inbox.take(hubei, "broken.xml", "<MOF><Voucher".getBytes()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo("XML_NOT_WELL_FORMED"));
        assertThat(core.db.count("SELECT COUNT(*) FROM intake_file WHERE status = 'FAILED'")).isEqualTo(1);
    }

    @Test
    void anEmptyFileIsRefusedWithItsOwnCode() {
        assertThatThrownBy(() -> core.inbox.take(hubei, "empty.xml", new byte[0]))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo("FILE_EMPTY"));
    }

    @Test
    void aFileNameFromOutsideMustBeASafeSingleName() {
        assertThatThrownBy(() -> core.inbox.take(hubei, "../../etc/x.xml", Envelopes.example()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo("UNSAFE_FILE_NAME"));
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
        assertThat(List.of(home.toFile().list())).doesNotContain("etc");
    }
}
