package org.jincai.bench.payroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code bench payroll --nodes 1,2 --db postgres} at a small size: one node, then two JVMs in cluster mode on the
 * machine's PostgreSQL with remote partitions over its RabbitMQ (127.0.0.1:5672, guest). Both runs pay every line
 * (the hub case fails unless its run ends awaiting the banks' answers), and with two nodes the second one's workers
 * staged bank files: the partitions did run there.
 */
@EnabledIf("org.jincai.core.testing.TestDatabase#postgresRequested")
class PayrollBenchNodesTest {

    @Test
    void oneNodeThenTwoOnOneDatabaseEachPayEveryLine() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PayrollBench.Options options = new PayrollBench.Options(List.of(3_000), List.of(1, 2), "postgres",
                TestDatabase.postgresUrl(), "127.0.0.1", 5672);

        List<PayrollBench.Measure[]> results = PayrollBench.run(new PrintStream(printed, true, StandardCharsets.UTF_8),
                options, PayrollBench.sameClasspath());

        assertThat(results).hasSize(1);
        PayrollBench.Measure[] r = results.get(0);
        assertThat(r).extracting(PayrollBench.Measure::caseName).containsExactly("baseline", "hub-1-node",
                "hub-2-nodes");
        assertThat(r).extracting(PayrollBench.Measure::rows).containsOnly(3_000L);
        assertThat(r[1].stagedByNode()).containsOnlyKeys("node-1");
        assertThat(r[1].stagedByNode().get("node-1")).isPositive();
        assertThat(r[2].stagedByNode()).containsOnlyKeys("node-1", "node-2");
        assertThat(r[2].stagedByNode().get("node-2")).as(printed.toString(StandardCharsets.UTF_8)).isPositive();
        assertThat(r[2].stagedByNode().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(r[1].stagedByNode().get("node-1"));
        assertThat(PayrollBench.markdown(results)).contains("| hub-1-node |").contains("| hub-2-nodes |");
    }
}
