package org.jincai.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's CSV files round-trip: quoted text, empty cells, amounts with their fen, counts; a damaged file is named. */
class CsvTablesTest {

    @TempDir
    Path dir;

    @Test
    void tablesRoundTripThroughTheirCsvFiles() throws Exception {
        List<Object> row = new ArrayList<>(Arrays.asList(MonthlyAnalysis.REPEATED_LARGE_PAYMENTS, "420000", null,
                "3 payments to 湖北某某（集团）有限公司, \"总部\"\r\n第二行", 3L, new BigDecimal("3000000")));
        ReportTable table = new ReportTable(ReportTables.ANOMALIES, List.of(row));
        CsvTables.write(dir, List.of(table));

        String text = Files.readString(dir.resolve("anomalies.csv"), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF规则 Rule,").contains(",3000000.00\r\n");
        ReportTable back = CsvTables.read(dir, List.of(ReportTables.ANOMALIES)).get(0);
        assertThat(back.rows()).hasSize(1);
        assertThat(back.rows().get(0)).containsExactly(MonthlyAnalysis.REPEATED_LARGE_PAYMENTS, "420000", null,
                "3 payments to 湖北某某（集团）有限公司, \"总部\"\r\n第二行", 3L, new BigDecimal("3000000.00"));
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsRefusedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("daily-paid.csv"), "\uFEFF日期 Date,笔数 Payments,金额 Amount\r\n2026-11-01,1\r\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvTables.read(dir, List.of(ReportTables.DAILY_PAID)))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ReportException.REPORT_OUTPUT_FAILED);
                    assertThat(e.location()).endsWith("daily-paid.csv:2");
                });
    }
}
