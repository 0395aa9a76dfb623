package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.Digests;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetSubject;
import org.jincai.core.budget.PlanKey;
import org.jincai.core.payment.BudgetClassification;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.ReleaseService.PlannedFile;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The payments of one planned file of a run, born with it ({@link ReleaseService#stageBorn}): the run's valid lines
 * of one bank numbered from the file's first to its last line. The file's credits are read from the lines through a
 * cursor, one at a time; when the file is recorded its payments are inserted RELEASED in it, {@value #CHUNK} lines
 * at a time (one JDBC batch of payments, one of events, one draw of their reservations from the run's budget holds),
 * so neither holds the file in memory. A line's payment is the run's voucher's payment numbered by the line, its id
 * {@link #paymentId the run's id and the line's number}: the file's credits and its payments agree, a file rendered
 * again after a crash carries the same credits under the same payment ids, and {@code uq_payment_voucher_seq}
 * refuses a second payment for a line.
 * Each payment gets one event, no state → RELEASED, whose reason names every state it passed, its line, the run's
 * approver and its file. The file's payer is the one it was planned from: a payer account configured otherwise since
 * is refused ({@value PayrollCodes#PAYROLL_NOT_CONFIGURED}) before anything is written.
 */
final class LineBirths implements ReleaseService.Births {

    /** Lines born per JDBC batch. */
    static final int CHUNK = 1_000;
    private static final List<PaymentStatus> THROUGH = List.of(PaymentStatus.VALIDATED, PaymentStatus.RESERVED,
            PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED, PaymentStatus.RELEASED);
    /**
     * The file's lines after {@code :after}, ordered as ix_payroll_line_bank is: H2 reads the bank's range
     * of the index in order and stops there, no other bank's line read.
     */
    private static final String LINES = """
            SELECT line_no, employee_id, account_no, account_name, amount, agency_code, exp_func_code, eco_code,
                   fund_type_code, remark
              FROM payroll_line WHERE run_id = :run AND bank_code = :b AND state = 'VALID' AND line_no > :after
               AND line_no <= :last ORDER BY run_id, bank_code, state, line_no""";

    private final PayrollServices s;
    private final PayrollRun run;
    private final BankProfile bank;
    private final PayrollProperties.Payer payer;
    private final PlannedFile file;
    private final String approval;

    /**
     * @param approval how the run was approved, for the payments' trail (the approval and who decided it, or the
     *                 rule that asked for no approver)
     */
    LineBirths(PayrollServices s, PayrollRun run, BankProfile bank, PlannedFile file, String approval) {
        this.s = s;
        this.run = run;
        this.bank = bank;
        this.payer = BudgetTasklet.payer(s, bank);
        if (!payer.account().equals(file.payAcctNo())) {
            throw new PayrollException(PayrollCodes.PAYROLL_NOT_CONFIGURED, "the payroll payer account of "
                    + bank.code() + " is " + payer.account() + " but the run's files were planned from "
                    + file.payAcctNo() + ": set it back to finish the run, whose files are planned, and some may be"
                    + " sent already, from that account", "jincai.payroll.payers");
        }
        this.file = file;
        this.approval = approval;
    }

    /** The payment of line {@code lineNo} of run {@code runId}: the run's id and the line's number, 10 digits. */
    static String paymentId(String runId, int lineNo) {
        String digits = Integer.toString(lineNo);
        return runId + "0".repeat(10 - digits.length()) + digits;
    }

    @Override
    public CreditSource credits() {
        return CreditSource.distinct(() -> s.store().streaming().queryForStream(LINES, range(file.firstSeq() - 1),
                (rs, n) -> credit(line(rs))));
    }

    @Override
    public int bear(String batchId, String deliveryId, String reason) {
        int born = 0;
        int after = file.firstSeq() - 1;
        LocalDate receivedOn = LocalDate.now(s.clock().withZone(ReleaseService.BANK_ZONE));
        YearMonth month = YearMonth.parse(run.month());
        String year = String.valueOf(month.getYear());
        String reserved = reservation();
        while (true) {
            List<Line> lines = s.store().jdbc().query(LINES + " FETCH FIRST " + CHUNK + " ROWS ONLY", range(after),
                    (rs, n) -> line(rs));
            if (lines.isEmpty()) {
                return born;
            }
            List<Payment> payments = new ArrayList<>(lines.size());
            List<BudgetClassification> classes = new ArrayList<>(lines.size());
            List<BudgetControl.Need> needs = new ArrayList<>(lines.size());
            List<PaymentLifecycle.Birth> births = new ArrayList<>(lines.size());
            for (Line l : lines) {
                OutboundCredit c = credit(l);
                payments.add(new Payment(c.endToEndId(), run.voucherId(), l.lineNo(), l.employeeId(), bank.code(),
                        payer.account(), payer.name(), l.accountNo(), l.accountName(), bank.name(),
                        bank.primaryBankNumber(), l.amount(), "CNY", c.remittance(), PaymentStatus.RELEASED, batchId,
                        deliveryId, null, null, null, null));
                classes.add(new BudgetClassification(l.agency(), l.expFunc(), l.eco(), null, l.fund(), null, null));
                BudgetControl.Need need = new BudgetControl.Need(c.endToEndId(), new BudgetSubject(run.admDivCode(),
                        year, l.agency(), l.expFunc(), l.eco(), l.fund(), null), new PlanKey(run.admDivCode(), year,
                        month.getMonthValue(), l.agency(), l.fund()), l.amount(), "payroll run " + run.runId()
                        + " line " + l.lineNo());
                needs.add(need);
                births.add(new PaymentLifecycle.Birth(c.endToEndId(), need.location() + " (" + run.fileName() + ")"
                        + " checked; " + reserved + "; " + approval + "; " + reason));
            }
            s.payments().insertReleased(payments, classes, receivedOn, batchId, deliveryId);
            s.budget().draw(run.voucherId(), needs);
            s.lifecycle().recordCreatedThrough(births, PayrollServices.ACTOR, THROUGH);
            born += lines.size();
            after = lines.get(lines.size() - 1).lineNo();
        }
    }

    private MapSqlParameterSource range(int after) {
        return new MapSqlParameterSource("run", run.runId()).addValue("after", after).addValue("last", file.lastSeq())
                .addValue("b", bank.code());
    }

    /**
     * What the budget holds for the payments, or why nothing is held: short, since every payment's event carries it
     * (a million events a run); the payment's indicator is its {@code budget_reservation}'s, its subject its own
     * columns.
     */
    private String reservation() {
        return s.budget().options().enabled() ? "budget reserved from the run's hold"
                : "budget control off: passed without a check";
    }

    private OutboundCredit credit(Line l) {
        String remittance = Digests.fit("工资 " + run.month() + (l.remark() == null || l.remark().isBlank() ? ""
                : " " + l.remark()), 140);
        return new OutboundCredit(paymentId(run.runId(), l.lineNo()), l.amount(), l.accountName(), l.accountNo(),
                bank.primaryBankNumber(), bank.name(), remittance);
    }

    private static Line line(ResultSet rs) throws SQLException {
        return new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    private record Line(int lineNo, String employeeId, String accountNo, String accountName, BigDecimal amount,
                        String agency, String expFunc, String eco, String fund, String remark) {
    }
}
