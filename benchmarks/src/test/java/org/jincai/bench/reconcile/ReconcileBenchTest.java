package org.jincai.bench.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile benchmark at a small size, on a real embedded database and real statement files: the job's
 * reconciler and the in-memory baseline each match every entry to its payment, so the ratio it prints compares the
 * same answers. Speed is not asserted (docs/benchmarks.md holds the figures).
 */
class ReconcileBenchTest {

    @TempDir
    Path work;

    @Test
    void theReconcilerAndTheBaselineMatchEveryEntry() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReconcileBench.Result r = ReconcileBench.run(new PrintStream(printed, true, StandardCharsets.UTF_8), 3_000, work);

        assertThat(r.entries()).isEqualTo(3_000);
        assertThat(r.reconcileMatched()).isEqualTo(3_000);
        assertThat(r.baselineMatched()).isEqualTo(3_000);
        assertThat(r.ok()).isTrue();
        assertThat(r.reconcileCpuSeconds()).isPositive();
        assertThat(r.baselineCpuSeconds()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("by the JVM's CPU time");
    }
}
