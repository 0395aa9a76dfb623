package org.jincai.bench.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.Pain001GroupHeader;
import org.jincai.formats.iso20022.Pain001StreamWriter;
import org.jincai.formats.iso20022.Pain001Version;
import org.jincai.formats.iso20022.Pain001WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's inputs and floor are right; its timings are not asserted anywhere. */
class BenchDataTest {

    @Test
    void theFloorWritesTheSameBytesAsTheHubsWriter() throws IOException {
        int n = 500;
        Pain001GroupHeader header = BenchData.groupHeader(n);
        ByteArrayOutputStream hub = new ByteArrayOutputStream();
        try (Pain001StreamWriter w = Pain001StreamWriter.open(hub, Pain001WriteOptions.of(Pain001Version.V09), header)) {
            w.paymentInformation(BenchData.paymentHeader(n, header.controlSum()), BenchData.credits(n));
            w.finish();
        }
        ByteArrayOutputStream floor = new ByteArrayOutputStream();
        TemplatePain001Writer.write(floor, header, BenchData.paymentHeader(n, header.controlSum()), BenchData.credits(n));

        assertThat(floor.toByteArray()).isEqualTo(hub.toByteArray());
        assertThat(new IsoXsdValidator().validate(hub.toByteArray(), "pain.001.001.09")).isEmpty();
    }

    @Test
    void theStatementIsValidAndReadsBackWithItsTotals(@TempDir Path dir) {
        Path file = dir.resolve("camt.xml");
        FormatsBench.writeStatement(file, 300);

        assertThat(new IsoXsdValidator().validate(file, "camt.053.001.08", "camt.xml")).isEmpty();
        CamtReader.Result r = CamtReader.camt053(IsoReadOptions.schemaStrict()).read(file, (s, e) -> {
        });
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.entries()).isEqualTo(300);
        assertThat(r.debit().get("CNY")).isEqualByComparingTo(BenchData.total(300));
    }

    @Test
    void theTableComparesWithProwideTheFloorAndTheBarePasses() {
        List<FormatsBench.CaseResult> results = List.of(
                new FormatsBench.CaseResult("write-hub", 100, 10, 1024, 1, 100, "1", 1, "abc", null),
                new FormatsBench.CaseResult("write-bare", 100, 8, 1024, 1, 100, "1", 1, "def", null),
                new FormatsBench.CaseResult("read-bare", 100, 5, 1024, 1, 100, "5", 1, null, null),
                new FormatsBench.CaseResult("write-prowide", 100, 80, 2048, 2, 100, "1", 1, null, null),
                new FormatsBench.CaseResult("write-floor", 100, 20, 1024, 1, 100, "1", 1, "abc", null),
                new FormatsBench.CaseResult("read-hub", 100, 10, 1024, 1, 100, "5", 1, null, null),
                new FormatsBench.CaseResult("read-prowide", 100, 0, -1, -1, 0, null, 0, null, "OutOfMemoryError: Java heap space"));

        String md = FormatsBench.markdown(results);

        assertThat(md).contains("| write-hub | 100 | 10,000 | 8.0x | 0.50x | 1.25x |", "same bytes as the floor",
                "| read-hub | 100 | 10,000 | (Prowide failed) |  | 2.00x |", "same entries and sum as the hub",
                "FAILED: OutOfMemoryError");
    }
}
