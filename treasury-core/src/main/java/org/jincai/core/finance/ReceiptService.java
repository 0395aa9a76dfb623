package org.jincai.core.finance;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jincai.core.CrashPoints;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.TreasuryException;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.FiscalSignatures;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.VoucherDetail;
import org.jincai.formats.fiscal.VoucherReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers the finance system once a voucher is settled — the banks paid, rejected or failed every payment, or
 * its approval was rejected (every payment CANCELLED): a receipt (回单, VoucherFlag 1) carrying the bank's
 * X-fields — XPayDate, XAgentBusinessNo, XPayAmt, and per detail XPayAmt 0.00 with the reason in XAddWord for a
 * failed line — or, when nothing was paid, a return (退回, VoucherFlag 2) with Return_Reason (the bank's reason,
 * or the approver's). The answer is stored (served by the API) with the staging area that holds its file
 * ({@code staged_by}, {@link StagedAnswers}), staged for the finance system's outbox, and the
 * paid and failed payments move to RECEIPTED (cancelled ones stay CANCELLED) — on to RECONCILED for one a bank's
 * statement was already matched to while it waited for the voucher's other payments — all in one transaction; a
 * voucher is answered once.
 */
public class ReceiptService {

    public static final String ACTOR = "system:receipts";
    /** The position code ({@code No}) of the hub's own signature on the answers it signs. */
    public static final String HUB_SIGNATURE = "jincai_hub";
    public static final String STORED_VOUCHER_UNREADABLE = "STORED_VOUCHER_UNREADABLE";
    /** A voucher's answer not recorded for a database error (deadlock, lock timeout, connection lost). */
    public static final String RECEIPT_DB_ERROR = "RECEIPT_DB_ERROR";
    /** A voucher's answer not written for any other failure (its file not staged, say). */
    public static final String RECEIPT_NOT_WRITTEN = "RECEIPT_NOT_WRITTEN";

    private static final Logger log = LoggerFactory.getLogger(ReceiptService.class);
    private static final Set<PaymentStatus> SETTLED = EnumSet.of(PaymentStatus.PAID, PaymentStatus.REJECTED,
            PaymentStatus.FAILED, PaymentStatus.CANCELLED);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final FinanceDirectory finance;
    private final StagingArea outbound;
    private final Clock clock;

    public ReceiptService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                          PaymentLifecycle lifecycle, FinanceDirectory finance, StagingArea outbound, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.finance = finance;
        this.outbound = outbound;
        this.clock = clock;
    }

    /**
     * Answers those of the given vouchers that are settled and not answered yet. A voucher whose answer
     * cannot be written — its stored voucher unreadable, a database error (a deadlock, a lock timeout, a lost
     * connection), its file not staged — is logged with a stable code and the cause's message, no stack trace
     * ({@value #RECEIPT_DB_ERROR}, {@value #RECEIPT_NOT_WRITTEN}, or the refusal's own code), its staged file
     * discarded and its transaction rolled back, and left unanswered: the periodic sweep ({@link #settleAll},
     * {@code ReceiptSweep}) or the next start answers it. It never holds back the others, nor the bank file that
     * settled them. A voucher another thread or node answered meanwhile (the answer's unique key) is skipped.
     */
    public List<WrittenAnswer> settle(Collection<String> voucherIds) {
        List<WrittenAnswer> written = new ArrayList<>();
        for (String id : voucherIds) {
            try {
                answerIfSettled(id).ifPresent(written::add);
            } catch (FormatException e) {
                log.error("{}: voucher {} is settled but its answer cannot be written: {}", e.code(), id,
                        e.getMessage());
            } catch (TreasuryException e) {
                log.error("{}: voucher {} is settled but its answer cannot be written: {}", e.code(), id,
                        e.getMessage());
            } catch (DuplicateKeyException e) {
                log.info("voucher {} was answered meanwhile by another thread or node", id);
            } catch (DataAccessException e) {
                log.error("{}: voucher {} is settled but its answer was not recorded ({}); it is answered by the next"
                        + " sweep", RECEIPT_DB_ERROR, id, firstLine(e.getMostSpecificCause().toString()));
            } catch (RuntimeException e) {
                log.error("{}: voucher {} is settled but its answer was not written ({}); it is answered by the next"
                        + " sweep", RECEIPT_NOT_WRITTEN, id, e.toString());
            }
        }
        return written;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }

    /**
     * Answers every settled voucher not answered yet: at start (after a crash between answer and receipt) and
     * periodically ({@code ReceiptSweep}), for those a failure left unanswered.
     */
    public List<WrittenAnswer> settleAll() {
        return settle(jdbc.queryForList("""
                SELECT v.voucher_id FROM voucher v
                 WHERE NOT EXISTS (SELECT 1 FROM voucher_answer a WHERE a.voucher_id = v.voucher_id)
                   AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.voucher_id = v.voucher_id
                                      AND p.status NOT IN ('PAID', 'REJECTED', 'FAILED', 'CANCELLED'))
                 ORDER BY v.received_at""", new MapSqlParameterSource(), String.class));
    }

    /**
     * After a crash between the record of a file staged for a finance system and the rename of its {@code .part}: a
     * {@code .part} whose file is recorded — a receipt or return, a duplicate notice or intake return, or a
     * reconciliation's return ({@link StagedAnswers}, view {@code finance_outbox_file}) — is published (it is never
     * written again, so nothing else would send it). A {@code .part} not recorded is left to be written again (by
     * {@link #settleAll}, the intake's replay or the next reconciliation run). One another node took over meanwhile
     * ({@link StagedAnswers#restageHeldBy}) is published too: the outbox route quarantines it, never sent. Returns
     * how many were published.
     */
    public int publishRecorded() {
        int published = 0;
        for (FinanceSystem f : finance.all()) {
            for (Path part : outbound.parts(f.code())) {
                String name = part.getFileName().toString();
                Integer recorded = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM finance_outbox_file WHERE file_name = :name",
                        new MapSqlParameterSource("name", name.substring(0, name.length() - StagingArea.PART.length())),
                        Integer.class);
                if (recorded != null && recorded > 0) {
                    outbound.publish(part);
                    published++;
                }
            }
        }
        return published;
    }

    /** The receipt or return envelope written for a voucher, by its fiscal key. */
    public Optional<byte[]> answerFor(String admDivCode, String stYear, String vtCode, String voucherNo) {
        return jdbc.query("""
                SELECT a.envelope FROM voucher_answer a JOIN voucher v ON v.voucher_id = a.voucher_id
                 WHERE v.adm_div_code = :adm AND v.st_year = :year AND v.vt_code = :vt AND v.voucher_no = :no
                   AND v.voucher_flag = 0""",
                new MapSqlParameterSource("adm", admDivCode).addValue("year", stYear).addValue("vt", vtCode)
                        .addValue("no", voucherNo), (rs, n) -> rs.getBytes(1)).stream().findFirst();
    }

    private Optional<WrittenAnswer> answerIfSettled(String voucherId) {
        if (!paymentVoucher(voucherId)) {
            // a voucher of the lines of a batch job (a payroll run, VtCode 8207): the job answers it with its outputs
            return Optional.empty();
        }
        List<Payment> all = payments.findByVoucher(voucherId);
        if (all.isEmpty() || !all.stream().allMatch(p -> SETTLED.contains(p.status())) || answered(voucherId)) {
            return Optional.empty();
        }
        StoredVoucher stored = load(voucherId);
        Answer answer = build(stored, all);
        Optional<FinanceSystem> system = finance.forAdmDivCode(stored.body().admDivCode());
        Path part = system.map(f -> outbound.writePart(f.code(), answer.fileName(), answer.envelope())).orElse(null);
        CrashPoints.reached("receipt-staged");
        try {
            tx.executeWithoutResult(s -> record(voucherId, all, answer, part == null ? null : outbound.id()));
        } catch (RuntimeException e) {
            if (part != null) {
                outbound.discard(part);
            }
            throw e;
        }
        CrashPoints.reached("receipt-recorded");
        if (part != null) {
            outbound.publish(part);
        }
        log.info("{} for voucher {}: paid {} CNY, staged for {}", answer.flag() == VoucherBody.FLAG_RECEIPT
                ? "receipt" : "return", stored.body().voucherNo(), answer.paid(), system.map(FinanceSystem::code)
                .orElse("the API only"));
        return Optional.of(new WrittenAnswer(voucherId, stored.body().voucherNo(),
                system.map(FinanceSystem::code).orElse(null), answer.flag(), answer.fileName(), answer.paid()));
    }

    /** 8207 批量业务支付明细: the lines of a batch (payroll) run, whose job answers them, not a receipt from here. */
    private static final String BATCH_DETAIL_VT_CODE = "8207";

    private boolean paymentVoucher(String voucherId) {
        List<String> vtCode = jdbc.queryForList("SELECT vt_code FROM voucher WHERE voucher_id = :id",
                new MapSqlParameterSource("id", voucherId), String.class);
        return !vtCode.isEmpty() && !BATCH_DETAIL_VT_CODE.equals(vtCode.get(0));
    }

    private boolean answered(String voucherId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM voucher_answer WHERE voucher_id = :id",
                new MapSqlParameterSource("id", voucherId), Integer.class);
        return n != null && n > 0;
    }

    /** Records the answer, {@code stagedBy} the staging area holding its file (null: none staged, the API only). */
    private void record(String voucherId, List<Payment> all, Answer answer, String stagedBy) {
        jdbc.update("""
                INSERT INTO voucher_answer (answer_id, voucher_id, voucher_flag, file_name, envelope, paid_amount, created_at,
                    staged_by)
                VALUES (:id, :voucher, :flag, :name, :envelope, :paid, :now, :stagedBy)""",
                new MapSqlParameterSource("id", Ids.newId()).addValue("voucher", voucherId)
                        .addValue("flag", answer.flag()).addValue("name", answer.fileName())
                        .addValue("envelope", answer.envelope()).addValue("paid", answer.paid())
                        .addValue("now", Timestamp.from(clock.instant())).addValue("stagedBy", stagedBy));
        List<Move> failing = all.stream().filter(p -> p.status() == PaymentStatus.REJECTED)
                .map(p -> Move.of(p.paymentId(), PaymentStatus.REJECTED, PaymentStatus.FAILED,
                        "rejected by the bank" + (p.bankReasonCode() == null ? "" : " (" + p.bankReasonCode() + ")")))
                .toList();
        lifecycle.apply(failing, ACTOR);
        String note = (answer.flag() == VoucherBody.FLAG_RECEIPT ? "receipt " : "return ") + answer.fileName();
        // a cancelled payment (its approval rejected) stays CANCELLED: the return is its answer, not a state
        lifecycle.apply(all.stream().filter(p -> p.status() != PaymentStatus.CANCELLED).map(p -> Move.of(p.paymentId(),
                p.status() == PaymentStatus.PAID ? PaymentStatus.PAID : PaymentStatus.FAILED,
                PaymentStatus.RECEIPTED, note)).toList(), ACTOR);
        // a payment the reconciliation found booked while it waited for its voucher's other payments: reconciled now
        lifecycle.apply(jdbc.query("""
                SELECT m.payment_id, m.bank_code, m.statement_id FROM recon_match m
                  JOIN payment p ON p.payment_id = m.payment_id
                 WHERE p.voucher_id = :voucher AND m.match_kind = 'DEBIT' AND p.status = 'RECEIPTED'""",
                new MapSqlParameterSource("voucher", voucherId), (rs, n) -> Move.of(rs.getString(1),
                        PaymentStatus.RECEIPTED, PaymentStatus.RECONCILED, "reconciled at its receipt: booked before by "
                                + rs.getString(2) + " statement " + rs.getString(3))), ACTOR);
    }

    private Answer build(StoredVoucher stored, List<Payment> all) {
        VoucherReadResult read = new PaymentVoucherReader().read(stored.body());
        PaymentVoucher original = read.voucher();
        if (original == null) {
            throw new TreasuryException(STORED_VOUCHER_UNREADABLE, "stored voucher cannot be read again: "
                    + read.errors(), "voucher " + stored.body().voucherNo());
        }
        List<Payment> paid = all.stream().filter(p -> p.status() == PaymentStatus.PAID).toList();
        BigDecimal paidTotal = paid.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate today = LocalDate.now(clock.withZone(ReleaseService.BANK_ZONE));
        VoucherBody b = stored.body();
        if (paid.isEmpty()) {
            String reason = Digests.fit(GbkText.safe(all.stream().map(ReceiptService::failure).distinct()
                    .collect(Collectors.joining("; "))), 400);
            VoucherBody returned = new VoucherBody(1, stored.body().admDivCode(), stored.body().stYear(),
                    stored.body().vtCode(), stored.body().voucherNo(), VoucherBody.FLAG_RETURN, reason, "",
                    stored.body().voucherXml(), List.of(), List.of());
            String name = AnswerFileNames.settledReturn(b.admDivCode(), b.stYear(), b.vtCode(), b.voucherNo());
            return new Answer(VoucherBody.FLAG_RETURN, name, new MofEnvelopeWriter().toBytes(List.of(signed(returned))),
                    BigDecimal.ZERO.setScale(2));
        }
        Map<String, Payment> byDetail = all.stream().filter(p -> p.detailId() != null)
                .collect(Collectors.toMap(Payment::detailId, Function.identity()));
        List<VoucherDetail> details = original.details().stream().map(d -> receiptLine(d, byDetail.get(d.id()), today))
                .toList();
        Payment first = paid.stream().min(Comparator.comparing(Payment::seq)).orElseThrow();
        LocalDate payDate = paid.stream().map(p -> p.paidDate() == null ? today : p.paidDate())
                .max(Comparator.naturalOrder()).orElse(today);
        long failed = all.size() - paid.size();
        PaymentVoucher receipt = original.withDetails(details).withReceipt(payDate, reference(first), paidTotal,
                original.details().isEmpty() ? first.payeeAcctNo() : null,
                original.details().isEmpty() ? first.payeeAcctName() : null,
                original.details().isEmpty() ? first.payeeBankName() : null,
                failed == 0 ? null : failed + " of " + all.size() + " payments failed");
        VoucherBody body = VoucherBody.of(receipt, VoucherBody.FLAG_RECEIPT, null);
        String name = AnswerFileNames.receipt(b.admDivCode(), b.stYear(), b.vtCode(), b.voucherNo());
        return new Answer(VoucherBody.FLAG_RECEIPT, name, new MofEnvelopeWriter().toBytes(List.of(signed(body))), paidTotal);
    }

    /** The answer with the hub's signature, when its finance system's policy signs (PKCS#7, SM2 with SM3). */
    private VoucherBody signed(VoucherBody body) {
        return finance.signerFor(body.admDivCode()).map(s -> FiscalSignatures.sign(body, HUB_SIGNATURE, s)).orElse(body);
    }

    private static VoucherDetail receiptLine(VoucherDetail d, Payment p, LocalDate today) {
        Objects.requireNonNull(p, "no payment for detail " + d.id());
        if (p.status() == PaymentStatus.PAID) {
            return d.toBuilder().xPayDate(p.paidDate() == null ? today : p.paidDate()).xAgentBusinessNo(reference(p))
                    .xPayAmt(p.amount()).xPayeeAcctNo(p.payeeAcctNo()).xPayeeAcctName(p.payeeAcctName())
                    .xPayeeAcctBankName(p.payeeBankName()).build();
        }
        return d.withReceipt(today, reference(p), BigDecimal.ZERO.setScale(2), Digests.fit(GbkText.safe(failure(p)), 200));
    }

    private static String reference(Payment p) {
        return p.bankReference() == null ? p.paymentId() : p.bankReference();
    }

    private static String failure(Payment p) {
        String code = p.bankReasonCode() == null ? "REJECTED" : p.bankReasonCode();
        return p.bankReasonText() == null ? code : code + " " + p.bankReasonText();
    }

    private StoredVoucher load(String voucherId) {
        return jdbc.queryForObject("""
                SELECT adm_div_code, st_year, vt_code, voucher_no, voucher_xml FROM voucher WHERE voucher_id = :id""",
                new MapSqlParameterSource("id", voucherId), (rs, n) -> new StoredVoucher(new VoucherBody(1,
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), VoucherBody.FLAG_ORIGINAL,
                        null, "", rs.getBytes(5), List.of(), List.of())));
    }

    private record StoredVoucher(VoucherBody body) {
    }

    private record Answer(int flag, String fileName, byte[] envelope, BigDecimal paid) {
    }
}
