package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliArgumentsTest {

    @Test
    void homeDefaultsToJincaiDataAndMayStandBeforeOrAfterTheCommand() {
        assertThat(CliArguments.parse("demo").home()).isEqualTo(Path.of("jincai-data").toAbsolutePath());
        assertThat(CliArguments.parse("--home", "/tmp/x", "demo").home()).isEqualTo(Path.of("/tmp/x"));
        assertThat(CliArguments.parse("serve", "--home=/tmp/y").home()).isEqualTo(Path.of("/tmp/y"));
        assertThat(CliArguments.parse("--home", "/tmp/x", "serve").command()).isEqualTo("serve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "frobnicate", "--verbose demo", "--home", "--home= demo", "--home --x demo"})
    void badUsageIsRefused(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThatThrownBy(() -> CliArguments.parse(args)).isInstanceOf(CliArguments.UsageException.class);
    }

    @Test
    void badUsagePrintsTheUsageAndExitsTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        JincaiCli cli = new JincaiCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(cli.run("bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command bogus").contains("Usage: jincai");
        assertThat(out.size()).isZero();

        assertThat(cli.run("--nope", "demo")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --nope");

        // a command's own arguments are checked before anything starts
        assertThat(cli.run("demo", "--verbose")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'demo' takes no arguments");
        assertThat(cli.run("banks", "delete", "DEMO-ISO")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("banks list");
        assertThat(cli.run("banks")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JincaiCli cli = new JincaiCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(cli.run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("demo").contains("serve").contains("--home DIR");
    }
}
