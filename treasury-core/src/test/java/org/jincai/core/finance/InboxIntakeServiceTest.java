package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aFileIsTakenOnceAndEveryRefusedVoucherIsReturnedWithItsCodes() throws Exception {
        InboxResult first = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());

        assertThat(first.outcome()).isEqualTo(InboxResult.Outcome.TAKEN);
        assertThat(first.vouchers()).extracting(VoucherOutcome::accepted).containsExactly(true, true, false);
        assertThat(first.returnFiles()).singleElement().asString().startsWith("420000_2026_5201_T202600000003_return_");
        VoucherBody returned = new MofEnvelopeReader().read(new ByteArrayInputStream(
                Files.readAllBytes(outbox().resolve(first.returnFiles().get(0)))), "return").bodies().get(0);
        assertThat(returned.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(returned.returnReason()).contains("UNKNOWN_PAY_BANK");
        assertThat(returned.voucherXml()).isEqualTo(first.vouchers().get(2).body().voucherXml());
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher WHERE finance_system = 'HUBEI-FIN'")).isEqualTo(2);

        InboxResult again = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());
        assertThat(again.outcome()).isEqualTo(InboxResult.Outcome.ALREADY_TAKEN);
        assertThat(again.returnFiles()).isEmpty();
        assertThat(Files.list(outbox()).count()).isEqualTo(1);
    }

    @Test
    void theSameVouchersUnderAnotherNameAreReturnedAsDuplicates() {
        core.inbox.take(hubei, "batch-1.xml", Envelopes.example());

        InboxResult copy = core.inbox.take(hubei, "batch-1-again.xml", Envelopes.example());

        assertThat(copy.returnFiles()).hasSize(3);
        assertThat(copy.vouchers().get(0).errors()).extracting(p -> p.code()).containsExactly("DUPLICATE_VOUCHER");
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(7);
    }

    @Test
    void aReplayAfterAnInterruptedIntakeDoesNotReturnTheVouchersItHadStored() {
        core.intake.receive(Envelopes.stream(Envelopes.example()), "inbox:HUBEI-FIN/batch-1.xml", "finance:HUBEI-FIN");
        core.db.jdbc().getJdbcTemplate().update("""
                INSERT INTO intake_file (intake_id, finance_system, file_name, file_sha256, status, vouchers, accepted,
                    refused, received_at)
                VALUES ('i1', 'HUBEI-FIN', 'batch-1.xml', ?, 'PROCESSING', 0, 0, 0, CURRENT_TIMESTAMP)""",
                org.jincai.core.Digests.sha256(Envelopes.example()));

        InboxResult replay = core.inbox.take(hubei, "batch-1.xml", Envelopes.example());

        assertThat(replay.returnFiles()).as("only the voucher no bank serves").singleElement().asString()
                .contains("T202600000003");
        assertThat(core.db.count("SELECT COUNT(*) FROM intake_file WHERE status = 'DONE'")).isEqualTo(1);
    }

    @Test
    void anUnreadableFileFailsWithItsCodeAndIsMarkedFailed() {
        assertThatThrownBy(() -> core.inbox.take(hubei, "broken.xml", "<MOF><Voucher".getBytes()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo("XML_NOT_WELL_FORMED"));
        assertThat(core.db.count("SELECT COUNT(*) FROM intake_file WHERE status = 'FAILED'")).isEqualTo(1);
    }

    @Test
    void aFileNameFromOutsideMustBeASafeSingleName() {
        assertThatThrownBy(() -> core.inbox.take(hubei, "../../etc/x.xml", Envelopes.example()))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo("UNSAFE_FILE_NAME"));
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
        assertThat(List.of(home.toFile().list())).doesNotContain("etc");
    }
}
