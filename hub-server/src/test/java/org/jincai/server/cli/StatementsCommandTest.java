package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jincai.core.answer.BankEntry;
import org.jincai.core.answer.StatementQueries;
import org.jincai.core.testing.CoreFixture;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statements} lists what the banks' statements hold, on a real database: pending lines and warnings. */
class StatementsCommandTest {

    @TempDir
    Path home;
    CoreFixture core;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        LocalDate day = LocalDate.of(2026, 12, 1);
        core.statements.apply("DEMO-ISO", "stmt-1.xml", "s1".getBytes(), "STMT-1", List.of(
                new BankEntry("BK-PDNG", "PDNG", new BigDecimal("500.00"), "CNY", "DBIT", day, day, false, "BK-PDNG",
                        Set.of(), List.of(new BankEntry.Transaction("PAY-1", null, null, null, null))),
                new BankEntry("BK-CRDT", "BOOK", new BigDecimal("7.00"), "CNY", "CRDT", day, day, false, "BK-CRDT",
                        Set.of(), List.of())),
                List.of(Problem.of("ISO_BALANCE_MISMATCH", "opening + booked != closing", "stmt-1.xml:9")), "inbound");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private String run(String... args) {
        int code = new StatementsCommand(new StatementQueries(core.db.jdbc()), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(StatementsCommand.parse(List.of(args)));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePendingViewShowsWhatMovesNoMoneyYetAndTheWarnings() {
        String printed = run("--bank", "DEMO-ISO", "--pending");

        assertThat(printed).startsWith("1 pending statement line(s) of DEMO-ISO")
                .contains("BK-PDNG/1").contains("PDNG").contains("500.00").contains("not booked: status PDNG")
                .doesNotContain("BK-CRDT")
                .contains("1 warning(s) kept with the statements").contains("ISO_BALANCE_MISMATCH");
    }

    @Test
    void everyLineWithoutPending() {
        assertThat(run()).startsWith("2 statement line(s)").contains("BK-CRDT/0").contains("a credit");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThatThrownBy(() -> StatementsCommand.parse(List.of("--bank"))).isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> StatementsCommand.parse(List.of("--limit", "0"))).isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> StatementsCommand.parse(List.of("--all"))).isInstanceOf(CliArguments.UsageException.class);
    }
}
