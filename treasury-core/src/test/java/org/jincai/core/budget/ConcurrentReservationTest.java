package org.jincai.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.core.testing.ControlVouchers.envelope;
import static org.jincai.core.testing.ControlVouchers.indicator;
import static org.jincai.core.testing.ControlVouchers.indicators;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.plan;
import static org.jincai.core.testing.ControlVouchers.plans;
import static org.jincai.core.testing.ControlVouchers.user;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jincai.core.access.DataScope;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.testing.ControlVouchers;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers against one indicator: 50 vouchers of 100.00 taken at the same time, each in its own transaction
 * and connection, against an indicator of 1,000.00 — exactly 10 are reserved, 40 refused BUDGET_EXCEEDED, and the
 * indicator never holds more than it has. Runs on H2, and on PostgreSQL with JINCAI_TEST_DB=postgres.
 */
class ConcurrentReservationTest {

    static final int WRITERS = 50;

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home, Clock.systemUTC(), new CoreFixture.Controls(BudgetOptions.defaults(),
                ApprovalRules.off(), RiskOptions.off()));
        core.budgetImport.importIndicators(indicators("i.csv", indicator("1000.00")), user("op", "OPERATOR"));
        core.budgetImport.importPlans(plans("p.csv", plan("100000.00")), user("op", "OPERATOR"));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void fiftyParallelPaymentsAgainstAnIndicatorForTenReserveExactlyTen() throws Exception {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            envelopes.add(envelope(voucher(String.format("CC20260000%02d", i),
                    line(String.format("62220000000100%02d", i), "收款人" + i, "100.00"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<VoucherOutcome>> results = new ArrayList<>();
        try {
            for (byte[] e : envelopes) {
                results.add(pool.submit(() -> {
                    start.await();
                    return core.intake.receive(EnvelopeSource.of(e), "test", ControlVouchers.SUBMITTER).get(0);
                }));
            }
            start.countDown();
            List<VoucherOutcome> outcomes = new ArrayList<>();
            for (Future<VoucherOutcome> f : results) {
                outcomes.add(f.get(2, TimeUnit.MINUTES));
            }

            assertThat(outcomes.stream().filter(VoucherOutcome::accepted)).hasSize(10);
            assertThat(outcomes.stream().filter(o -> !o.accepted())).hasSize(40).allSatisfy(o -> assertThat(o.errors())
                    .extracting(Problem::code).containsExactly(BudgetCodes.BUDGET_EXCEEDED));
        } finally {
            pool.shutdownNow();
        }
        BudgetQueries.IndicatorBalance b = core.budgetQueries.indicators(DataScope.everything(), null).get(0);
        assertThat(b.reserved()).isEqualByComparingTo("1000.00");
        assertThat(b.available()).isEqualByComparingTo("0");
        assertThat(core.db.count("SELECT COUNT(*) FROM budget_reservation")).isEqualTo(10);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(10);
    }
}
