package org.jincai.bench.payroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's payroll file is what the job reads and says what it claims: the header, one line per row, the lines
 * refused by design each broken in a way the job refuses (checked here independently: a negative amount, a resident
 * id whose GB 11643 check digit is wrong, an account with letters, an unknown bank), and the total of the others.
 */
class PayrollCsvTest {

    static final List<String> BANKS = List.of("DEMO-ISO", "DEMO-PIPE", "DEMO-FIXED");

    @TempDir
    Path dir;

    @Test
    void theRefusedLinesAndTheValidTotalAreWhatTheFileHolds() throws Exception {
        Charset gbk = Charset.forName("GBK");
        Path file = dir.resolve("payroll.csv");
        PayrollCsv.Written written = PayrollCsv.write(file, 1_000,
                new PayrollCsv.Spec("105001", "2050201", "50101", "11", BANKS, 7, 13), gbk);

        List<String> lines = Files.readAllLines(file, gbk);
        assertThat(lines.get(0)).isEqualTo(PayrollCsv.HEADER);
        assertThat(lines).hasSize(1_001);
        int broken = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(13);
            boolean bad = f[7].startsWith("-") || !checkDigitOk(f[3]) || !f[5].matches("\\d+")
                    || !BANKS.contains(f[4]);
            if (bad) {
                broken++;
            } else {
                total = total.add(new BigDecimal(f[7]));
            }
        }
        assertThat(broken).isEqualTo(written.refused()).isEqualTo(1_000 / 7);
        assertThat(total).isEqualByComparingTo(written.validTotal());
        assertThat(written.validTotal().scale()).isEqualTo(2);
    }

    /** GB 11643-1999: the 18th character from the weighted sum of the first 17 digits, mod 11. */
    private static boolean checkDigitOk(String id) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        return id.length() == 18 && "10X98765432".charAt(sum % 11) == id.charAt(17);
    }
}
