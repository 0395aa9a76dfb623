package org.jincai.bench.payroll;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes payroll CSV files of any size (docs/payroll.md), streamed line by line: employees across the given banks
 * in turn, real resident IDs (check character computed), amounts from 3,000.00 to 12,999.99. Every
 * {@code refusedEvery}-th line breaks one rule in turn (amount, ID check digit, account, unknown bank), and every
 * {@code rejectedEvery}-th valid line has an account ending 0000, which the simulated banks reject. A fixture of the
 * demo and the benchmark, never of production.
 */
public final class PayrollCsv {

    public static final String HEADER = "employee_id,name,id_type,id_number,bank_code,account_no,account_name,"
            + "net_amount,agency_code,exp_func_code,eco_code,fund_type_code,remark";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚";

    /** What a file is made of: who pays (agency and budget subject), through which banks, and what breaks. */
    public record Spec(String agency, String expFunc, String eco, String fund, List<String> banks, int refusedEvery,
                       int rejectedEvery) {
    }

    /** What was written: lines, those refused by design, and the total of the valid lines. */
    public record Written(Path file, int rows, int refused, BigDecimal validTotal) {
    }

    private PayrollCsv() {
    }

    public static Written write(Path file, int rows, Spec spec, Charset charset) {
        int refused = 0;
        long validFen = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, charset)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder line = new StringBuilder(160);
            for (int n = 1; n <= rows; n++) {
                String bank = spec.banks().get(n % spec.banks().size());
                long fen = 300_000 + (n * 7919L) % 1_000_000;
                String account = "6222" + String.format("%015d", n * 10L + 1);
                String id = residentId(n);
                String amount = fen / 100 + "." + String.format("%02d", fen % 100);
                boolean breaks = spec.refusedEvery() > 0 && n % spec.refusedEvery() == 0;
                if (breaks) {
                    switch ((n / spec.refusedEvery()) % 4) {
                        case 0 -> amount = "-" + amount;
                        case 1 -> id = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
                        case 2 -> account = "62AB" + account.substring(4);
                        default -> bank = "NO-SUCH-BANK";
                    }
                    refused++;
                } else {
                    validFen += fen;
                    if (spec.rejectedEvery() > 0 && n % spec.rejectedEvery() == 0) {
                        account = account.substring(0, account.length() - 4) + "0000";
                    }
                }
                String name = name(n);
                line.setLength(0);
                line.append('E').append(String.format("%08d", n)).append(',').append(name).append(",01,").append(id)
                        .append(',').append(bank).append(',').append(account).append(',').append(name).append(',')
                        .append(amount).append(',').append(spec.agency()).append(',').append(spec.expFunc())
                        .append(',').append(spec.eco()).append(',').append(spec.fund()).append(",\n");
                w.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Written(file, rows, refused, BigDecimal.valueOf(validFen, 2));
    }

    static String name(int n) {
        return "" + SURNAMES.charAt(n % SURNAMES.length()) + GIVEN.charAt((n / SURNAMES.length()) % GIVEN.length())
                + GIVEN.charAt((n / 7) % GIVEN.length());
    }

    /** An 18-character resident ID of a person born 1970-1999 in 4201xx, its check character right. */
    public static String residentId(int n) {
        String first17 = "4201" + String.format("%02d", n % 17 + 1) + (1970 + n % 30) + String.format("%02d", n % 12 + 1)
                + String.format("%02d", n % 28 + 1) + String.format("%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
