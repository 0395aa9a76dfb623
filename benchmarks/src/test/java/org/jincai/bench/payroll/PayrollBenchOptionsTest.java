package org.jincai.bench.payroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayrollBenchOptionsTest {

    @Test
    void oneNodeOnTheEmbeddedDatabaseByDefault() {
        PayrollBench.Options o = PayrollBench.Options.parse(List.of("--rows", "1000,20000"));

        assertThat(o.rows()).containsExactly(1000, 20000);
        assertThat(o.nodes()).containsExactly(1);
        assertThat(o.db()).isEqualTo("h2");
        assertThat(o.rabbitHost()).isEqualTo("127.0.0.1");
        assertThat(o.rabbitPort()).isEqualTo(5672);
    }

    @Test
    void severalNodesOnPostgresqlWithTheirBroker() {
        PayrollBench.Options o = PayrollBench.Options.parse(List.of("--nodes", "1,2", "--rows", "100000", "--db",
                "postgres", "--pg-url", "jdbc:postgresql://db:5432/bench", "--rabbit", "mq:5673"));

        assertThat(o.nodes()).containsExactly(1, 2);
        assertThat(o.pgUrl()).isEqualTo("jdbc:postgresql://db:5432/bench");
        assertThat(o.rabbitHost()).isEqualTo("mq");
        assertThat(o.rabbitPort()).isEqualTo(5673);
    }

    @Test
    void severalNodesNeedAServerDatabaseAndTheRowsAreRequired() {
        assertThatThrownBy(() -> PayrollBench.Options.parse(List.of("--rows", "1000", "--nodes", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--db postgres");
        assertThatThrownBy(() -> PayrollBench.Options.parse(List.of("--nodes", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rows");
        assertThatThrownBy(() -> PayrollBench.Options.parse(List.of("--rows", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayrollBench.Options.parse(List.of("--rows", "10", "--db", "oracle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h2 or postgres");
        assertThatThrownBy(() -> PayrollBench.Options.parse(List.of("--rows", "10", "--threads", "4")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
