package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.TableStatistics;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetSubject;
import org.jincai.core.budget.PlanKey;
import org.jincai.core.payment.BudgetClassification;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.ReleaseService;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code payments}: the valid lines become payments of the run's voucher, a chunk of lines per transaction
 * (each call of the tasklet is one chunk, committed with the step's progress). The first call stores the run's
 * voucher (one per run: VtCode 8207, VoucherNo the run id) and, when budget control is on, checks every
 * (agency, subject) total and each month's plan against what is available, refusing the run whole
 * ({@value PayrollCodes#PAYROLL_BUDGET_REFUSED}) before anything is reserved. Each chunk then goes the lifecycle's
 * way in one transaction: the payments inserted in one JDBC batch where the way ends (PENDING_APPROVAL), the budget
 * reserved through {@link BudgetControl#reserve} (one conditional update per subject and plan of the chunk), and one
 * event per payment (no state → PENDING_APPROVAL) whose reason names each state it passed — RECEIVED, VALIDATED,
 * RESERVED with what its reservation holds, PENDING_APPROVAL — so the trail tells the lifecycle's way without four
 * rows per payment nor three updates of it; any refusal rolls the chunk back whole. A line's payment is the run's
 * voucher's payment numbered by the line ({@code uq_payment_voucher_seq}): a chunk done again after a crash cannot
 * make a second one, and the line is not written again. A restart takes the lines still without a payment.
 */
public class PaymentsTasklet implements Tasklet {

    public static final String VT_CODE = "8207";
    private static final String AFTER = "payroll.payments.after";
    private static final String DONE = "payroll.payments.done";
    private static final String TOTAL = "payroll.payments.total";
    private static final String SAMPLED = "payroll.payments.sampled";

    private final PayrollServices s;
    private final String runId;

    public PaymentsTasklet(PayrollServices s, String runId) {
        this.s = s;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PayrollRun run = s.run(runId);
        if (run.voucherId() == null) {
            run = storeVoucher(run);
        }
        ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
        if (!context.containsKey(SAMPLED)) {
            // the lines validate has just written, counted before they are read a chunk at a time (PostgreSQL)
            TableStatistics.refresh(s.store().jdbc(), "payroll_line", "payment");
            context.putString(SAMPLED, "lines");
        }
        int after = context.getInt(AFTER, 0);
        // ordered by the whole key: H2 then reads the key's range in order and stops at the chunk's end (ordered by
        // line_no alone it reads every line after the chunk, and sorts them, for every chunk)
        List<Line> lines = s.store().jdbc().query("""
                SELECT l.line_no, l.employee_id, l.employee_name, l.bank_code, l.account_no, l.account_name, l.amount,
                       l.agency_code, l.exp_func_code, l.eco_code, l.fund_type_code, l.remark, l.state, p.payment_id
                  FROM payroll_line l LEFT JOIN payment p ON p.voucher_id = :v AND p.seq = l.line_no
                 WHERE l.run_id = :run AND l.line_no > :after
                 ORDER BY l.run_id, l.line_no FETCH FIRST :n ROWS ONLY""",
                new MapSqlParameterSource("run", runId).addValue("v", run.voucherId()).addValue("after", after)
                        .addValue("n", s.props().chunkSize()),
                (rs, n) -> new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), PayrollRow.VALID.equals(rs.getString(13))
                        && rs.getString(14) == null));
        if (lines.isEmpty()) {
            // the run's payments, events and reservations counted before the approval and the render read them
            TableStatistics.refresh(s.store().jdbc(), "payment", "payment_event", "budget_reservation");
            return RepeatStatus.FINISHED;
        }
        int last = lines.get(lines.size() - 1).lineNo();
        // by the key alone (the run's lines in order), then in memory: a condition on the payment would let the
        // database walk every line still without one, for every chunk
        lines = lines.stream().filter(Line::open).toList();
        if (!context.containsKey(TOTAL)) {
            context.putLong(TOTAL, withoutPayment(run));
        }
        if (!lines.isEmpty()) {
            create(run, lines);
        }
        contribution.incrementWriteCount(lines.size());
        // the chunk's last line, saved with its commit: the next chunk (a restart too) reads on from there
        context.putInt(AFTER, last);
        long done = context.getLong(DONE, 0) + lines.size();
        context.putLong(DONE, done);
        s.progress().report(runId, "payments", done, context.getLong(TOTAL));
        return RepeatStatus.CONTINUABLE;
    }

    /** The valid lines that have no payment yet. */
    private long withoutPayment(PayrollRun run) {
        Long n = s.store().jdbc().queryForObject("""
                SELECT COUNT(*) FROM payroll_line l WHERE l.run_id = :run AND l.state = 'VALID'
                   AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.voucher_id = :v AND p.seq = l.line_no)""",
                new MapSqlParameterSource("run", runId).addValue("v", run.voucherId()), Long.class);
        return n == null ? 0 : n;
    }

    private record Line(int lineNo, String employeeId, String name, String bankCode, String accountNo,
                        String accountName, BigDecimal amount, String agency, String expFunc, String eco, String fund,
                        String remark, boolean open) {
    }

    private void create(PayrollRun run, List<Line> lines) {
        List<Payment> created = new ArrayList<>(lines.size());
        List<BudgetClassification> classes = new ArrayList<>(lines.size());
        List<BudgetControl.Need> needs = new ArrayList<>(lines.size());
        YearMonth month = YearMonth.parse(run.month());
        String year = String.valueOf(month.getYear());
        for (Line l : lines) {
            BankProfile bank = s.banks().require(l.bankCode());
            PayrollProperties.Payer payer = s.props().payer(bank.code()).orElseThrow(() -> new PayrollException(
                    PayrollCodes.PAYROLL_NOT_CONFIGURED, "no payroll payer account for bank " + bank.code(),
                    "jincai.payroll.payers"));
            String remittance = Digests.fit("工资 " + run.month() + (l.remark() == null || l.remark().isBlank() ? ""
                    : " " + l.remark()), 140);
            // ordered ids: the payment's key, its events' and its reservation's indexes take each chunk at their end
            // (a random id put every line of a chunk in another page of each, all rewritten at every commit)
            Payment p = new Payment(Ids.newOrderedId(s.clock()), run.voucherId(), l.lineNo(), l.employeeId(), bank.code(),
                    payer.account(), payer.name(), l.accountNo(), l.accountName(), bank.name(),
                    bank.primaryBankNumber(), l.amount(), "CNY", remittance, PaymentStatus.RECEIVED, null, null, null,
                    null, null, null);
            created.add(p);
            BudgetClassification c = new BudgetClassification(l.agency(), l.expFunc(), l.eco(), null, l.fund(), null,
                    null);
            classes.add(c);
            needs.add(new BudgetControl.Need(p.paymentId(), new BudgetSubject(run.admDivCode(), year, l.agency(),
                    l.expFunc(), l.eco(), l.fund(), null), new PlanKey(run.admDivCode(), year, month.getMonthValue(),
                    l.agency(), l.fund()), l.amount(), "payroll run " + runId + " line " + l.lineNo()));
        }
        // inserted where the lifecycle takes them, each with one event naming every state it passed: every check
        // below runs in this transaction, which a refusal rolls back whole
        s.payments().insertAll(created, classes, LocalDate.now(s.clock().withZone(ReleaseService.BANK_ZONE)),
                PaymentStatus.PENDING_APPROVAL);
        BudgetControl.Reserved reserved = s.budget().reserve(run.voucherId(), runId, needs, PayrollServices.ACTOR,
                AuditEntry.Channel.SYSTEM);
        List<PaymentLifecycle.Birth> births = new ArrayList<>(needs.size());
        for (BudgetControl.Need n : needs) {
            births.add(new PaymentLifecycle.Birth(n.paymentId(), n.location() + " (" + run.fileName() + ")"
                    + ": its checks passed; " + reservation(n, reserved) + "; awaiting the approval of the run"));
        }
        s.lifecycle().recordCreatedThrough(births, PayrollServices.ACTOR, List.of(PaymentStatus.VALIDATED,
                PaymentStatus.RESERVED, PaymentStatus.PENDING_APPROVAL));
    }

    /** What the budget holds for one payment (its {@code budget_reservation}), or why nothing was held. */
    private String reservation(BudgetControl.Need n, BudgetControl.Reserved reserved) {
        if (!s.budget().options().enabled()) {
            return reserved.summary();
        }
        return "budget reserved: " + n.amount().toPlainString() + " CNY of indicator " + n.subject()
                + (s.budget().options().planControl() ? " and the plan of " + n.plan() : "");
    }

    /**
     * The run's voucher, stored with the totals of its valid lines; the budget checked first. Its VoucherNo is the run
     * id, so the voucher's key is the run's.
     */
    private PayrollRun storeVoucher(PayrollRun run) {
        Map<String, Object> totals = s.store().jdbc().queryForMap("""
                SELECT COUNT(*) AS n, SUM(amount) AS total, MIN(line_no) AS first_line FROM payroll_line
                 WHERE run_id = :run AND state = 'VALID'""", new MapSqlParameterSource("run", runId));
        long n = ((Number) totals.get("n")).longValue();
        if (n == 0) {
            return run;
        }
        BigDecimal total = (BigDecimal) totals.get("total");
        String firstBank = s.store().jdbc().queryForObject("SELECT bank_code FROM payroll_line WHERE run_id = :run"
                + " AND line_no = :line", new MapSqlParameterSource("run", runId)
                .addValue("line", ((Number) totals.get("first_line")).intValue()), String.class);
        BankProfile bank = s.banks().require(firstBank);
        PayrollProperties.Payer payer = s.props().payer(bank.code()).orElseThrow();
        if (s.budget().options().enabled()) {
            new BudgetCheck(s).require(run);
        }
        String voucherId = Ids.newId();
        YearMonth month = YearMonth.parse(run.month());
        s.store().jdbc().update("""
                INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                    agency_code, agency_name, pay_bank_code, bank_code, pay_acct_no, pay_acct_name, pay_amt, detail_count,
                    source, received_by, received_at, payload_sha256, voucher_xml, finance_system, intake_id)
                VALUES (:id, :adm, :year, :vt, :no, 0, :date, :agency, NULL, :payBank, :bank, :acct, :acctName, :amt, :n,
                    :source, :by, :now, :sha, :xml, NULL, NULL)""",
                new MapSqlParameterSource("id", voucherId).addValue("adm", run.admDivCode())
                        .addValue("year", String.valueOf(month.getYear())).addValue("vt", VT_CODE)
                        .addValue("no", runId).addValue("date", LocalDate.now(s.clock().withZone(ReleaseService.BANK_ZONE)))
                        .addValue("agency", run.agencyCode()).addValue("payBank", bank.primaryBankNumber())
                        .addValue("bank", bank.code()).addValue("acct", payer.account())
                        .addValue("acctName", payer.name()).addValue("amt", total).addValue("n", n)
                        .addValue("source", Digests.fit("payroll:" + run.fileName(), 200))
                        .addValue("by", Digests.fit(run.createdBy(), 64))
                        .addValue("now", Timestamp.from(s.clock().instant())).addValue("sha", run.sha256())
                        .addValue("xml", new byte[0]));
        s.store().voucher(runId, voucherId);
        return s.run(runId);
    }
}
