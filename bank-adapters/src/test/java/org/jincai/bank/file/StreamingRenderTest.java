package org.jincai.bank.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file of 100,000 credits is rendered in a heap far smaller than the credits: each bank format, in a child JVM of
 * {@value #HEAP} heap, streams the credits from a {@link CreditSource} and writes the whole file; the same credits
 * given as a list (the control: what a writer taking a list needs, and what the writers took before) run out of
 * memory in the same heap. So the
 * writers hold neither the credits nor their records, and the heap is a real bound.
 */
class StreamingRenderTest {

    private static final String HEAP = "24m";
    private static final int CREDITS = 100_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"iso, UTF-8", "pipe, GBK", "fixed, GBK"})
    void aFileOfOneHundredThousandCreditsIsRenderedInASmallHeap(String format, String charset) throws Exception {
        Path streamed = dir.resolve(format + "-stream.out");
        Result ok = run(format, "stream", streamed);
        assertThat(ok.exit()).as(ok.output()).isZero();
        long lines;
        int credits = 0;
        try (BufferedReader in = Files.newBufferedReader(streamed, Charset.forName(charset))) {
            lines = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                if (line.contains("<EndToEndId>P")) {
                    credits++;
                }
            }
        }
        if (format.equals("iso")) {
            assertThat(credits).isEqualTo(CREDITS);
            assertThat(Files.readString(streamed, StandardCharsets.UTF_8)).contains("<NbOfTxs>" + CREDITS + "</NbOfTxs>");
        } else {
            // a summary or header line, a line per credit, and the fixed layout's trailer
            assertThat(lines).isEqualTo(CREDITS + (format.equals("fixed") ? 2 : 1));
        }
    }

    @Test
    void theSameCreditsHeldInAListDoNotFitThatHeap() throws Exception {
        Result control = run("pipe", "list", dir.resolve("pipe-list.out"));
        assertThat(control.exit()).as("the same credits held in a list fit in " + HEAP + ": the bound proves nothing")
                .isNotZero();
        assertThat(control.output()).contains("OutOfMemoryError");
    }

    private record Result(int exit, String output) {
    }

    private Result run(String format, String mode, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+UseSerialGC", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                StreamingRender.class.getName(), format, mode, String.valueOf(CREDITS), out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
