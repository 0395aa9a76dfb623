package org.jincai.core.voucher;

import static org.jincai.core.Digests.fit;
import static org.jincai.core.Digests.sha256;

import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.Ids;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.EnvelopeReadResult;
import org.jincai.formats.fiscal.FiscalEnvelopes;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.VoucherDetail;
import org.jincai.formats.fiscal.VoucherReadResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a MOF envelope of payment vouchers (from REST or an inbox) and, voucher by voucher, each in its
 * own transaction: refuses it with coded errors, or stores it under its fiscal key (AdmDivCode, StYear,
 * VtCode, VoucherNo, VoucherFlag) and creates one payment per detail. A voucher already received is
 * refused with {@value #DUPLICATE_VOUCHER} and changes nothing payable; every refusal is recorded.
 */
public class VoucherIntakeService {

    public static final String DUPLICATE_VOUCHER = "DUPLICATE_VOUCHER";
    public static final String UNKNOWN_PAY_BANK = "UNKNOWN_PAY_BANK";
    public static final String NOT_AN_ORIGINAL = "NOT_AN_ORIGINAL";
    public static final String CHARSET_UNENCODABLE = "CHARSET_UNENCODABLE";

    private static final String SYSTEM = "system";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final BankDirectory banks;
    private final FinanceDirectory finance;
    private final Clock clock;

    public VoucherIntakeService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                PaymentLifecycle lifecycle, BankDirectory banks, FinanceDirectory finance, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.banks = banks;
        this.finance = finance;
        this.clock = clock;
    }

    /**
     * Reads and takes in one envelope. An unreadable envelope throws {@link org.jincai.formats.FormatException};
     * an inconsistent one {@link EnvelopeRefusedException}; otherwise every voucher gets an outcome.
     */
    public List<VoucherOutcome> receive(InputStream envelope, String source, String actor) {
        // each voucher is read with the profile of the finance system serving its AdmDivCode
        EnvelopeReadResult read = FiscalEnvelopes.readPayments(envelope, source, finance::readOptionsFor);
        if (!read.envelopeErrors().isEmpty()) {
            throw new EnvelopeRefusedException(read.envelopeErrors());
        }
        List<VoucherOutcome> outcomes = new ArrayList<>();
        for (VoucherReadResult r : read.vouchers()) {
            outcomes.add(receiveOne(r, source, actor));
        }
        return outcomes;
    }

    private VoucherOutcome receiveOne(VoucherReadResult r, String source, String actor) {
        VoucherBody body = r.body();
        List<Problem> errors = new ArrayList<>(r.errors());
        PaymentVoucher v = r.voucher();
        String location = "envelope body " + body.index() + " / voucher " + body.voucherNo();
        if (body.voucherFlag() != 0) {
            errors.add(Problem.of(NOT_AN_ORIGINAL, "only original vouchers (VoucherFlag 0) are taken as payable, got "
                    + body.voucherFlag(), location));
        }
        Optional<BankProfile> bank = Optional.empty();
        if (v != null && errors.isEmpty()) {
            bank = banks.forPayBankCode(v.payBankCode());
            if (bank.isEmpty()) {
                errors.add(Problem.of(UNKNOWN_PAY_BANK, "no agent bank profile serves PayBankCode '" + v.payBankCode() + "'",
                        location + " / PayBankCode"));
            } else {
                errors.addAll(charsetProblems(v, bank.get(), location));
            }
        }
        if (errors.isEmpty() && exists(body)) {
            errors.add(Problem.of(DUPLICATE_VOUCHER, "voucher " + body.admDivCode() + "/" + body.stYear() + "/"
                    + body.vtCode() + "/" + body.voucherNo() + " was already received", location));
        }
        if (errors.isEmpty()) {
            BankProfile profile = bank.orElseThrow();
            try {
                int created = tx.execute(status -> store(body, v, profile, source, actor));
                return outcome(body, VoucherOutcome.Status.ACCEPTED, profile.code(), created, v.payAmt(), errors, r.warnings());
            } catch (DuplicateKeyException raced) {
                errors.add(Problem.of(DUPLICATE_VOUCHER, "voucher was received concurrently", location));
            }
        }
        recordRefusal(body, source, actor, errors);
        return outcome(body, VoucherOutcome.Status.REFUSED, bank.map(BankProfile::code).orElse(null), 0,
                v == null ? null : v.payAmt(), errors, r.warnings());
    }

    private static VoucherOutcome outcome(VoucherBody b, VoucherOutcome.Status status, String bankCode, int payments,
                                          BigDecimal amount, List<Problem> errors, List<Problem> warnings) {
        return new VoucherOutcome(b.index(), b.admDivCode(), b.stYear(), b.vtCode(), b.voucherNo(), status, bankCode,
                payments, amount, errors, warnings, b);
    }

    /**
     * The bank's file will be written in its character set (transliterated where its profile allows): a payee
     * it cannot carry is refused now, not at release.
     */
    private static List<Problem> charsetProblems(PaymentVoucher v, BankProfile bank, String location) {
        List<Problem> problems = new ArrayList<>();
        for (Credit c : credits(v)) {
            if (Transliteration.forCharset(c.payeeName(), bank.charset(), bank.transliteration()).isEmpty()) {
                problems.add(Problem.of(CHARSET_UNENCODABLE, "payee name '" + c.payeeName() + "' cannot be carried in "
                        + bank.charset() + " for bank " + bank.code() + " (first: "
                        + Transliteration.firstUnencodable(c.payeeName(), bank.charset()) + ")",
                        location + " / detail " + c.detailId()));
            }
        }
        return problems;
    }

    private boolean exists(VoucherBody b) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM voucher WHERE adm_div_code = :adm AND st_year = :year AND vt_code = :vt
                   AND voucher_no = :no AND voucher_flag = :flag""", key(b), Integer.class);
        return n != null && n > 0;
    }

    private int store(VoucherBody b, PaymentVoucher v, BankProfile bank, String source, String actor) {
        String voucherId = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                    agency_code, agency_name, pay_bank_code, bank_code, pay_acct_no, pay_acct_name, pay_amt, detail_count,
                    source, received_by, received_at, payload_sha256, voucher_xml, finance_system)
                VALUES (:id, :adm, :year, :vt, :no, :flag, :vouDate, :agency, :agencyName, :payBank, :bank, :payAcct,
                    :payAcctName, :payAmt, :details, :source, :actor, :now, :sha, :xml, :finance)""",
                key(b).addValue("id", voucherId)
                        .addValue("vouDate", v.vouDate())
                        .addValue("agency", v.agencyCode())
                        .addValue("agencyName", v.agencyName())
                        .addValue("payBank", v.payBankCode())
                        .addValue("bank", bank.code())
                        .addValue("payAcct", v.payAcctNo())
                        .addValue("payAcctName", v.payAcctName())
                        .addValue("payAmt", v.payAmt())
                        .addValue("details", v.details().size())
                        .addValue("source", fit(source, 200))
                        .addValue("actor", actor)
                        .addValue("now", now)
                        .addValue("sha", sha256(b.voucherXml()))
                        .addValue("xml", b.voucherXml())
                        .addValue("finance", finance.forAdmDivCode(b.admDivCode()).map(FinanceSystem::code).orElse(null)));
        List<Payment> created = new ArrayList<>();
        int seq = 0;
        for (Credit c : credits(v)) {
            seq++;
            created.add(new Payment(Ids.newId(), voucherId, seq, c.detailId(), bank.code(), v.payAcctNo(), v.payAcctName(),
                    c.payeeAccount(), c.payeeName(), c.payeeBankName(), c.payeeBankNo(), c.amount(), "CNY",
                    remittance(v), PaymentStatus.RECEIVED, null, null, null, null, null, null));
        }
        payments.insertAll(created);
        List<String> ids = created.stream().map(Payment::paymentId).toList();
        lifecycle.recordCreated(ids, actor, "voucher " + b.voucherNo() + " received from " + fit(source, 200));
        lifecycle.move(ids, PaymentStatus.RECEIVED, PaymentStatus.VALIDATED, SYSTEM, "schema and business rules passed");
        applyControls(ids);
        return created.size();
    }

    /**
     * Budget reservation and the approval chain are not configured yet (they arrive with the fiscal
     * controls): until then each step is passed explicitly and recorded as such, so the trail shows
     * that no control ran rather than pretending one did.
     */
    private void applyControls(List<String> ids) {
        lifecycle.move(ids, PaymentStatus.VALIDATED, PaymentStatus.RESERVED, SYSTEM, "budget control not configured: passed");
        lifecycle.move(ids, PaymentStatus.RESERVED, PaymentStatus.PENDING_APPROVAL, SYSTEM, "no approval chain configured");
        lifecycle.move(ids, PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED, SYSTEM, "no approval chain configured: passed");
    }

    private void recordRefusal(VoucherBody b, String source, String actor, List<Problem> errors) {
        jdbc.update("""
                INSERT INTO voucher_refusal (refusal_id, adm_div_code, st_year, vt_code, voucher_no, source, received_by,
                    refused_at, codes, detail)
                VALUES (:rid, :adm, :year, :vt, :no, :source, :actor, :now, :codes, :detail)""",
                key(b).addValue("rid", Ids.newId())
                        .addValue("source", fit(source, 200))
                        .addValue("actor", actor)
                        .addValue("now", Timestamp.from(clock.instant()))
                        .addValue("codes", fit(errors.stream().map(Problem::code).distinct()
                                .collect(Collectors.joining(",")), 400))
                        .addValue("detail", fit(errors.stream().map(Problem::toString)
                                .collect(Collectors.joining("; ")), 2000)));
    }

    private static MapSqlParameterSource key(VoucherBody b) {
        return new MapSqlParameterSource()
                .addValue("adm", b.admDivCode())
                .addValue("year", b.stYear())
                .addValue("vt", b.vtCode())
                .addValue("no", b.voucherNo())
                .addValue("flag", b.voucherFlag());
    }

    private static String remittance(PaymentVoucher v) {
        String summary = v.paySummaryName() == null ? "" : v.paySummaryName();
        return fit(v.voucherNo() + (summary.isEmpty() ? "" : " " + summary), 140);
    }

    /** The credits a voucher pays: one per detail, or the header payee when the voucher has no details. */
    private static List<Credit> credits(PaymentVoucher v) {
        if (v.details().isEmpty()) {
            return List.of(new Credit(null, v.payeeAcctNo(), v.payeeAcctName(), v.payeeAcctBankName(), v.payeeAcctBankNo(),
                    v.payAmt()));
        }
        List<Credit> credits = new ArrayList<>();
        for (VoucherDetail d : v.details()) {
            credits.add(new Credit(d.id(), d.payeeAcctNo(), d.payeeAcctName(), d.payeeAcctBankName(), d.payeeAcctBankNo(),
                    d.payAmt()));
        }
        return credits;
    }

    private record Credit(String detailId, String payeeAccount, String payeeName, String payeeBankName, String payeeBankNo,
                          BigDecimal amount) {
    }
}
