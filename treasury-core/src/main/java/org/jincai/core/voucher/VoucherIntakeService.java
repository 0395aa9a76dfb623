package org.jincai.core.voucher;

import static org.jincai.core.Digests.fit;
import static org.jincai.core.Digests.sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.CrashPoints;
import org.jincai.core.Ids;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.controls.ControlException;
import org.jincai.core.controls.FiscalControls;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.ReleaseService;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.VoucherReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a MOF envelope of payment vouchers (from REST or an inbox). The envelope is first checked whole —
 * readable to its end, no inner voucher over {@value #MAX_VOUCHER_CHARS} characters, VoucherCount right — and
 * refused whole if not, before anything is stored. Then, voucher by voucher as it is read (one in memory at a
 * time), each in its own transaction, every voucher gets exactly one {@link VoucherOutcome}: stored under its
 * fiscal key with one payment per credit (ACCEPTED), DUPLICATE of a voucher already taken (changes nothing),
 * or REFUSED with coded, located errors — every value is checked against its column ({@link VoucherColumns})
 * before any INSERT, and a fault while storing one voucher (a defect) refuses that voucher with
 * {@value #INTAKE_STORE_FAILED}, logged in full, never the others. Every refusal is recorded.
 * A stored voucher's payments pass the fiscal controls in the same transaction ({@link FiscalControls}: budget
 * reserved, risk rules, approval chain); a voucher a control refuses (BUDGET_EXCEEDED, …) is rolled back whole and
 * REFUSED like any other — its key stays free, so the finance system may send it again once the budget allows.
 */
public class VoucherIntakeService {

    public static final String DUPLICATE_VOUCHER = "DUPLICATE_VOUCHER";
    public static final String UNKNOWN_PAY_BANK = "UNKNOWN_PAY_BANK";
    public static final String NOT_AN_ORIGINAL = "NOT_AN_ORIGINAL";
    public static final String CHARSET_UNENCODABLE = "CHARSET_UNENCODABLE";
    public static final String INTAKE_STORE_FAILED = "INTAKE_STORE_FAILED";
    public static final String VOUCHER_TOO_LARGE = EnvelopePrecheck.VOUCHER_TOO_LARGE;

    /**
     * The longest inner voucher taken, in base64 characters (8 MiB, about 6 MB of voucher XML): far above a
     * voucher of 499 details, and what bounds an intake's memory.
     */
    public static final long MAX_VOUCHER_CHARS = 8L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(VoucherIntakeService.class);
    private static final String SYSTEM = "system";

    /** Where an envelope came from and who sent it; {@code intakeId} names the inbox intake, null for REST. */
    public record Origin(String source, String actor, String intakeId) {

        public static Origin of(String source, String actor) {
            return new Origin(source, actor, null);
        }
    }

    /** Receives each voucher's outcome with its body as read, while the body is still in memory. */
    @FunctionalInterface
    public interface OutcomeSink {
        void accept(VoucherOutcome outcome, VoucherBody body);
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final BankDirectory banks;
    private final FinanceDirectory finance;
    private final FiscalControls controls;
    private final Clock clock;
    /** The envelope's own limits: the defaults, whoever sent it (each voucher is then read with its sender's). */
    private final FiscalReadOptions options = FiscalReadOptions.defaults();

    public VoucherIntakeService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                                PaymentLifecycle lifecycle, BankDirectory banks, FinanceDirectory finance,
                                FiscalControls controls, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.banks = banks;
        this.finance = finance;
        this.controls = controls;
        this.clock = clock;
    }

    /** As {@link #receive(EnvelopeSource, Origin, OutcomeSink)}, for a caller that only needs the outcomes. */
    public List<VoucherOutcome> receive(EnvelopeSource envelope, String source, String actor) {
        return receive(envelope, Origin.of(source, actor), (o, b) -> { });
    }

    /**
     * Checks the envelope whole, then takes its vouchers one by one, handing each outcome to {@code sink}.
     *
     * @throws FormatException the envelope cannot be read (nothing stored)
     * @throws EnvelopeRefusedException the envelope is inconsistent, e.g. VOUCHER_COUNT_MISMATCH (nothing stored)
     */
    public List<VoucherOutcome> receive(EnvelopeSource envelope, Origin origin, OutcomeSink sink) {
        checkWhole(envelope, origin.source());
        // each voucher is read with the profile of the finance system serving its AdmDivCode
        Map<FiscalReadOptions, PaymentVoucherReader> readers = new IdentityHashMap<>();
        List<VoucherOutcome> outcomes = new ArrayList<>();
        try (InputStream in = envelope.openUnchecked()) {
            new MofEnvelopeReader(options).readEach(in, origin.source(), body -> {
                PaymentVoucherReader reader = readers.computeIfAbsent(finance.readOptionsFor(body),
                        PaymentVoucherReader::new);
                VoucherOutcome outcome = receiveOne(body, reader, origin);
                outcomes.add(outcome);
                sink.accept(outcome, body);
                CrashPoints.reached("intake-voucher-done");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outcomes;
    }

    /**
     * Everything that would refuse the envelope as a whole, found before any voucher is stored: a first scan
     * bounds each inner voucher's size, then the fiscal reader reads every body (keeping none) and counts them.
     */
    private void checkWhole(EnvelopeSource envelope, String source) {
        try (InputStream in = envelope.openUnchecked()) {
            EnvelopePrecheck.check(in, source, options.maxEnvelopeBytes(), MAX_VOUCHER_CHARS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] bodies = {0};
        int declared;
        try (InputStream in = envelope.openUnchecked()) {
            declared = new MofEnvelopeReader(options).readEach(in, source, body -> bodies[0]++);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (declared != bodies[0]) {
            throw new EnvelopeRefusedException(List.of(Problem.of(FiscalCodes.VOUCHER_COUNT_MISMATCH,
                    "VoucherCount " + (declared < 0 ? "is absent or not a number" : "says " + declared)
                            + " but the envelope carries " + bodies[0] + " VoucherBody", source)));
        }
    }

    private VoucherOutcome receiveOne(VoucherBody body, PaymentVoucherReader reader, Origin origin) {
        try {
            return judge(body, reader.read(body), origin);
        } catch (RuntimeException e) {
            String reference = Ids.newId().substring(0, 12);
            log.error("voucher at {} of {} ({}) could not be taken, reference {}", body.location(), origin.source(),
                    body.key(), reference, e);
            List<Problem> errors = List.of(Problem.of(INTAKE_STORE_FAILED, "the hub could not store this voucher and"
                    + " did not take it; reference " + reference, location(body)));
            try {
                recordRefusal(body, origin, errors);
            } catch (RuntimeException again) {
                log.error("the refusal of {} (reference {}) could not be recorded either", body.key(), reference, again);
            }
            return outcome(body, VoucherOutcome.Status.REFUSED, null, 0, null, errors, List.of());
        }
    }

    private VoucherOutcome judge(VoucherBody body, VoucherReadResult read, Origin origin) {
        String location = location(body);
        PaymentVoucher v = read.voucher();
        BigDecimal amount = v == null ? null : v.payAmt();
        Optional<Stored> stored = stored(body);
        if (stored.isPresent()) {
            return already(body, stored.get(), origin, amount, read.warnings());
        }
        List<Problem> errors = new ArrayList<>(read.errors());
        if (body.voucherFlag() != VoucherBody.FLAG_ORIGINAL) {
            errors.add(Problem.of(NOT_AN_ORIGINAL, "only original vouchers (VoucherFlag 0) are taken as payable, got "
                    + body.voucherFlag(), location));
        }
        List<Credit> credits = v == null ? List.of() : Credit.of(v);
        if (v != null && errors.isEmpty()) {
            // the storage's last word on what the reader let through: nothing too long or missing reaches an INSERT
            errors.addAll(VoucherColumns.check(body, v, credits, location));
        }
        Optional<BankProfile> bank = Optional.empty();
        if (v != null && errors.isEmpty()) {
            bank = banks.forPayBankCode(v.payBankCode());
            if (bank.isEmpty()) {
                errors.add(Problem.of(UNKNOWN_PAY_BANK, "no agent bank profile serves PayBankCode '" + v.payBankCode() + "'",
                        location + " / PayBankCode"));
            } else {
                errors.addAll(charsetProblems(credits, bank.get(), location));
            }
        }
        if (!errors.isEmpty()) {
            recordRefusal(body, origin, errors);
            return outcome(body, VoucherOutcome.Status.REFUSED, bank.map(BankProfile::code).orElse(null), 0, amount,
                    errors, read.warnings());
        }
        BankProfile profile = bank.orElseThrow();
        try {
            int created = tx.execute(status -> store(body, v, credits, profile, origin));
            return outcome(body, VoucherOutcome.Status.ACCEPTED, profile.code(), created, amount, List.of(), read.warnings());
        } catch (DuplicateKeyException raced) {
            Stored first = stored(body).orElseThrow(() -> raced);
            return already(body, first, origin, amount, read.warnings());
        } catch (ControlException refused) {
            // refused by a control (budget, no approval rule): rolled back whole, answered like any refused voucher
            recordRefusal(body, origin, refused.problems());
            return outcome(body, VoucherOutcome.Status.REFUSED, profile.code(), 0, amount, refused.problems(),
                    read.warnings());
        }
    }

    /**
     * A voucher whose key is already stored: ACCEPTED when it is this very inbox intake's own voucher, resumed
     * after an interruption (same intake, same bytes); otherwise DUPLICATE, whatever its content or flag — its
     * key is taken, and answering it with a return could be read as a return of the original.
     */
    private VoucherOutcome already(VoucherBody body, Stored stored, Origin origin, BigDecimal amount,
                                   List<Problem> warnings) {
        boolean sameBytes = stored.payloadSha256().equals(sha256(body.voucherXml()));
        if (origin.intakeId() != null && origin.intakeId().equals(stored.intakeId()) && sameBytes) {
            return outcome(body, VoucherOutcome.Status.ACCEPTED, stored.bankCode(), stored.payments(), amount, List.of(),
                    warnings);
        }
        List<Problem> errors = List.of(Problem.of(DUPLICATE_VOUCHER, "voucher " + body.admDivCode() + "/" + body.stYear()
                + "/" + body.vtCode() + "/" + body.voucherNo() + " was already received at " + stored.receivedAt()
                + (sameBytes ? " with the same content" : " with different content")
                + "; this copy changes nothing", location(body)));
        recordRefusal(body, origin, errors);
        return outcome(body, VoucherOutcome.Status.DUPLICATE, stored.bankCode(), 0, amount, errors, warnings);
    }

    private static String location(VoucherBody body) {
        return body.location() + " / voucher " + body.voucherNo();
    }

    private static VoucherOutcome outcome(VoucherBody b, VoucherOutcome.Status status, String bankCode, int payments,
                                          BigDecimal amount, List<Problem> errors, List<Problem> warnings) {
        return new VoucherOutcome(b.index(), b.admDivCode(), b.stYear(), b.vtCode(), b.voucherNo(), status, bankCode,
                payments, amount, errors, warnings);
    }

    /**
     * The bank's file will be written in its character set (transliterated where its profile allows): a payee
     * it cannot carry is refused now, not at release.
     */
    private static List<Problem> charsetProblems(List<Credit> credits, BankProfile bank, String location) {
        List<Problem> problems = new ArrayList<>();
        for (Credit c : credits) {
            if (Transliteration.forCharset(c.payeeName(), bank.charset(), bank.transliteration()).isEmpty()) {
                problems.add(Problem.of(CHARSET_UNENCODABLE, "payee name '" + c.payeeName() + "' cannot be carried in "
                        + bank.charset() + " for bank " + bank.code() + " (first: "
                        + Transliteration.firstUnencodable(c.payeeName(), bank.charset()) + ")",
                        c.location(location) + " / PayeeAcctName"));
            }
        }
        return problems;
    }

    /** The voucher stored under this body's key (VoucherFlag 0: only originals are stored), if any. */
    private Optional<Stored> stored(VoucherBody b) {
        if (b.admDivCode() == null || b.stYear() == null || b.vtCode() == null || b.voucherNo() == null) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT v.intake_id, v.payload_sha256, v.received_at, v.bank_code,
                       (SELECT COUNT(*) FROM payment p WHERE p.voucher_id = v.voucher_id)
                  FROM voucher v
                 WHERE v.adm_div_code = :adm AND v.st_year = :year AND v.vt_code = :vt AND v.voucher_no = :no
                   AND v.voucher_flag = 0""",
                new MapSqlParameterSource("adm", b.admDivCode()).addValue("year", b.stYear()).addValue("vt", b.vtCode())
                        .addValue("no", b.voucherNo()),
                (rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString(),
                        rs.getString(4), rs.getInt(5))).stream().findFirst();
    }

    private record Stored(String intakeId, String payloadSha256, String receivedAt, String bankCode, int payments) {
    }

    private int store(VoucherBody b, PaymentVoucher v, List<Credit> credits, BankProfile bank, Origin origin) {
        String voucherId = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        byte[] xml = b.voucherXml();
        jdbc.update("""
                INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                    agency_code, agency_name, pay_bank_code, bank_code, pay_acct_no, pay_acct_name, pay_amt, detail_count,
                    source, received_by, received_at, payload_sha256, voucher_xml, finance_system, intake_id)
                VALUES (:id, :adm, :year, :vt, :no, :flag, :vouDate, :agency, :agencyName, :payBank, :bank, :payAcct,
                    :payAcctName, :payAmt, :details, :source, :actor, :now, :sha, :xml, :finance, :intake)""",
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
                        .addValue("source", fit(origin.source(), 200))
                        .addValue("actor", fit(origin.actor(), 64))
                        .addValue("now", now)
                        .addValue("sha", sha256(xml))
                        .addValue("xml", xml)
                        .addValue("finance", finance.forAdmDivCode(b.admDivCode()).map(FinanceSystem::code).orElse(null))
                        .addValue("intake", origin.intakeId()));
        List<Payment> created = new ArrayList<>();
        List<FiscalControls.Stored> controlled = new ArrayList<>();
        int seq = 0;
        for (Credit c : credits) {
            seq++;
            Payment p = new Payment(Ids.newId(), voucherId, seq, c.detailId(), bank.code(), v.payAcctNo(),
                    v.payAcctName(), c.payeeAccount(), c.payeeName(), c.payeeBankName(), c.payeeBankNo(), c.amount(),
                    "CNY", remittance(v), PaymentStatus.RECEIVED, null, null, null, null, null, null);
            created.add(p);
            controlled.add(new FiscalControls.Stored(p.paymentId(), c.classification(), c.payeeAccount(), c.payeeName(),
                    c.amount(), c.location(location(b))));
        }
        LocalDate receivedOn = LocalDate.now(clock.withZone(ReleaseService.BANK_ZONE));
        payments.insertAll(created, credits.stream().map(Credit::classification).toList(), receivedOn);
        List<String> ids = created.stream().map(Payment::paymentId).toList();
        String actor = fit(origin.actor(), 64);
        lifecycle.recordCreated(ids, actor, fit("voucher " + b.voucherNo() + " received from " + origin.source(), 400));
        lifecycle.move(ids, PaymentStatus.RECEIVED, PaymentStatus.VALIDATED, SYSTEM, "schema and business rules passed");
        controls.apply(new FiscalControls.Intake(voucherId, v, receivedOn, actor, channel(origin), location(b)),
                controlled);
        return created.size();
    }

    /** REST when a signed-in user sent the envelope, the hub's own otherwise (an inbox). */
    private static AuditEntry.Channel channel(Origin origin) {
        return origin.source() != null && origin.source().startsWith("rest:") ? AuditEntry.Channel.REST
                : AuditEntry.Channel.SYSTEM;
    }

    /** Every refusal is kept, its key as received cut to the columns (the detail says all). */
    private void recordRefusal(VoucherBody b, Origin origin, List<Problem> errors) {
        jdbc.update("""
                INSERT INTO voucher_refusal (refusal_id, adm_div_code, st_year, vt_code, voucher_no, source, received_by,
                    refused_at, codes, detail)
                VALUES (:rid, :adm, :year, :vt, :no, :source, :actor, :now, :codes, :detail)""",
                new MapSqlParameterSource("rid", Ids.newId())
                        .addValue("adm", fit(b.admDivCode(), VoucherColumns.ADM_DIV_CODE))
                        .addValue("year", fit(b.stYear(), VoucherColumns.ST_YEAR))
                        .addValue("vt", fit(b.vtCode(), VoucherColumns.VT_CODE))
                        .addValue("no", fit(b.voucherNo(), VoucherColumns.VOUCHER_NO))
                        .addValue("source", fit(origin.source(), 200))
                        .addValue("actor", fit(origin.actor(), 64))
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
}
