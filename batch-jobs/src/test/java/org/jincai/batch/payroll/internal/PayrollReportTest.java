package org.jincai.batch.payroll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.batch.payroll.internal.PayrollReport.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.batch.payroll.PayrollFixtures;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.payroll.PayrollSummary;
import org.jincai.batch.payroll.PayrollTestApp;
import org.jincai.core.access.DataScope;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payroll outputs read by merging the run's lines and payments give what the join of lines, payments, files and
 * PAID events gave (the query the report ran before, kept here as the reference), byte for byte, on a real database
 * (H2, or PostgreSQL with JINCAI_TEST_DB=postgres): for a run with refused lines, payments paid, rejected by the bank,
 * failed, receipted after being paid (one without a paid date, as a booking without dates leaves it) or after failing,
 * reconciled, sent and still released, several files a bank; for a rejected run (lines never born) and a run awaiting
 * its approval (lines not born yet, two given payments of other ids); at page sizes that cut the lines and payments
 * anywhere, and the report's own.
 */
class PayrollReportTest {

    private static final String MONTH = "2026-11";
    private static final String RESULTS_HEADER = "line,employee_id,name,bank_code,account_no,amount,payment_id,status,"
            + "reason_code,reason_text,file_name\n";

    @TempDir
    Path home;
    private TestDatabase db;
    private ConfigurableApplicationContext ctx;
    private PayrollLauncher launcher;
    private PayrollServices s;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeEach
    void start() {
        db = TestDatabase.create();
        // DEMO-ISO files of three credits: a run's lines spread over many files
        ctx = PayrollTestApp.start(PayrollTestApp.properties(home, db.springProperties(),
                Map.of("jincai.test.iso-max-credits", "3")));
        launcher = ctx.getBean(PayrollLauncher.class);
        s = ctx.getBean(PayrollServices.class);
        jdbc = db.jdbc();
        PayrollFixtures.importBudget(ctx);
    }

    @AfterEach
    void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void theMergedReadingGivesWhatTheJoinGaveForEveryKindOfLine() throws IOException {
        String answered = answeredRun();
        String rejected = rejectedRun();
        String waiting = waitingRun(answered);

        Reference a = reference(answered);
        assertThat(a.results()).as("the fixture has every kind of line").contains(",PAID,", ",FAILED,", ",SENT,",
                ",RELEASED,", ",AC04,");
        assertThat(a.summary().refused()).isEqualTo(3);
        assertThat(a.summary().all().files()).isEqualTo(5);
        assertThat(column(a.results(), 7)).as("receipted after PAID (one without a paid date) or after a failure,"
                + " reconciled, rejected, failed, sent, released").containsEntry(3, "PAID").containsEntry(8, "PAID")
                .containsEntry(9, "FAILED").containsEntry(15, "FAILED").containsEntry(5, "PAID")
                .containsEntry(4, "FAILED").containsEntry(11, "FAILED").containsEntry(19, "SENT")
                .containsEntry(23, "RELEASED").containsEntry(13, "PAID").hasSize(19);
        Reference r = reference(rejected);
        assertThat(r.summary().all().cancelled()).isEqualTo(8);
        assertThat(r.results()).isEqualTo(RESULTS_HEADER);
        Reference w = reference(waiting);
        assertThat(w.summary().all().pending()).isEqualTo(3);
        assertThat(column(w.results(), 7)).containsExactly(Map.entry(2, "NOT_SENT"), Map.entry(3, "PAID"),
                Map.entry(4, "NOT_SENT"), Map.entry(5, "FAILED"), Map.entry(6, "NOT_SENT"));

        for (String runId : List.of(answered, rejected, waiting)) {
            Reference expected = reference(runId);
            for (int page : new int[] {1, 2, 3, 7, 5000}) {
                Path dir = home.resolve("out-" + runId + "-" + page);
                PayrollReport report = new PayrollReport(s, page);
                PayrollSummary written = report.write(runId, dir);
                assertThat(Files.readString(dir.resolve(PayrollReport.RESULTS), StandardCharsets.UTF_8))
                        .as("results.csv of %s, %d a page", runId, page).isEqualTo(expected.results());
                assertThat(written).as("summary of %s, %d a page", runId, page).isEqualTo(expected.summary());
                assertThat(Files.readString(dir.resolve(PayrollReport.SUMMARY), StandardCharsets.UTF_8))
                        .isEqualTo(expected.summary().toJson());
                assertThat(report.summary(runId)).isEqualTo(expected.summary());
            }
        }
    }

    /**
     * 22 lines (file lines 2 to 23), 3 refused (lines 7, 12, 20), the valid ones approved and rendered: DEMO-ISO's
     * (lines 3, 5, 9, …, 23) in files of three, DEMO-PIPE's (lines 2, 4, 6, …) in one. Every file answered, the
     * accounts of lines 4, 9, 10, 11 and 15 rejected, but the one of lines 17, 19, 21 (uploaded, not answered: SENT)
     * and the one of line 23 (not even uploaded: RELEASED). Then, as receipts and the reconciler would move them:
     * lines 3 and 8 PAID → RECEIPTED (line 3's paid date cleared, as a booking without dates leaves it), line 9 and
     * 15 REJECTED → FAILED → RECEIPTED, line 11 REJECTED → FAILED, line 5 PAID → RECONCILED.
     */
    private String answeredRun() {
        List<String> lines = new ArrayList<>(IntStream.rangeClosed(1, 22).mapToObj(PayrollFixtures::valid).toList());
        lines.set(5, PayrollFixtures.line("E900001", "甲", "01", PayrollFixtures.residentId(901), "DEMO-ISO",
                "6222021000000901", "甲", "0.00", PayrollTestApp.AGENCY, ""));
        lines.set(10, PayrollFixtures.line("E900002", "乙,丙", "01", PayrollFixtures.residentId(902), "DEMO-ISO",
                "62220AB", "乙", "100.00", PayrollTestApp.AGENCY, ""));
        lines.set(18, "E900003,丁,01,too,few");
        Path file = PayrollFixtures.write(home.resolve("answered.csv"), StandardCharsets.UTF_8, lines);
        PayrollLauncher.Outcome run = launcher.run(request(file, "dept-head"));
        assertThat(run.exitCode()).as(run.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        String runId = run.run().runId();

        DeliveryService deliveries = ctx.getBean(DeliveryService.class);
        BankAnswerService answers = ctx.getBean(BankAnswerService.class);
        Set<Integer> rejectedLines = Set.of(4, 9, 10, 11, 15);
        List<Map<String, Object>> files = jdbc.queryForList("""
                SELECT DISTINCT d.bank_code, d.file_name, d.message_id FROM bank_delivery d
                  JOIN payment p ON p.delivery_id = d.delivery_id JOIN payroll_run r ON r.voucher_id = p.voucher_id
                 WHERE r.run_id = :r""", new MapSqlParameterSource("r", runId));
        assertThat(files).hasSize(5);
        for (Map<String, Object> f : files) {
            String bank = (String) f.get("bank_code");
            String name = (String) f.get("file_name");
            Map<Integer, String> payments = new TreeMap<>();
            jdbc.query("SELECT p.seq, p.payment_id FROM payment p JOIN bank_delivery d ON d.delivery_id = p.delivery_id"
                    + " WHERE d.bank_code = :b AND d.file_name = :f", new MapSqlParameterSource("b", bank)
                    .addValue("f", name), rs -> {
                        payments.put(rs.getInt(1), rs.getString(2));
                    });
            if (payments.containsKey(23)) {
                continue;
            }
            deliveries.markUploaded(bank, name, "test-upload");
            if (payments.containsKey(19)) {
                continue;
            }
            List<CreditStatus> statuses = payments.entrySet().stream().map(p -> rejectedLines.contains(p.getKey())
                    ? new CreditStatus(p.getValue(), false, "AC04", "account closed, \"now\"")
                    : new CreditStatus(p.getValue(), true, null, null)).toList();
            answers.apply(bank, ("answer of " + name).getBytes(StandardCharsets.UTF_8),
                    new BankAnswer("answer-" + name, (String) f.get("message_id"), statuses), true, "test-inbound");
        }
        PaymentLifecycle lifecycle = ctx.getBean(PaymentLifecycle.class);
        ctx.getBean(TransactionTemplate.class).executeWithoutResult(t -> lifecycle.apply(List.of(
                Move.of(LineBirths.paymentId(runId, 3), PaymentStatus.PAID, PaymentStatus.RECEIPTED, "receipted"),
                Move.of(LineBirths.paymentId(runId, 8), PaymentStatus.PAID, PaymentStatus.RECEIPTED, "receipted"),
                Move.of(LineBirths.paymentId(runId, 9), PaymentStatus.REJECTED, PaymentStatus.FAILED, "failed"),
                Move.of(LineBirths.paymentId(runId, 9), PaymentStatus.FAILED, PaymentStatus.RECEIPTED, "receipted"),
                Move.of(LineBirths.paymentId(runId, 15), PaymentStatus.REJECTED, PaymentStatus.FAILED, "failed"),
                Move.of(LineBirths.paymentId(runId, 15), PaymentStatus.FAILED, PaymentStatus.RECEIPTED, "receipted"),
                Move.of(LineBirths.paymentId(runId, 11), PaymentStatus.REJECTED, PaymentStatus.FAILED, "failed"),
                Move.of(LineBirths.paymentId(runId, 5), PaymentStatus.PAID, PaymentStatus.RECONCILED, "booked")),
                "test"));
        jdbc.update("UPDATE payment SET paid_date = NULL WHERE payment_id = :p",
                new MapSqlParameterSource("p", LineBirths.paymentId(runId, 3)));
        return runId;
    }

    /** 8 lines waiting for their approval, rejected: the run ends REJECTED, no line born. */
    private String rejectedRun() {
        Path file = PayrollFixtures.write(home.resolve("rejected.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(101, 108).mapToObj(PayrollFixtures::valid).toList());
        PayrollLauncher.Outcome waiting = launcher.run(request(file, null));
        assertThat(waiting.exitCode()).isEqualTo("AWAITING_APPROVAL");
        ctx.getBean(ApprovalService.class).reject(waiting.run().approvalId(), new Actor("dept-head",
                Set.of("APPROVER", "DEPARTMENT_HEAD"), DataScope.everything(), AuditEntry.Channel.REST), "退回");
        PayrollLauncher.Outcome done = launcher.restart(waiting.run().runId());
        assertThat(done.run().status()).isEqualTo(PayrollRun.Status.REJECTED);
        return done.run().runId();
    }

    /**
     * 5 lines (2 to 6) waiting for their approval: none born yet. Lines 3 and 5 then given RECEIPTED payments of ids
     * other than the run's id and their line's number (none is born so; the report looks such a payment's PAID event up
     * by its id), line 3's PAID first and line 5's FAILED first, in a file of the answered run.
     */
    private String waitingRun(String answered) {
        Path file = PayrollFixtures.write(home.resolve("waiting.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(201, 205).mapToObj(PayrollFixtures::valid).toList());
        PayrollLauncher.Outcome waiting = launcher.run(request(file, null));
        assertThat(waiting.exitCode()).isEqualTo("AWAITING_APPROVAL");
        String runId = waiting.run().runId();
        for (int line : new int[] {3, 5}) {
            String id = "OTHER" + line;
            jdbc.update("""
                    INSERT INTO payment (payment_id, voucher_id, seq, detail_id, bank_code, pay_acct_no, pay_acct_name,
                           payee_acct_no, payee_acct_name, payee_bank_name, payee_bank_no, amount, currency, remittance,
                           status, batch_id, delivery_id, created_at, updated_at)
                    SELECT :id, :v, :seq, detail_id, bank_code, pay_acct_no, pay_acct_name, payee_acct_no,
                           payee_acct_name, payee_bank_name, payee_bank_no, amount, currency, remittance, 'RECEIPTED',
                           batch_id, delivery_id, created_at, updated_at FROM payment WHERE payment_id = :from""",
                    new MapSqlParameterSource("id", id).addValue("v", s.run(runId).voucherId()).addValue("seq", line)
                            .addValue("from", LineBirths.paymentId(answered, line)));
            for (String to : List.of(line == 3 ? "PAID" : "FAILED", "RECEIPTED")) {
                jdbc.update("INSERT INTO payment_event (event_id, payment_id, from_status, to_status, actor, reason,"
                        + " occurred_at) VALUES (:e, :id, NULL, :to, 'test', 'legacy', CURRENT_TIMESTAMP)",
                        new MapSqlParameterSource("e", id + to).addValue("id", id).addValue("to", to));
            }
        }
        return runId;
    }

    /** What the report gave when it joined every line to its payment, its file and its PAID event, in one query. */
    private Reference reference(String runId) throws IOException {
        PayrollRun run = s.run(runId);
        StringWriter results = new StringWriter();
        results.write(RESULTS_HEADER);
        Map<String, PayrollSummary.Figures> perBank = new TreeMap<>();
        PayrollSummary.Figures[] all = {PayrollSummary.Figures.zero()};
        Map<String, Set<String>> files = new TreeMap<>();
        long[] valid = {0};
        jdbc.query("""
                SELECT l.line_no, l.employee_id, l.employee_name, l.bank_code, l.account_no, l.amount, p.payment_id,
                       p.status, p.bank_reason_code, p.bank_reason_text, d.file_name,
                       CASE WHEN p.status = 'RECEIPTED' AND EXISTS (SELECT 1 FROM payment_event e
                            WHERE e.payment_id = p.payment_id AND e.to_status = 'PAID') THEN 1 ELSE 0 END
                  FROM payroll_line l LEFT JOIN payment p ON p.voucher_id = :v AND p.seq = l.line_no
                  LEFT JOIN bank_delivery d ON d.delivery_id = p.delivery_id
                 WHERE l.run_id = :run AND l.state = 'VALID' ORDER BY l.run_id, l.line_no""",
                new MapSqlParameterSource("run", runId).addValue("v", run.voucherId()), rs -> {
                    valid[0]++;
                    String status = rs.getString(8);
                    String result = status == null && run.status() == PayrollRun.Status.REJECTED ? "CANCELLED"
                            : PayrollReport.result(status, rs.getInt(12) == 1);
                    BigDecimal amount = rs.getBigDecimal(6);
                    all[0] = all[0].plus(result, amount);
                    perBank.merge(rs.getString(4), PayrollSummary.Figures.zero().plus(result, amount),
                            (x, y) -> x.plus(result, amount));
                    if (rs.getString(11) != null) {
                        files.computeIfAbsent(rs.getString(4), k -> new HashSet<>()).add(rs.getString(11));
                    }
                    if (!"CANCELLED".equals(result)) {
                        results.write(rs.getInt(1) + "," + csv(rs.getString(2)) + "," + csv(rs.getString(3)) + ","
                                + rs.getString(4) + "," + rs.getString(5) + "," + amount.toPlainString() + ","
                                + (rs.getString(7) == null ? "" : rs.getString(7)) + "," + result + ","
                                + csv(rs.getString(9)) + "," + csv(rs.getString(10)) + "," + csv(rs.getString(11))
                                + "\n");
                    }
                });
        Map<String, Long> refusedByCode = new TreeMap<>();
        jdbc.query("SELECT code, COUNT(*) FROM payroll_line WHERE run_id = :run AND state = 'REFUSED' GROUP BY code",
                new MapSqlParameterSource("run", runId), rs -> {
                    refusedByCode.put(rs.getString(1), rs.getLong(2));
                });
        long refused = refusedByCode.values().stream().mapToLong(Long::longValue).sum();
        perBank.replaceAll((bank, f) -> f.withFiles(files.getOrDefault(bank, Set.of()).size()));
        PayrollSummary summary = new PayrollSummary(run.runId(), run.fileName(), run.sha256(), run.agencyCode(),
                run.month(), run.retryOf(), run.status(), valid[0] + refused, refused, refusedByCode,
                all[0].withFiles(files.values().stream().mapToLong(Set::size).sum()), perBank);
        return new Reference(results.toString(), summary);
    }

    private record Reference(String results, PayrollSummary summary) {
    }

    /** Column {@code index} of each line of results.csv (no quoted comma before it), by line number. */
    private static Map<Integer, String> column(String results, int index) {
        Map<Integer, String> byLine = new TreeMap<>();
        results.lines().skip(1).map(l -> l.split(",")).forEach(c -> byLine.put(Integer.parseInt(c[0]), c[index]));
        return byLine;
    }

    private static PayrollLauncher.Request request(Path file, String approveAs) {
        return new PayrollLauncher.Request(file, PayrollTestApp.AGENCY, MONTH, approveAs, null, null, "operator");
    }
}
