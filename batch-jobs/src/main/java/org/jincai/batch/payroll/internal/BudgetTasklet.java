package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
import org.jincai.core.controls.ControlException;
import org.jincai.core.release.ReleaseService;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Step {@code budget}, one transaction: the run's voucher stored (one per run: VtCode 8207, VoucherNo the run id,
 * the total and count of its valid lines), every bank of its lines checked for a payroll payer account
 * ({@value PayrollCodes#PAYROLL_NOT_CONFIGURED} otherwise), then, when budget control is on, each (agency, subject)
 * total and each month's plan held by the voucher through {@link BudgetControl#hold}: the indicators' and plans'
 * conditional updates, which never overspend whatever runs beside this job. A total the budget cannot carry refuses
 * the run whole ({@value PayrollCodes#PAYROLL_BUDGET_REFUSED}, every short subject and plan named): the step's
 * transaction rolls back, voucher and every hold with it, and the run is restarted once the budget is added. No
 * payment exists yet: each is born with its file in step {@code render}, after the run's approval, and draws its own
 * reservation from these holds then ({@link LineBirths}); what no payment drew is released when the approval is
 * rejected or the run ends ({@link OutputsTasklet}). A crash rolls the step's one transaction back whole, and the
 * restart does it again.
 */
public class BudgetTasklet implements Tasklet {

    private final PayrollServices s;
    private final String runId;

    public BudgetTasklet(PayrollServices s, String runId) {
        this.s = s;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        // the lines validate has just written, counted before they are grouped and read a file at a time (PostgreSQL)
        TableStatistics.refresh(s.store().jdbc(), "payroll_line");
        PayrollRun run = s.run(runId);
        if (run.voucherId() != null) {
            return RepeatStatus.FINISHED;
        }
        List<Group> groups = groups();
        if (groups.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Map<String, BankProfile> banks = new TreeMap<>();
        for (Group g : groups) {
            banks.computeIfAbsent(g.bank(), code -> {
                BankProfile bank = s.banks().require(code);
                payer(s, bank);
                return bank;
            });
        }
        List<BudgetControl.Need> needs = needs(run, groups);
        Group first = groups.stream().min(Comparator.comparingInt(Group::firstLine)).orElseThrow();
        long n = groups.stream().mapToLong(Group::count).sum();
        BigDecimal total = groups.stream().map(Group::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        String voucherId = storeVoucher(run, n, total, banks.get(first.bank()));
        try {
            s.budget().hold(voucherId, runId, needs, PayrollServices.ACTOR, AuditEntry.Channel.SYSTEM);
        } catch (ControlException e) {
            throw new PayrollException(PayrollCodes.PAYROLL_BUDGET_REFUSED, "the budget cannot carry this payroll: "
                    + e.problems().stream().map(p -> p.code() + " " + p.message()).collect(Collectors.joining("; "))
                    + ". Nothing was held; add the budget, then restart the run", "run " + runId);
        }
        contribution.incrementWriteCount(n);
        return RepeatStatus.FINISHED;
    }

    /** The run's valid lines by bank and (agency, subject): their total, count and first line. */
    private record Group(String bank, String agency, String expFunc, String eco, String fund, BigDecimal total,
                         long count, int firstLine) {
    }

    /** One scan of the run's valid lines: everything the step needs of them. */
    private List<Group> groups() {
        return s.store().jdbc().query("""
                SELECT bank_code, agency_code, exp_func_code, eco_code, fund_type_code, SUM(amount), COUNT(*),
                       MIN(line_no)
                  FROM payroll_line WHERE run_id = :run AND state = 'VALID'
                 GROUP BY bank_code, agency_code, exp_func_code, eco_code, fund_type_code""",
                new MapSqlParameterSource("run", runId), (rs, i) -> new Group(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getLong(7),
                        rs.getInt(8)));
    }

    /** The payroll payer account of {@code bank}'s lines. */
    static PayrollProperties.Payer payer(PayrollServices s, BankProfile bank) {
        return s.props().payer(bank.code()).orElseThrow(() -> new PayrollException(PayrollCodes.PAYROLL_NOT_CONFIGURED,
                "no payroll payer account for bank " + bank.code(), "jincai.payroll.payers"));
    }

    /** The run's valid lines by (agency, subject), whatever their bank: one total each, with its month's plan. */
    private List<BudgetControl.Need> needs(PayrollRun run, List<Group> groups) {
        YearMonth month = YearMonth.parse(run.month());
        String year = String.valueOf(month.getYear());
        Map<BudgetSubject, BigDecimal> totals = new LinkedHashMap<>();
        Map<BudgetSubject, Long> counts = new LinkedHashMap<>();
        for (Group g : groups) {
            BudgetSubject subject = new BudgetSubject(run.admDivCode(), year, g.agency(), g.expFunc(), g.eco(),
                    g.fund(), null);
            totals.merge(subject, g.total(), BigDecimal::add);
            counts.merge(subject, g.count(), Long::sum);
        }
        List<BudgetControl.Need> needs = new ArrayList<>();
        totals.forEach((subject, total) -> needs.add(new BudgetControl.Need(null, subject, new PlanKey(
                run.admDivCode(), year, month.getMonthValue(), subject.agencyCode(), subject.fundTypeCode()), total,
                "payroll run " + runId + ", " + counts.get(subject) + " line(s)")));
        return needs;
    }

    /** The run's voucher, stored with the totals of its valid lines. Its VoucherNo is the run id. */
    private String storeVoucher(PayrollRun run, long n, BigDecimal total, BankProfile bank) {
        PayrollProperties.Payer payer = payer(s, bank);
        String voucherId = Ids.newId();
        YearMonth month = YearMonth.parse(run.month());
        s.store().jdbc().update("""
                INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                    agency_code, agency_name, pay_bank_code, bank_code, pay_acct_no, pay_acct_name, pay_amt, detail_count,
                    source, received_by, received_at, payload_sha256, voucher_xml, finance_system, intake_id)
                VALUES (:id, :adm, :year, :vt, :no, 0, :date, :agency, NULL, :payBank, :bank, :acct, :acctName, :amt, :n,
                    :source, :by, :now, :sha, :xml, NULL, NULL)""",
                new MapSqlParameterSource("id", voucherId).addValue("adm", run.admDivCode())
                        .addValue("year", String.valueOf(month.getYear())).addValue("vt", Voucher8207Reader.VT_CODE)
                        .addValue("no", runId).addValue("date", LocalDate.now(s.clock().withZone(ReleaseService.BANK_ZONE)))
                        .addValue("agency", run.agencyCode()).addValue("payBank", bank.primaryBankNumber())
                        .addValue("bank", bank.code()).addValue("acct", payer.account())
                        .addValue("acctName", payer.name()).addValue("amt", total).addValue("n", n)
                        .addValue("source", Digests.fit("payroll:" + run.fileName(), 200))
                        .addValue("by", Digests.fit(run.createdBy(), 64))
                        .addValue("now", Timestamp.from(s.clock().instant())).addValue("sha", run.sha256())
                        .addValue("xml", new byte[0]));
        s.store().voucher(runId, voucherId);
        return voucherId;
    }
}
