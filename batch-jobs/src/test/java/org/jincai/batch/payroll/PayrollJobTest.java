package org.jincai.batch.payroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.batch.payroll.internal.PayrollServices;
import org.jincai.core.access.DataScope;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.controls.Actor;
import org.jincai.core.payment.PaymentEvent;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconStatement;
import org.jincai.core.reconcile.ReconcileOptions;
import org.jincai.core.reconcile.Reconciler;
import org.jincai.core.reconcile.StatementOutcome;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.testing.TestDatabase;
import org.jincai.formats.fiscal.FiscalEnvelopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payroll job on a real database (H2, or PostgreSQL with JINCAI_TEST_DB=postgres) with the fiscal controls on:
 * each refused line with its line number and code, the run's budget held (each payment drawing its reservation when
 * born), one approval by --approve-as, files staged and recorded per bank, the banks' answers applied through the
 * answer service, the outputs agreeing with the database to the fen; a file run twice; a re-run of the failed lines
 * only; an 8207 voucher, its payments reconciled and still counted paid.
 */
class PayrollJobTest {

    private static final String MONTH = "2026-11";

    @TempDir
    Path home;
    private TestDatabase db;
    private ConfigurableApplicationContext ctx;
    private PayrollLauncher launcher;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeEach
    void start() {
        db = TestDatabase.create();
        ctx = PayrollTestApp.start(PayrollTestApp.properties(home, db.springProperties(), Map.of()));
        launcher = ctx.getBean(PayrollLauncher.class);
        jdbc = db.jdbc();
        PayrollFixtures.importBudget(ctx);
    }

    @AfterEach
    void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void everyRefusedLineIsNamedAndEveryValidOnePaidOnceThroughTheHubsPath() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(PayrollFixtures.valid(1));                                                     // line 2
        lines.add(PayrollFixtures.valid(2));                                                     // line 3
        lines.add(PayrollFixtures.line("E900001", "甲", "01", PayrollFixtures.residentId(901), "DEMO-ISO",
                "6222021000000901", "甲", "0.00", PayrollTestApp.AGENCY, ""));                  // line 4
        lines.add(PayrollFixtures.line("E900002", "乙", "01", PayrollFixtures.residentId(902), "DEMO-ISO",
                "6222021000000902", "乙", "12.345", PayrollTestApp.AGENCY, ""));                // line 5
        String badCheck = PayrollFixtures.residentId(903);
        badCheck = badCheck.substring(0, 17) + (badCheck.charAt(17) == '1' ? '2' : '1');
        lines.add(PayrollFixtures.line("E900003", "丙", "01", badCheck, "DEMO-ISO", "6222021000000903", "丙", "100.00",
                PayrollTestApp.AGENCY, ""));                                                     // line 6
        lines.add(PayrollFixtures.line("E900004", "丁", "01", PayrollFixtures.residentId(904), "DEMO-ISO",
                "62220AB", "丁", "100.00", PayrollTestApp.AGENCY, ""));                          // line 7
        lines.add(PayrollFixtures.valid(1).replace("职工1,", "职工1乙,"));                            // line 8
        lines.add(PayrollFixtures.line("E900005", "戊", "01", PayrollFixtures.residentId(905), "NO-SUCH-BANK",
                "6222021000000905", "戊", "100.00", PayrollTestApp.AGENCY, ""));                  // line 9
        lines.add(PayrollFixtures.line("E900006", "己", "01", PayrollFixtures.residentId(906), "DEMO-PIPE",
                "6222000000000000666", "己", "100.00", PayrollTestApp.AGENCY, ""));               // line 10
        lines.add(PayrollFixtures.line("E900007", "庚", "01", PayrollFixtures.residentId(907), "DEMO-PIPE",
                "6222021000000907", "庚", "100.00", "999999", ""));                              // line 11
        lines.add("E900008,辛,01,too,few,columns");                                              // line 12
        lines.add(PayrollFixtures.line("E900009", "", "01", PayrollFixtures.residentId(909), "DEMO-PIPE",
                "6222021000000909", "", "100.00", PayrollTestApp.AGENCY, ""));                   // line 13
        lines.add("");                                                                           // line 14
        lines.add(PayrollFixtures.valid(3));                                                     // line 15
        lines.add(PayrollFixtures.line("E900010", "㐀", "01", PayrollFixtures.residentId(910), "DEMO-PIPE",
                "6222021000000910", "㐀", "100.00", PayrollTestApp.AGENCY, ""));                 // line 16
        Path file = PayrollFixtures.write(home.resolve("payroll-2026-11.csv"), StandardCharsets.UTF_8, lines);

        PayrollLauncher.Outcome first = launcher.run(request(file, "dept-head", null));

        assertThat(first.exitCode()).as(first.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        assertThat(first.run().charset()).isEqualTo("UTF-8");
        String runId = first.run().runId();
        Map<Integer, String> refused = new LinkedHashMap<>();
        jdbc.query("SELECT line_no, code FROM payroll_line WHERE run_id = :r AND state = 'REFUSED' ORDER BY line_no",
                new MapSqlParameterSource("r", runId), rs -> {
                    refused.put(rs.getInt(1), rs.getString(2));
                });
        assertThat(refused).containsExactly(Map.entry(4, "AMOUNT_INVALID"), Map.entry(5, "AMOUNT_INVALID"),
                Map.entry(6, "ID_NUMBER_INVALID"), Map.entry(7, "ACCOUNT_INVALID"), Map.entry(8, "DUPLICATE_EMPLOYEE"),
                Map.entry(9, "UNKNOWN_BANK"), Map.entry(10, "ACCOUNT_BLOCKED"), Map.entry(11, "AGENCY_MISMATCH"),
                Map.entry(12, "LINE_MALFORMED"), Map.entry(13, "FIELD_REQUIRED"), Map.entry(16, "NAME_UNENCODABLE"));
        assertThat(db.count("SELECT COUNT(*) FROM payroll_line WHERE run_id = '" + runId + "' AND state = 'VALID'"))
                .isEqualTo(3);
        assertThat(db.count("SELECT COUNT(*) FROM approval a JOIN payroll_run r ON r.approval_id = a.approval_id"
                + " WHERE r.run_id = '" + runId + "' AND a.status = 'APPROVED'")).as("one approval, approved").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT reserved FROM budget_indicator", new MapSqlParameterSource(),
                BigDecimal.class)).isEqualByComparingTo(total(1, 2, 3));
        assertThat(db.count("SELECT COUNT(*) FROM payment p JOIN payroll_run r ON r.voucher_id = p.voucher_id WHERE"
                + " r.run_id = '" + runId + "' AND p.status = 'RELEASED' AND p.delivery_id IS NOT NULL")).isEqualTo(3);
        List<Map<String, Object>> files = deliveries(runId);
        assertThat(files).extracting(f -> f.get("bank_code")).containsExactlyInAnyOrder("DEMO-ISO", "DEMO-PIPE");
        for (Map<String, Object> f : files) {
            assertThat(home.resolve("staging/banks").resolve((String) f.get("bank_code"))
                    .resolve((String) f.get("file_name"))).as("staged under its final name").exists();
        }

        answerAll(runId, "6222021000000000" + "001");
        PayrollLauncher.Outcome done = launcher.restart(runId);

        assertThat(done.exitCode()).as(done.exitDescription()).isEqualTo("COMPLETED");
        Path out = home.resolve("jobs/payroll").resolve(runId);
        List<String> rejected = Files.readAllLines(out.resolve("rejected.csv"));
        assertThat(rejected).hasSize(1 + refused.size());
        assertThat(rejected.get(1)).startsWith("4,E900001,AMOUNT_INVALID,");
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertThat(results).hasSize(1 + 3);
        assertThat(results.stream().skip(1).map(l -> l.split(",")[7]).toList()).containsExactly("FAILED", "PAID",
                "PAID");
        PayrollSummary s = done.summary();
        assertThat(s.rowsRead()).isEqualTo(14);
        assertThat(s.refused()).isEqualTo(11);
        assertThat(s.all().paidAmount()).isEqualByComparingTo(total(2, 3));
        assertThat(s.all().failedAmount()).isEqualByComparingTo(total(1));
        assertThat(jdbc.queryForObject("SELECT SUM(p.amount) FROM payment p JOIN payroll_run r ON r.voucher_id ="
                + " p.voucher_id WHERE r.run_id = :r AND p.status = 'PAID'", new MapSqlParameterSource("r", runId),
                BigDecimal.class)).isEqualByComparingTo(s.all().paidAmount());
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"paidAmount\": \""
                + total(2, 3).toPlainString() + "\"");
        assertThat(jdbc.queryForObject("SELECT spent FROM budget_indicator", new MapSqlParameterSource(),
                BigDecimal.class)).isEqualByComparingTo(total(2, 3));

        String line3 = jdbc.queryForObject("SELECT p.payment_id FROM payment p JOIN payroll_run r ON r.voucher_id ="
                + " p.voucher_id WHERE r.run_id = :r AND p.seq = 3", new MapSqlParameterSource("r", runId), String.class);
        List<PaymentEvent> trail = ctx.getBean(PaymentLifecycle.class).history(line3);
        String fileName = jdbc.queryForObject("SELECT d.file_name FROM bank_delivery d JOIN payment p"
                + " ON p.delivery_id = d.delivery_id WHERE p.payment_id = :p", new MapSqlParameterSource("p", line3),
                String.class);
        assertThat(line3).as("the run's id and the line's number").isEqualTo(runId + "0000000003");
        assertThat(trail.get(0)).as("born with its file: one event naming every state passed").satisfies(e -> {
            assertThat(e.from()).isNull();
            assertThat(e.to()).isEqualTo(PaymentStatus.RELEASED);
            assertThat(e.actor()).isEqualTo("system:payroll");
            assertThat(e.reason()).isEqualTo("RECEIVED → VALIDATED → RESERVED → PENDING_APPROVAL → APPROVED → RELEASED:"
                    + " payroll run " + runId + " line 3 (payroll-2026-11.csv) checked; budget reserved from the run's"
                    + " hold; approved with the run by dept-head; released in " + fileName);
        });
        assertThat(jdbc.queryForObject("SELECT r.amount FROM budget_reservation r JOIN budget_indicator i"
                + " ON i.indicator_id = r.indicator_id WHERE r.payment_id = :p AND r.state = 'SPENT'"
                + " AND r.plan_id IS NOT NULL AND i.agency_code = '219011'", new MapSqlParameterSource("p", line3),
                BigDecimal.class)).as("its own reservation, drawn from the run's hold, spent when paid")
                .isEqualByComparingTo(total(2));
        assertThat(trail).extracting(PaymentEvent::to).startsWith(PaymentStatus.RELEASED).endsWith(PaymentStatus.PAID)
                .doesNotContain(PaymentStatus.RECEIVED, PaymentStatus.VALIDATED, PaymentStatus.RESERVED,
                        PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED);
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM budget_hold", new MapSqlParameterSource(),
                BigDecimal.class)).as("the run's holds: the indicator's and the plan's").isEqualByComparingTo(
                total(1, 2, 3).multiply(BigDecimal.valueOf(2)));
        assertThat(db.count("SELECT COUNT(*) FROM budget_hold WHERE drawn <> amount OR released <> 0"))
                .as("every line drew its reservation, nothing left to release").isZero();

        assertThatThrownBy(() -> launcher.run(request(file, "dept-head", null)))
                .isInstanceOf(PayrollException.class).extracting("code").isEqualTo(PayrollCodes.PAYROLL_ALREADY_RUN);

        PayrollLauncher.Outcome retry = launcher.run(request(file, "dept-head", runId));
        String retryId = retry.run().runId();
        assertThat(db.count("SELECT COUNT(*) FROM payroll_line WHERE run_id = '" + retryId + "'"))
                .as("only the failed line").isEqualTo(1);
        answerAll(retryId, null);
        PayrollLauncher.Outcome retried = launcher.restart(retryId);
        assertThat(retried.exitCode()).isEqualTo("COMPLETED");
        assertThat(retried.summary().all().paidAmount()).isEqualByComparingTo(total(1));
        assertThat(db.count("SELECT COUNT(*) FROM payroll_line l JOIN payroll_run r ON r.run_id = l.run_id"
                + " JOIN payment p ON p.voucher_id = r.voucher_id AND p.seq = l.line_no"
                + " WHERE l.employee_id = 'E000001' AND p.status = 'PAID'")).as("paid once in the end").isEqualTo(1);
        assertThatThrownBy(() -> launcher.run(request(file, "dept-head", runId)))
                .isInstanceOf(PayrollException.class).extracting("code").isEqualTo(PayrollCodes.PAYROLL_ALREADY_RUN);
    }

    /**
     * A run whose total its indicator cannot carry is refused at its budget step, whole: no voucher, no hold, nothing
     * taken from the indicator or plan, the short indicator named; with the budget added, its restart goes on.
     */
    @Test
    void aRunTheBudgetCannotCarryIsRefusedWholeAndGoesOnOnceTheBudgetIsAdded() {
        Path file = PayrollFixtures.write(home.resolve("p.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(1, 250).mapToObj(PayrollFixtures::valid).toList());
        jdbc.update("UPDATE budget_indicator SET approved = 1000.00", new MapSqlParameterSource());

        PayrollLauncher.Outcome refused = launcher.run(request(file, null, null));

        assertThat(refused.exitCode()).isEqualTo("FAILED");
        assertThat(db.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name = 'budget' AND status ="
                + " 'FAILED' AND exit_message LIKE '%the budget cannot carry this payroll: BUDGET_EXCEEDED%"
                + " which has 1000.00 available%'")).as("refused, the short indicator named").isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM voucher")).as("nothing stored").isZero();
        assertThat(db.count("SELECT COUNT(*) FROM budget_hold")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM budget_indicator WHERE reserved <> 0")).as("nothing taken").isZero();
        assertThat(db.count("SELECT COUNT(*) FROM budget_plan WHERE reserved <> 0")).isZero();

        jdbc.update("UPDATE budget_indicator SET approved = 10000000.00", new MapSqlParameterSource());
        PayrollLauncher.Outcome held = launcher.restart(refused.run().runId());
        assertThat(held.exitCode()).as(held.exitDescription()).isEqualTo("AWAITING_APPROVAL");
        assertThat(jdbc.queryForObject("SELECT reserved FROM budget_indicator", new MapSqlParameterSource(),
                BigDecimal.class)).isEqualByComparingTo(total(IntStream.rangeClosed(1, 250).toArray()));
    }

    @Test
    void aRunWaitsForItsApprovalAndGoesOnWhenRestartedAfterIt() {
        Path file = PayrollFixtures.write(home.resolve("p.csv"), Charset.forName("GBK"),
                IntStream.rangeClosed(1, 250).mapToObj(PayrollFixtures::valid).toList());

        PayrollLauncher.Outcome waiting = launcher.run(request(file, null, null));

        assertThat(waiting.exitCode()).isEqualTo("AWAITING_APPROVAL");
        assertThat(waiting.run().charset()).as("detected").isEqualTo("GBK");
        assertThat(db.count("SELECT COUNT(*) FROM payment")).as("no payment before the approval").isZero();
        assertThat(db.count("SELECT detail_count FROM voucher")).as("the run's voucher, for the approver")
                .isEqualTo(250);
        assertThat(db.count("SELECT COUNT(*) FROM budget_hold WHERE drawn = 0")).as("its budget held").isEqualTo(2);
        ctx.getBean(org.jincai.core.approval.ApprovalService.class).approve(waiting.run().approvalId(),
                new Actor("dept-head", java.util.Set.of("APPROVER", "DEPARTMENT_HEAD"), DataScope.everything(),
                        AuditEntry.Channel.REST), "ok");
        PayrollLauncher.Outcome staged = launcher.restart(waiting.run().runId());
        assertThat(staged.exitCode()).isEqualTo("AWAITING_ANSWERS");
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED'")).isEqualTo(250);
        assertThat(staged.summary().all().sent()).isEqualTo(250);
    }

    /**
     * A run waiting for its approval, rejected through the approvals API: the rejection gives the run's budget holds
     * back in its own transaction; the run's restart ends REJECTED, every line CANCELLED and never a payment, the
     * budget back to the fen, the voucher answered once as a return, nothing sent to a bank; a re-run of its failed
     * lines takes every line.
     */
    @Test
    void aRejectedRunEndsRejectedWithItsBudgetBackAndNoPayment() throws IOException {
        BudgetQueries budget = ctx.getBean(BudgetQueries.class);
        Path file = PayrollFixtures.write(home.resolve("p.csv"), Charset.forName("GBK"),
                IntStream.rangeClosed(1, 250).mapToObj(PayrollFixtures::valid).toList());
        PayrollLauncher.Outcome waiting = launcher.run(request(file, null, null));
        assertThat(waiting.exitCode()).isEqualTo("AWAITING_APPROVAL");
        BigDecimal total = total(IntStream.rangeClosed(1, 250).toArray());
        assertThat(available(budget)).as("held").isEqualByComparingTo(new BigDecimal("10000000.00").subtract(total));

        ctx.getBean(ApprovalService.class).reject(waiting.run().approvalId(), new Actor("dept-head",
                Set.of("APPROVER", "DEPARTMENT_HEAD"), DataScope.everything(), AuditEntry.Channel.REST),
                "工资表有误，退回重报");
        assertThat(available(budget)).as("given back with the rejection").isEqualByComparingTo("10000000.00");

        PayrollLauncher.Outcome done = launcher.restart(waiting.run().runId());

        assertThat(done.exitCode()).as(done.exitDescription()).isEqualTo("COMPLETED");
        assertThat(done.run().status()).isEqualTo(PayrollRun.Status.REJECTED);
        assertThat(done.summary().status()).isEqualTo(PayrollRun.Status.REJECTED);
        assertThat(done.summary().all().cancelled()).isEqualTo(250);
        assertThat(done.summary().all().cancelledAmount()).isEqualByComparingTo(total);
        assertThat(done.summary().all().sent()).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM payment")).as("no line ever made a payment").isZero();
        assertThat(available(budget)).as("released to the fen, once").isEqualByComparingTo("10000000.00");
        assertThat(db.count("SELECT COUNT(*) FROM budget_hold WHERE released <> amount OR drawn <> 0")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM bank_delivery")).as("nothing sent").isZero();
        assertThat(db.count("SELECT COUNT(*) FROM voucher_answer WHERE voucher_flag = 2")).as("returned once")
                .isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM voucher_answer")).isEqualTo(1);
        Path outputs = home.resolve("jobs").resolve("payroll").resolve(waiting.run().runId());
        assertThat(Files.readString(outputs.resolve("summary.json"))).contains("\"status\": \"REJECTED\"")
                .contains("\"cancelled\": 250");
        assertThat(Files.readAllLines(outputs.resolve("results.csv"), StandardCharsets.UTF_8)).as("no line sent")
                .hasSize(1);

        PayrollLauncher.Outcome retry = launcher.run(request(file, "dept-head", waiting.run().runId()));
        assertThat(db.count("SELECT COUNT(*) FROM payroll_line WHERE run_id = '" + retry.run().runId() + "'"))
                .as("a rejected run's re-run takes every line").isEqualTo(250);
        assertThat(retry.exitCode()).as(retry.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE status = 'RELEASED'")).isEqualTo(250);
    }

    private static BigDecimal available(BudgetQueries budget) {
        return budget.indicators(DataScope.everything(), null).stream().map(i -> i.available())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aRestartOfARunStillRunningOnALivingNodeIsRefusedAndLeavesItRunning() {
        Path file = PayrollFixtures.write(home.resolve("p.csv"), Charset.forName("GBK"),
                IntStream.rangeClosed(1, 20).mapToObj(PayrollFixtures::valid).toList());
        String runId = launcher.run(request(file, null, null)).run().runId();
        // the run's execution shown running, as on another node mid-run
        JobRepository repository = ctx.getBean(JobRepository.class);
        JobExecution execution = repository.getJobExecution(jdbc.getJdbcTemplate().queryForObject(
                "SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class));
        execution.setStatus(BatchStatus.STARTED);
        execution.setEndTime(null);
        repository.update(execution);
        PayrollLauncher elsewhere = new PayrollLauncher(ctx.getBean(PayrollServices.class),
                ctx.getBean(JobOperator.class), repository, ctx.getBean("payrollJob", Job.class),
                id -> id == execution.getId() ? Optional.of("node-b") : Optional.empty());

        assertThatThrownBy(() -> elsewhere.restart(runId)).isInstanceOf(PayrollException.class)
                .hasMessageContaining("running on node node-b")
                .satisfies(e -> assertThat(((PayrollException) e).code()).isEqualTo(PayrollCodes.PAYROLL_RUN_RUNNING));
        assertThat(repository.getJobExecution(execution.getId()).getStatus()).as("left running")
                .isEqualTo(BatchStatus.STARTED);

        // once no living node runs it (its node lost), the restart marks it interrupted and resumes the run
        PayrollLauncher.Outcome resumed = launcher.restart(runId);
        assertThat(repository.getJobExecution(execution.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(resumed.exitCode()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void an8207VoucherIsPaidThroughTheSameSteps() throws IOException {
        String inner = """
                <?xml version="1.0" encoding="GBK"?>
                <Voucher><Id>8207a</Id><AdmDivCode>420000</AdmDivCode><StYear>2026</StYear><VtCode>8207</VtCode>
                <VouDate>20261127</VouDate><VoucherNo>PL2026112700001</VoucherNo><OriginalVtCode>8202</OriginalVtCode>
                <OriginalVoucherNo>T202600000001</OriginalVoucherNo><FundTypeCode>11</FundTypeCode><SumAmt>20531.20</SumAmt>
                <AgencyCode>219011</AgencyCode><PayAcctNo>9558800000000001</PayAcctNo><PayBankCode>999200000002</PayBankCode>
                <ExpFuncCode>2050201</ExpFuncCode><DetailList>
                <Detail><Id>PL1-1</Id><OriVoucherNo>T202600000001</OriVoucherNo><PayeeAcctNo>6222021001000000001</PayeeAcctNo>
                <PayeeAcctName>郑爽</PayeeAcctName><PayeeAcctBankNo>999200000002</PayeeAcctBankNo><PayAmt>12000.00</PayAmt></Detail>
                <Detail><Id>PL1-2</Id><OriVoucherNo>T202600000001</OriVoucherNo><PayeeAcctNo>6222021001000000002</PayeeAcctNo>
                <PayeeAcctName>王五</PayeeAcctName><PayeeAcctBankNo>999200000002</PayeeAcctBankNo><PayAmt>8531.20</PayAmt></Detail>
                </DetailList></Voucher>""".replace("\n", "");
        Path file = home.resolve("8207.xml");
        try (var out = Files.newOutputStream(file)) {
            FiscalEnvelopes.write(List.of(FiscalEnvelopes.bareBody(inner.getBytes(Charset.forName("GBK")))), out);
        }

        PayrollLauncher.Outcome run = launcher.run(request(file, "dept-head", null));

        assertThat(run.exitCode()).as(run.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        assertThat(run.run().inputKind()).isEqualTo("8207");
        assertThat(run.summary().refused()).isZero();
        assertThat(run.summary().perBank().get("DEMO-PIPE").sentAmount()).isEqualByComparingTo("20531.20");

        // paid, then booked by the bank's statement: the reconciler moves the run's payments PAID -> RECONCILED (no
        // receipt answers an 8207 voucher: the job does), and the job's outputs still count them paid
        String runId = run.run().runId();
        answerAll(runId, null);
        reconcileEveryPayment(runId);
        assertThat(db.count("SELECT COUNT(*) FROM payment p JOIN payroll_run r ON r.voucher_id = p.voucher_id"
                + " WHERE r.run_id = '" + runId + "' AND p.status = 'RECONCILED'")).isEqualTo(2);
        PayrollLauncher.Outcome done = launcher.restart(runId);
        assertThat(done.exitCode()).as(done.exitDescription()).isEqualTo("COMPLETED");
        assertThat(done.summary().all().paid()).isEqualTo(2);
        assertThat(done.summary().all().paidAmount()).isEqualByComparingTo("20531.20");
        assertThat(Files.readAllLines(home.resolve("jobs/payroll").resolve(runId).resolve("results.csv")).stream()
                .skip(1).map(l -> l.split(",")[7]).toList()).containsExactly("PAID", "PAID");
    }

    /** The bank's camt.053 booking each payment of the run by its EndToEndId, reconciled as the reconcile job does. */
    private void reconcileEveryPayment(String runId) {
        List<ReconStatement.Entry> entries = jdbc.query("""
                SELECT p.payment_id, p.amount FROM payment p JOIN payroll_run r ON r.voucher_id = p.voucher_id
                 WHERE r.run_id = :r ORDER BY p.payment_id""", new MapSqlParameterSource("r", runId),
                (rs, n) -> new ReconStatement.Entry("BK-" + n, rs.getBigDecimal(2), "CNY", true, false, "BOOK",
                        LocalDate.of(2026, 11, 27), null, "BK-" + n, "PMNT/ICDT/DMCT", Set.of(), null,
                        List.of(new ReconStatement.Transaction(rs.getString(1), null, rs.getBigDecimal(2), null, null))));
        BigDecimal opening = new BigDecimal("100000.00");
        BigDecimal closing = entries.stream().map(ReconStatement.Entry::signedAmount).reduce(opening, BigDecimal::add);
        ReconStatement statement = new ReconStatement("DEMO-PIPE", "stmt-1.xml", "9558800000000001", "STMT-1", "1",
                false, LocalDate.of(2026, 11, 27), opening, closing, "digest-1", entries);
        Clock clock = ctx.getBean(Clock.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        NamedParameterJdbcTemplate hubJdbc = ctx.getBean(NamedParameterJdbcTemplate.class);
        Reconciler reconciler = new Reconciler(hubJdbc, ctx.getBean(PaymentLifecycle.class),
                new ExceptionQueue(hubJdbc, tx, ctx.getBean(AuditTrail.class), clock), BankCalendar.standard(),
                ReconcileOptions.defaults(), clock);
        StatementOutcome outcome = tx.execute(t -> reconciler.apply(statement, "R-PAYROLL"));
        assertThat(outcome.matched()).isEqualTo(2);
        assertThat(outcome.exceptions()).isZero();
    }

    private PayrollLauncher.Request request(Path file, String approveAs, String retryOf) {
        return new PayrollLauncher.Request(file, PayrollTestApp.AGENCY, MONTH, approveAs, null, retryOf, "operator");
    }

    private List<Map<String, Object>> deliveries(String runId) {
        return jdbc.queryForList("""
                SELECT DISTINCT d.bank_code, d.file_name, d.message_id FROM bank_delivery d
                  JOIN payment p ON p.delivery_id = d.delivery_id JOIN payroll_run r ON r.voucher_id = p.voucher_id
                 WHERE r.run_id = :r""", new MapSqlParameterSource("r", runId));
    }

    /**
     * What the hub's routes do when the banks answer: each file marked uploaded, then its answer applied through the
     * answer service (as a bank whose answer settles); the line of account {@code rejectAccount} rejected.
     */
    private void answerAll(String runId, String rejectAccount) {
        DeliveryService deliveries = ctx.getBean(DeliveryService.class);
        BankAnswerService answers = ctx.getBean(BankAnswerService.class);
        for (Map<String, Object> f : deliveries(runId)) {
            String bank = (String) f.get("bank_code");
            deliveries.markUploaded(bank, (String) f.get("file_name"), "test-upload");
            List<CreditStatus> statuses = jdbc.query("""
                    SELECT p.payment_id, p.payee_acct_no FROM payment p JOIN bank_delivery d ON d.delivery_id = p.delivery_id
                     WHERE d.bank_code = :b AND d.file_name = :f""",
                    new MapSqlParameterSource("b", bank).addValue("f", f.get("file_name")),
                    (rs, n) -> rs.getString(2).equals(rejectAccount)
                            ? new CreditStatus(rs.getString(1), false, "AC04", "account closed")
                            : new CreditStatus(rs.getString(1), true, null, null));
            answers.apply(bank, ("answer of " + f.get("file_name")).getBytes(StandardCharsets.UTF_8),
                    new BankAnswer("answer-" + f.get("file_name"), (String) f.get("message_id"), statuses), true,
                    "test-inbound");
        }
    }

    /** The total of the fixtures' valid lines {@code ns}. */
    private static BigDecimal total(int... ns) {
        return IntStream.of(ns).mapToObj(n -> new BigDecimal(String.format("%d.%02d", 5000 + n / 100, n % 100)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static String joined(List<String> l) {
        return l.stream().collect(Collectors.joining("\n"));
    }
}
