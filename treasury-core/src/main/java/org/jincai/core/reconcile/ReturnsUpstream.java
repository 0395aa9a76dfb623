package org.jincai.core.reconcile;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jincai.core.CrashPoints;
import org.jincai.core.Digests;
import org.jincai.core.finance.AnswerFileNames;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.GbkText;
import org.jincai.core.release.StagingArea;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.VoucherBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends upstream the returns (退回, VoucherFlag 2) that reconciliation recorded for payments the bank gave back:
 * the stored voucher with its Return_Reason (the payment, its amount and the bank's reason), through the finance
 * system's outbox as every answer goes: written as {@code .part}, marked sent with the staging area holding it and its
 * bytes ({@code staged_by}, {@code envelope}: another node writes the same bytes again should this one be lost before
 * its outbox route delivered it, {@link org.jincai.core.finance.StagedAnswers}), then published. A crash before the
 * mark leaves a {@code .part} the next run writes again; one between the mark and the publication leaves a
 * {@code .part} published at start ({@link org.jincai.core.finance.ReceiptService#publishRecorded}).
 */
public class ReturnsUpstream {

    private static final Logger log = LoggerFactory.getLogger(ReturnsUpstream.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final FinanceDirectory finance;
    private final StagingArea outbound;
    private final Clock clock;

    /**
     * @param tx the hub's transactions: each return is claimed and its file written in a transaction of its own
     *           ({@code REQUIRES_NEW}: committed before its file is renamed, even inside a batch step's transaction)
     */
    public ReturnsUpstream(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FinanceDirectory finance,
                           StagingArea outbound, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.finance = finance;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** A return written: the voucher, the payment, the file and the finance system (null: the API only). */
    public record SentReturn(String voucherNo, String paymentId, BigDecimal amount, String fileName,
                             String financeSystem) {
    }

    private record Pending(String paymentId, BigDecimal amount, String reasonCode, String reasonText,
                           String admDivCode, String stYear, String vtCode, String voucherNo, byte[] voucherXml) {
    }

    /**
     * Writes every recorded return not sent yet; each one is marked sent before its file is published. Returns those
     * this call wrote (not one another run marked first).
     */
    public List<SentReturn> sendPending() {
        List<Pending> pending = jdbc.query("""
                SELECT r.payment_id, r.amount, r.reason_code, r.reason_text, v.adm_div_code, v.st_year, v.vt_code,
                       v.voucher_no, v.voucher_xml
                  FROM recon_return r JOIN voucher v ON v.voucher_id = r.voucher_id
                 WHERE r.sent_at IS NULL ORDER BY r.created_at, r.payment_id""", new MapSqlParameterSource(),
                (rs, n) -> new Pending(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9)));
        return pending.stream().map(this::send).flatMap(Optional::stream).toList();
    }

    /** Whether this call marked a return sent, and the {@code .part} it wrote for it (null: none, the API only). */
    private record Claim(boolean marked, Path part) {
    }

    /**
     * Claims the return (marked sent, with the staging area and its bytes) and writes its {@code .part} in one
     * transaction, then renames the file: another run claiming it meanwhile waits for that transaction and finds it
     * sent, writing nothing. Killed before the commit, the return is unmarked and the next run writes the same
     * {@code .part} again; killed between the commit and the rename, the {@code .part} is published at start.
     */
    private Optional<SentReturn> send(Pending p) {
        String reason = Digests.fit(GbkText.safe("payment " + p.paymentId() + " of " + p.amount().toPlainString()
                + " returned by the bank" + (p.reasonText() == null ? "" : ": " + p.reasonText())), 400);
        VoucherBody body = new VoucherBody(1, p.admDivCode(), p.stYear(), p.vtCode(), p.voucherNo(),
                VoucherBody.FLAG_RETURN, reason, "", p.voucherXml(), List.of(), List.of());
        String name = AnswerFileNames.paymentReturn(p.admDivCode(), p.stYear(), p.vtCode(), p.voucherNo(), p.paymentId());
        byte[] envelope = new MofEnvelopeWriter().toBytes(List.of(body));
        Optional<FinanceSystem> system = finance.forAdmDivCode(p.admDivCode());
        Claim claim = ownTransaction.execute(status -> {
            int marked = jdbc.update("""
                    UPDATE recon_return SET file_name = :name, sent_at = :now, staged_by = :stagedBy, envelope = :envelope
                     WHERE payment_id = :id AND sent_at IS NULL""",
                    new MapSqlParameterSource("name", name).addValue("now", Timestamp.from(clock.instant()))
                            .addValue("stagedBy", system.isPresent() ? outbound.id() : null)
                            .addValue("envelope", envelope).addValue("id", p.paymentId()));
            if (marked != 1) {
                return new Claim(false, null);
            }
            Path part = system.map(f -> outbound.writePart(f.code(), name, envelope)).orElse(null);
            CrashPoints.reached("reconcile-return-staged");
            return new Claim(true, part);
        });
        if (claim == null || !claim.marked()) {
            log.info("return (退回) of payment {} of voucher {} was sent by another run meanwhile", p.paymentId(),
                    p.voucherNo());
            return Optional.empty();
        }
        if (claim.part() != null) {
            outbound.publish(claim.part());
        }
        log.info("return (退回) of payment {} of voucher {} staged for {}", p.paymentId(), p.voucherNo(),
                system.map(FinanceSystem::code).orElse("the API only"));
        return Optional.of(new SentReturn(p.voucherNo(), p.paymentId(), p.amount(), name,
                system.map(FinanceSystem::code).orElse(null)));
    }
}
