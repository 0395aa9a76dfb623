package org.jincai.core.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlException;
import org.jincai.core.access.DataScope;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.VoucherDetail;

/**
 * Vouchers and budgets for the fiscal controls' tests: payment vouchers of one budget subject (Hubei 2026, agency
 * 219011, ExpFuncCode 2050201, GovExpEcoCode 50201, FundTypeCode 11, VouDate 2026-11-27) to the ISO test bank,
 * written as real MOF envelopes, and budget CSV files for that subject.
 */
public final class ControlVouchers {

    public static final String ADM = "420000";
    public static final String YEAR = "2026";
    public static final String AGENCY = "219011";
    public static final String FUNC = "2050201";
    public static final String ECO = "50201";
    public static final String FUND = "11";
    public static final LocalDate VOU_DATE = LocalDate.of(2026, 11, 27);
    public static final String PAY_ACCT = "9558800000000001";
    /** The submitter of the vouchers the tests send through intake. */
    public static final String SUBMITTER = "finance-test";

    private ControlVouchers() {
    }

    /** One credit: payee account, payee name, amount. */
    public record Line(String account, String name, String amount) {
    }

    public static Line line(String account, String name, String amount) {
        return new Line(account, name, amount);
    }

    /** A 5201 voucher of the test subject paying {@code lines}, PayAmt their sum. */
    public static PaymentVoucher.Builder voucher(String voucherNo, Line... lines) {
        List<VoucherDetail> details = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines.length; i++) {
            Line l = lines[i];
            details.add(VoucherDetail.builder().id(voucherNo + "-" + (i + 1)).voucherBillNo(voucherNo).fundTypeCode(FUND)
                    .agencyCode(AGENCY).expFuncCode(FUNC).govExpEcoCode(ECO).depExpEcoCode("30201")
                    .payeeAcctNo(l.account()).payeeAcctName(l.name()).payeeAcctBankName("中国工商银行武汉分行")
                    .payeeAcctBankNo("102521000034").payAmt(new BigDecimal(l.amount())).build());
            total = total.add(new BigDecimal(l.amount()));
        }
        return PaymentVoucher.builder().id(UUID.randomUUID().toString().replace("-", "")).admDivCode(ADM).stYear(YEAR)
                .vtCode("5201").vouDate(VOU_DATE).voucherNo(voucherNo).fundTypeCode(FUND).fundTypeName("一般公共预算")
                .payTypeCode("11").payTypeName("财政直接支付").agencyCode(AGENCY).agencyName("湖北省教育厅机关")
                .expFuncCode(FUNC).expFuncName("学前教育").govExpEcoCode(ECO).govExpEcoName("工资奖金津补贴")
                .payBankCode(TestBanks.ISO_BANK_NO).payBankName("DEMO-ISO").payAcctNo(PAY_ACCT)
                .payAcctName("湖北省财政厅零余额账户").payAcctBankName("DEMO-ISO").businessTypeCode("1")
                .payAmt(total.setScale(2)).details(details);
    }

    /** The vouchers as one MOF envelope (GBK). */
    public static byte[] envelope(PaymentVoucher... vouchers) {
        List<VoucherBody> bodies = new ArrayList<>();
        for (int i = 0; i < vouchers.length; i++) {
            bodies.add(VoucherBody.of(vouchers[i], VoucherBody.FLAG_ORIGINAL, null).withIndex(i + 1));
        }
        return new MofEnvelopeWriter().toBytes(bodies);
    }

    public static byte[] envelope(PaymentVoucher.Builder... vouchers) {
        return envelope(Arrays.stream(vouchers).map(PaymentVoucher.Builder::build).toArray(PaymentVoucher[]::new));
    }

    /** An indicators file (UTF-8) with the given lines after the header. */
    public static BudgetFile indicators(String name, String... lines) {
        return csv(name, "AdmDivCode,StYear,AgencyCode,ExpFuncCode,GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo",
                lines);
    }

    /** An initial indicator of {@code amount} for the test subject. */
    public static String indicator(String amount) {
        return String.join(",", ADM, YEAR, AGENCY, FUNC, ECO, FUND, "", "下达", amount, "鄂财预〔2026〕1号");
    }

    /** A plans file (UTF-8) with the given lines after the header. */
    public static BudgetFile plans(String name, String... lines) {
        return csv(name, "AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,Type,Amount,DocNo", lines);
    }

    /** The test agency's November plan of {@code amount}. */
    public static String plan(String amount) {
        return String.join(",", ADM, YEAR, "11", AGENCY, FUND, "下达", amount, "鄂财库〔2026〕11号");
    }

    private static BudgetFile csv(String name, String header, String... lines) {
        return BudgetFile.of(name, (header + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
    }

    /** An operator (or approver) seeing everything, acting over REST. */
    public static Actor user(String name, String... roles) {
        return new Actor(name, java.util.Set.of(roles), DataScope.everything(), AuditEntry.Channel.REST);
    }

    /** The refusal {@code r} throws; fails when it throws none. */
    public static ControlException refused(Runnable r) {
        try {
            r.run();
        } catch (ControlException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
