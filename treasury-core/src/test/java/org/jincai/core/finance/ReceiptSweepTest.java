package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A voucher whose answer meets a real database failure does not hold back the others, and is answered by the
 * periodic sweep without a restart: on H2, another connection holds its payments' row locks (SELECT ... FOR UPDATE,
 * the database's lock timeout shortened to 200 ms), so recording its receipt fails with a lock timeout and is rolled
 * back — no answer, no staged file — while the other settled vouchers of the same call are answered; once the lock is
 * released, the sweep running on its timer answers it, once.
 */
class ReceiptSweepTest {

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void aVoucherLockedByAnotherConnectionIsLeftForTheSweepAndTheOthersAreAnswered() throws Exception {
        for (StagedFile f : core.release.release("op").staged()) {
            core.deliveries.markUploaded(f.bankCode(), f.fileName(), "route");
            List<CreditStatus> rejected = core.payments.findByDelivery(f.deliveryId()).stream()
                    .map(p -> new CreditStatus(p.paymentId(), false, "AC04", "账户已销户")).toList();
            core.answers.apply(f.bankCode(), ("ret-" + f.fileName()).getBytes(),
                    new BankAnswer("ret-" + f.fileName(), f.messageId(), rejected), true, "inbound");
        }
        List<String> vouchers = core.db.jdbc().getJdbcTemplate().queryForList(
                "SELECT voucher_id FROM voucher WHERE vt_code <> '8207' ORDER BY voucher_id", String.class);
        assertThat(vouchers).hasSizeGreaterThanOrEqualTo(2);
        String locked = vouchers.get(0);
        core.db.lockTimeout(200);

        try (Connection holder = core.db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT payment_id FROM payment WHERE voucher_id = ? FOR UPDATE")) {
                lock.setString(1, locked);
                try (ResultSet rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }

            List<WrittenAnswer> written = core.receipts.settle(vouchers);

            assertThat(written).extracting(WrittenAnswer::voucherId)
                    .as("the locked voucher, first, does not stop the others").containsExactlyElementsOf(
                            vouchers.subList(1, vouchers.size()));
            assertThat(answers(locked)).as("rolled back").isZero();
            assertThat(core.receipts.settleAll()).as("still locked: still unanswered").isEmpty();
            holder.rollback();
        }
        assertThat(core.financeStaging.parts(TestFinance.CODE)).as("its staged file discarded").isEmpty();

        ReceiptSweep sweep = new ReceiptSweep(core.receipts, core.approvals, Duration.ofMillis(100));
        sweep.start();
        try {
            Instant deadline = Instant.now().plusSeconds(10);
            while (answers(locked) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
        } finally {
            sweep.stop();
        }
        assertThat(answers(locked)).as("answered by the sweep, without a restart").isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_answer")).isEqualTo(vouchers.size());
        assertThat(core.receipts.settleAll()).as("answered once").isEmpty();
    }

    private int answers(String voucherId) {
        return core.db.count("SELECT COUNT(*) FROM voucher_answer WHERE voucher_id = '" + voucherId + "'");
    }
}
