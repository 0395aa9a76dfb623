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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.payroll.PayrollSummary;
import org.jincai.core.payment.PaymentRepository;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A run's outputs, read from the database a page of rows at a time (memory flat whatever the run's size):
 * {@value #REJECTED} (line, employee_id, code, message), {@value #RESULTS} (every sent line once, with the bank's
 * status and reason) and {@value #SUMMARY}; the summary's figures are added up from the very lines written, so the
 * files and the summary agree to the fen. Each file is written under a temporary name and renamed, so a crash
 * leaves the previous outputs or none, never half a file.
 * <p>
 * Nothing is looked up line by line. The run's refused lines, its valid lines and its voucher's payments are read as
 * ordered ranges of their own keys ({@code payroll_line} by run and line number, {@code payment} by voucher and
 * number: {@code uq_payment_voucher_seq}), 5,000 rows a statement, and a valid line's payment is found by merging the
 * last two on line number = payment number: a line no payment is numbered by has none (never born: a rejected run's
 * lines, or lines not rendered yet). With each page of payments come, in one statement each and only when the page
 * needs it, the names of the files it names that were not met before (by {@code bank_delivery}'s key, kept for the
 * build: a file carries a thousand lines or so) and which of its RECEIPTED payments were PAID first (one range of
 * {@code payment_event}'s index on payment_id: a payroll payment's id is the run's id and its line's number,
 * {@link LineBirths#paymentId}). A run of R refused lines, V valid ones and P payments is read in
 * R / 5,000 + V / 5,000 + P / 5,000 + 3 range statements (each quotient rounded down), and at most two more a page
 * of payments, of files and of events.
 */
public class PayrollReport {

    public static final String REJECTED = "rejected.csv";
    public static final String RESULTS = "results.csv";
    public static final String SUMMARY = "summary.json";
    private static final int PAGE = 5000;

    private final PayrollServices s;
    private final int pageSize;

    public PayrollReport(PayrollServices s) {
        this(s, PAGE);
    }

    /** A report reading {@code pageSize} lines, and payments, at a time. */
    PayrollReport(PayrollServices s, int pageSize) {
        this.s = s;
        this.pageSize = pageSize;
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
                     FETCH FIRST :n ROWS ONLY""", byRun.addValue("after", after).addValue("n", pageSize),
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
        RunPayments payments = new RunPayments(run);
        long valid = 0;
        after = 0;
        while (true) {
            // the lines alone, by the key's range; each line's payment comes from the run's payments read alongside
            List<Line> page = s.store().jdbc().query("""
                    SELECT line_no, employee_id, employee_name, bank_code, account_no, amount FROM payroll_line
                     WHERE run_id = :run AND line_no > :after AND state = 'VALID' ORDER BY run_id, line_no
                     FETCH FIRST :n ROWS ONLY""", byRun.addValue("after", after).addValue("n", pageSize),
                    (rs, n) -> new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6)));
            if (page.isEmpty()) {
                break;
            }
            for (Line l : page) {
                valid++;
                Payment p = payments.of(l.lineNo());
                // a rejected run's lines were never born: cancelled with it
                String result = p == null && run.status() == PayrollRun.Status.REJECTED ? "CANCELLED"
                        : result(p == null ? null : p.status(), p != null && payments.paidBeforeReceipt(p));
                String fileName = p == null ? null : payments.fileName(p);
                all = all.plus(result, l.amount());
                perBank.merge(l.bankCode(), PayrollSummary.Figures.zero().plus(result, l.amount()),
                        (a, b) -> a.plus(result, l.amount()));
                if (fileName != null) {
                    files.computeIfAbsent(l.bankCode(), k -> new HashSet<>()).add(fileName);
                }
                if (results != null && !"CANCELLED".equals(result)) {
                    results.write(l.lineNo() + "," + csv(l.employeeId()) + "," + csv(l.name()) + "," + l.bankCode()
                            + "," + l.accountNo() + "," + l.amount().toPlainString() + ","
                            + (p == null ? "" : p.paymentId()) + "," + result + ","
                            + csv(p == null ? null : p.reasonCode()) + "," + csv(p == null ? null : p.reasonText())
                            + "," + csv(fileName) + "\n");
                }
                after = l.lineNo();
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

    /** A CSV field: as it is, or quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** A valid line as its result needs it. */
    private record Line(int lineNo, String employeeId, String name, String bankCode, String accountNo,
                        BigDecimal amount) {
    }

    /** A line's payment as its result needs it. */
    private record Payment(int seq, String paymentId, String status, String reasonCode, String reasonText,
                           String deliveryId) {
    }

    /**
     * The run's payments in the order of their numbers, a page at a time, handed to the lines as they are asked for in
     * increasing line number; a payment no valid line asks for is passed over, as the lines' join passed over it.
     */
    private final class RunPayments {

        private final PayrollRun run;
        /** The files met so far, by delivery: their names. */
        private final Map<String, String> fileNames = new HashMap<>();
        private List<Payment> page = List.of();
        /** Payment ids with a PAID event: every RECEIPTED payment of the page that has one, and others of its range. */
        private Set<String> paid = Set.of();
        private int next;
        private int afterSeq;
        private boolean lastPage;

        RunPayments(PayrollRun run) {
            this.run = run;
        }

        /** The payment numbered {@code lineNo}, or null; asked in increasing line number. */
        Payment of(int lineNo) {
            while (true) {
                if (next == page.size()) {
                    if (lastPage) {
                        return null;
                    }
                    read();
                    continue;
                }
                Payment p = page.get(next);
                if (p.seq() > lineNo) {
                    return null;
                }
                next++;
                if (p.seq() == lineNo) {
                    return p;
                }
            }
        }

        /** Whether the payment, RECEIPTED, was PAID before: its receipt tells a payment, not a failure. */
        boolean paidBeforeReceipt(Payment p) {
            return "RECEIPTED".equals(p.status()) && paid.contains(p.paymentId());
        }

        /** The name of the payment's file; null for a payment in none. */
        String fileName(Payment p) {
            return p.deliveryId() == null ? null : fileNames.get(p.deliveryId());
        }

        private void read() {
            // ordered by the whole key of uq_payment_voucher_seq: H2 then reads the voucher's range in order and stops
            // at the page's end (ordered by seq alone, H2 reads and sorts all the voucher's payments after the page)
            page = s.store().jdbc().query("""
                    SELECT seq, payment_id, status, bank_reason_code, bank_reason_text, delivery_id FROM payment
                     WHERE voucher_id = :v AND seq > :after ORDER BY voucher_id, seq FETCH FIRST :n ROWS ONLY""",
                    new MapSqlParameterSource("v", run.voucherId()).addValue("after", afterSeq)
                            .addValue("n", pageSize),
                    (rs, n) -> new Payment(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
            next = 0;
            lastPage = page.size() < pageSize;
            if (!page.isEmpty()) {
                afterSeq = page.get(page.size() - 1).seq();
            }
            learnFiles();
            paid = paidEvents();
        }

        /** The names of the files the page names that were not met before, by the deliveries' key. */
        private void learnFiles() {
            List<String> unknown = page.stream().map(Payment::deliveryId)
                    .filter(d -> d != null && !fileNames.containsKey(d)).distinct().toList();
            for (int i = 0; i < unknown.size(); i += PaymentRepository.IN_CHUNK) {
                s.store().jdbc().query("SELECT delivery_id, file_name FROM bank_delivery WHERE delivery_id IN (:ids)",
                        new MapSqlParameterSource("ids", unknown.subList(i, Math.min(unknown.size(),
                                i + PaymentRepository.IN_CHUNK))),
                        rs -> {
                            fileNames.put(rs.getString(1), rs.getString(2));
                        });
            }
        }

        /**
         * The ids with a PAID event among those of the page's RECEIPTED payments (and of the other payments between
         * them). A payment born by the run has the run's id and its line's number for id: the page's are one range of
         * payment_event's index, ordered as their numbers (same prefix and length, digits after) in any collation,
         * read once for all; a payment of another id (none is born so) is looked up by it.
         */
        private Set<String> paidEvents() {
            Set<String> found = new HashSet<>();
            List<String> others = new ArrayList<>();
            String lo = null;
            String hi = null;
            for (Payment p : page) {
                if (!"RECEIPTED".equals(p.status())) {
                    continue;
                }
                if (p.paymentId().equals(LineBirths.paymentId(run.runId(), p.seq()))) {
                    lo = lo == null ? p.paymentId() : lo;
                    hi = p.paymentId();
                } else {
                    others.add(p.paymentId());
                }
            }
            if (lo != null) {
                found.addAll(s.store().jdbc().queryForList("""
                        SELECT payment_id FROM payment_event
                         WHERE payment_id >= :lo AND payment_id <= :hi AND to_status = 'PAID'""",
                        new MapSqlParameterSource("lo", lo).addValue("hi", hi), String.class));
            }
            for (int i = 0; i < others.size(); i += PaymentRepository.IN_CHUNK) {
                found.addAll(s.store().jdbc().queryForList(
                        "SELECT payment_id FROM payment_event WHERE payment_id IN (:ids) AND to_status = 'PAID'",
                        new MapSqlParameterSource("ids", others.subList(i, Math.min(others.size(),
                                i + PaymentRepository.IN_CHUNK))), String.class));
            }
            return found;
        }
    }
}
