package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code reconcile}'s command line: by bank and dates without files (the statements received from the bank, read by
 * the job: ReconcileJobTest), or files of one bank; what it refuses.
 */
class ReconcileCommandTest {

    @Test
    void aBankAndADateRangeWithoutFilesAsksForTheStatementsReceived() {
        ReconcileCommand.Options o = ReconcileCommand.parse(List.of("--bank", "DEMO-ISO", "--from", "2026-12-01",
                "--to", "2026-12-04"));

        assertThat(o.bank()).isEqualTo("DEMO-ISO");
        assertThat(o.from()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(o.to()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(o.files()).isEmpty();
        assertThat(o.runId()).isNull();
    }

    @Test
    void filesAreOfTheBankNamed() {
        ReconcileCommand.Options o = ReconcileCommand.parse(List.of("--bank", "DEMO-ISO", "a.xml", "b.xml"));

        assertThat(o.files()).containsExactly(Path.of("a.xml"), Path.of("b.xml"));
        assertThatThrownBy(() -> ReconcileCommand.parse(List.of("a.xml")))
                .isInstanceOf(CliArguments.UsageException.class);
    }

    @Test
    void aRangeEndingBeforeItStartsOrAnUnreadableDateIsRefused() {
        assertThatThrownBy(() -> ReconcileCommand.parse(List.of("--from", "2026-12-04", "--to", "2026-12-01")))
                .isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> ReconcileCommand.parse(List.of("--from", "4.12.2026")))
                .isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> ReconcileCommand.parse(List.of("--bank")))
                .isInstanceOf(CliArguments.UsageException.class);
    }
}
