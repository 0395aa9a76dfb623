package org.jincai.batch.payroll.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.payroll.PayrollSummary;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A run's outputs, read from the database a page of lines at a time (memory flat whatever the run's size):
 * {@value #REJECTED} (line, employee_id, code, message), {@value #RESULTS} (every sent line once, with the bank's
 * status and reason) and {@value #SUMMARY}; the summary's figures are added up from the very lines written, so the
 * files and the summary agree to the fen. Each file is written under a temporary name and renamed, so a crash
 * leaves the previous outputs or none, never half a file.
 */
public class PayrollReport {

    public static final String REJECTED = "rejected.csv";
    public static final String RESULTS = "results.csv";
    public static final String SUMMARY = "summary.json";
    private static final int PAGE = 5000;

    private final PayrollServices s;

    public PayrollReport(PayrollServices s) {
        this.s = s;
    }

    /** The run's figures as the database has them now, nothing written. */
    public PayrollSummary summary(String runId) {
        try {
            return build(s.run(runId), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the three outputs of the run into {@code dir}; returns the summary written. */
    public PayrollSummary write(String runId, Path dir) {
        try {
            Files.createDirectories(dir);
            Path rejected = dir.resolve(REJECTED + ".tmp");
            Path results = dir.resolve(RESULTS + ".tmp");
            PayrollSummary summary;
            try (BufferedWriter r = Files.newBufferedWriter(rejected, StandardCharsets.UTF_8);
                 BufferedWriter p = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
                summary = build(s.run(runId), r, p);
            }
            Path json = dir.resolve(SUMMARY + ".tmp");
            Files.writeString(json, summary.toJson(), StandardCharsets.UTF_8);
            Files.move(rejected, dir.resolve(REJECTED), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(results, dir.resolve(RESULTS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(json, dir.resolve(SUMMARY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs of payroll run " + runId + " in " + dir, e);
        }
    }

    private PayrollSummary build(PayrollRun run, Writer rejected, Writer results) throws IOException {
        MapSqlParameterSource byRun = new MapSqlParameterSource("run", run.runId()).addValue("v", run.voucherId());
        Map<String, Long> refusedByCode = new TreeMap<>();
        long refused = 0;
        if (rejected != null) {
            rejected.write("line,employee_id,code,message\n");
        }
        // every page ordered by the lines' whole key, (run_id, line_no): H2 then reads the key's range in order and
        // stops at the page's end; ordered by line_no alone it read and joined every line after the page, and sorted
        // them, for every page (quadratic in the run: minutes at 100,000 lines)
        int after = 0;
        while (true) {
            List<String[]> page = s.store().jdbc().query("""
                    SELECT line_no, employee_id, code, message FROM payroll_line
                     WHERE run_id = :run AND line_no > :after AND state = 'REFUSED' ORDER BY run_id, line_no
                     FETCH FIRST :n ROWS ONLY""", byRun.addValue("after", after).addValue("n", PAGE),
                    (rs, n) -> new String[] {String.valueOf(rs.getInt(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4)});
            if (page.isEmpty()) {
                break;
            }
            for (String[] l : page) {
                refused++;
                refusedByCode.merge(l[2], 1L, Long::sum);
                if (rejected != null) {
                    rejected.write(l[0] + "," + csv(l[1]) + "," + l[2] + "," + csv(l[3]) + "\n");
                }
                after = Integer.parseInt(l[0]);
            }
        }
        if (results != null) {
            results.write("line,employee_id,name,bank_code,account_no,amount,payment_id,status,reason_code,reason_text,"
                    + "file_name\n");
        }
        Map<String, PayrollSummary.Figures> perBank = new TreeMap<>();
        PayrollSummary.Figures all = PayrollSummary.Figures.zero();
        // the files of each bank, counted from the lines' own (a set of file names: a few per thousand lines)
        Map<String, Set<String>> files = new TreeMap<>();
        long valid = 0;
        after = 0;
        while (true) {
            // a line's payment is its run voucher's payment numbered by the line (uq_payment_voucher_seq)
            List<Object[]> page = s.store().jdbc().query("""
                    SELECT l.line_no, l.employee_id, l.employee_name, l.bank_code, l.account_no, l.amount, p.payment_id,
                           p.status, p.bank_reason_code, p.bank_reason_text, d.file_name,
                           CASE WHEN p.status = 'RECEIPTED' AND EXISTS (SELECT 1 FROM payment_event e
                                WHERE e.payment_id = p.payment_id AND e.to_status = 'PAID') THEN 1 ELSE 0 END
                      FROM payroll_line l LEFT JOIN payment p ON p.voucher_id = :v AND p.seq = l.line_no
                      LEFT JOIN bank_delivery d ON d.delivery_id = p.delivery_id
                     WHERE l.run_id = :run AND l.line_no > :after AND l.state = 'VALID' ORDER BY l.run_id, l.line_no
                     FETCH FIRST :n ROWS ONLY""", byRun.addValue("after", after).addValue("n", PAGE),
                    (rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getInt(12)});
            if (page.isEmpty()) {
                break;
            }
            for (Object[] l : page) {
                valid++;
                // a rejected run's lines were never born: cancelled with it
                String result = l[7] == null && run.status() == PayrollRun.Status.REJECTED ? "CANCELLED"
                        : result((String) l[7], (Integer) l[11] == 1);
                BigDecimal amount = (BigDecimal) l[5];
                all = all.plus(result, amount);
                perBank.merge((String) l[3], PayrollSummary.Figures.zero().plus(result, amount),
                        (a, b) -> a.plus(result, amount));
                if (l[10] != null) {
                    files.computeIfAbsent((String) l[3], k -> new HashSet<>()).add((String) l[10]);
                }
                if (results != null && !"CANCELLED".equals(result)) {
                    results.write(l[0] + "," + csv((String) l[1]) + "," + csv((String) l[2]) + "," + l[3] + ","
                            + l[4] + "," + amount.toPlainString() + "," + (l[6] == null ? "" : l[6]) + "," + result
                            + "," + csv((String) l[8]) + "," + csv((String) l[9]) + "," + csv((String) l[10]) + "\n");
                }
                after = (Integer) l[0];
            }
        }
        perBank.replaceAll((bank, f) -> f.withFiles(files.getOrDefault(bank, Set.of()).size()));
        all = all.withFiles(files.values().stream().mapToLong(Set::size).sum());
        return new PayrollSummary(run.runId(), run.fileName(), run.sha256(), run.agencyCode(), run.month(),
                run.retryOf(), run.status(), valid + refused, refused, refusedByCode, all, perBank);
    }

    /** What a payment's state says of its line: PAID, FAILED, CANCELLED, or its state while it is on its way. */
    static String result(String status, boolean paidBeforeReceipt) {
        if (status == null) {
            return "NOT_SENT";
        }
        return switch (status) {
            case "PAID", "RECONCILED" -> "PAID";
            case "RECEIPTED" -> paidBeforeReceipt ? "PAID" : "FAILED";
            case "REJECTED", "FAILED", "RETURNED" -> "FAILED";
            case "CANCELLED" -> "CANCELLED";
            default -> status;
        };
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
