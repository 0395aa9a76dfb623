package org.jincai.core.testing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.core.Ids;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetSubject;
import org.jincai.core.budget.PlanKey;
import org.jincai.core.payment.BudgetClassification;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Vouchers whose payments are born after the budget is held, as a payroll run's are: the voucher stored alone (no
 * envelope, no payment), its totals held ({@link BudgetControl#hold}), its payments inserted later and drawn on the
 * hold ({@link BudgetControl#draw}) — all of the test subject of {@link ControlVouchers}, its November plan, the ISO
 * test bank.
 */
public final class HeldVouchers {

    private HeldVouchers() {
    }

    /** Stores a voucher of {@code amount} with no payment, as a payroll run stores its own; returns its id. */
    public static String store(CoreFixture core, String voucherNo, String amount) {
        String id = Ids.newId();
        core.db.jdbc().update("""
                INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                    agency_code, pay_bank_code, bank_code, pay_acct_no, pay_acct_name, pay_amt, detail_count, source,
                    received_by, received_at, payload_sha256, voucher_xml)
                VALUES (:id, :adm, :year, '5201', :no, 0, :date, :agency, :payBank, 'DEMO-ISO', :acct, '湖北省财政厅零余额账户',
                    :amt, 0, 'test', 'test', :now, 'sha', :xml)""",
                new MapSqlParameterSource("id", id).addValue("adm", ControlVouchers.ADM)
                        .addValue("year", ControlVouchers.YEAR).addValue("no", voucherNo)
                        .addValue("date", ControlVouchers.VOU_DATE).addValue("agency", ControlVouchers.AGENCY)
                        .addValue("payBank", TestBanks.ISO_BANK_NO).addValue("acct", ControlVouchers.PAY_ACCT)
                        .addValue("amt", new BigDecimal(amount)).addValue("now", new Timestamp(System.currentTimeMillis()))
                        .addValue("xml", new byte[0]));
        return id;
    }

    /** A total of the test subject and its November plan, for {@link BudgetControl#hold}. */
    public static BudgetControl.Need total(String amount) {
        return need(null, new BigDecimal(amount), "test total");
    }

    /** What {@code p} needs of the test subject and its November plan, for {@link BudgetControl#draw}. */
    public static BudgetControl.Need need(Payment p) {
        return need(p.paymentId(), p.amount(), "payment " + p.seq());
    }

    private static BudgetControl.Need need(String paymentId, BigDecimal amount, String location) {
        return new BudgetControl.Need(paymentId, new BudgetSubject(ControlVouchers.ADM, ControlVouchers.YEAR,
                ControlVouchers.AGENCY, ControlVouchers.FUNC, ControlVouchers.ECO, ControlVouchers.FUND, null),
                new PlanKey(ControlVouchers.ADM, ControlVouchers.YEAR, ControlVouchers.VOU_DATE.getMonthValue(),
                        ControlVouchers.AGENCY, ControlVouchers.FUND), amount, location);
    }

    /**
     * Inserts payments of {@code amounts} for the voucher, numbered from {@code firstSeq}, already in {@code status}
     * with their birth recorded, in the caller's transaction (nothing of the budget: the caller draws them).
     */
    public static List<Payment> born(CoreFixture core, String voucherId, int firstSeq, PaymentStatus status,
                                     String... amounts) {
        List<Payment> created = new ArrayList<>();
        List<BudgetClassification> classes = new ArrayList<>();
        List<PaymentLifecycle.Birth> births = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            int seq = firstSeq + i;
            Payment p = new Payment(Ids.newOrderedId(core.clock), voucherId, seq, null, "DEMO-ISO",
                    ControlVouchers.PAY_ACCT, "湖北省财政厅零余额账户", String.format("62220000%08d", seq), "收款人" + seq,
                    "中国工商银行武汉分行", "102521000034", new BigDecimal(amounts[i]), "CNY", "工资 2026-11",
                    PaymentStatus.RECEIVED, null, null, null, null, null, null);
            created.add(p);
            classes.add(new BudgetClassification(ControlVouchers.AGENCY, ControlVouchers.FUNC, ControlVouchers.ECO,
                    null, ControlVouchers.FUND, null, null));
            births.add(new PaymentLifecycle.Birth(p.paymentId(), "born for the test"));
        }
        core.payments.insertAll(created, classes, LocalDate.now(core.clock), status);
        List<PaymentStatus> through = new ArrayList<>();
        for (PaymentStatus s : List.of(PaymentStatus.VALIDATED, PaymentStatus.RESERVED, PaymentStatus.PENDING_APPROVAL,
                PaymentStatus.APPROVED)) {
            through.add(s);
            if (s == status) {
                break;
            }
        }
        core.lifecycle.recordCreatedThrough(births, "test", through);
        return created.stream().map(p -> core.payments.find(p.paymentId()).orElseThrow()).toList();
    }
}
