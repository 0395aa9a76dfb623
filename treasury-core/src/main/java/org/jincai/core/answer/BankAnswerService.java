package org.jincai.core.answer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.CrashPoints;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.TreasuryException;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a bank's answer file (pain.002 or a return file) to the payments it covers, once: the file is
 * keyed by bank, name and SHA-256, and everything it carries is committed in one transaction together
 * with that key. A second copy changes nothing. An answer that names a file or a payment the hub never
 * sent, or contradicts an earlier answer, is refused whole with a code. An answer to a file whose upload
 * the hub could not see complete (UPLOADING after a crash, DELIVERY_UNCERTAIN) proves it arrived: the
 * delivery is resolved (→ UPLOADED, payments SENT) in the same transaction, then the answer applied.
 */
public class BankAnswerService {

    public static final String ANSWER_UNKNOWN_FILE = "ANSWER_UNKNOWN_FILE";
    public static final String ANSWER_UNKNOWN_PAYMENT = "ANSWER_UNKNOWN_PAYMENT";
    public static final String ANSWER_CONTRADICTS = "ANSWER_CONTRADICTS";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final DeliveryService deliveries;
    private final Clock clock;

    public BankAnswerService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                             PaymentLifecycle lifecycle, DeliveryService deliveries, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public boolean alreadyApplied(String bankCode, String fileName, String sha256) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM inbound_file WHERE bank_code = :bank AND file_name = :name AND file_sha256 = :sha""",
                new MapSqlParameterSource("bank", bankCode).addValue("name", fileName).addValue("sha", sha256),
                Integer.class);
        return n != null && n > 0;
    }

    /**
     * Applies one answer file. {@code settles} says the bank's acceptance already means the money left
     * (a 代发 return file reporting execution): accepted payments then go on to PAID, dated today with the
     * answer line as the bank's reference — those already ACCEPTED too; otherwise they stay ACCEPTED until a
     * statement books them.
     */
    public AnswerResult apply(String bankCode, byte[] content, BankAnswer answer, boolean settles, String actor) {
        String sha = Digests.sha256(content);
        String location = bankCode + "/" + answer.fileName();
        if (alreadyApplied(bankCode, answer.fileName(), sha)) {
            return AnswerResult.duplicate();
        }
        try {
            return tx.execute(status -> applyOnce(bankCode, sha, answer, settles, actor, location));
        } catch (DuplicateKeyException raced) {
            return AnswerResult.duplicate();
        }
    }

    private AnswerResult applyOnce(String bankCode, String sha, BankAnswer answer, boolean settles, String actor,
                                   String location) {
        Delivery delivery = deliveries.findByMessageId(bankCode, answer.originalReference())
                .or(() -> deliveries.find(bankCode, answer.originalReference()))
                .orElseThrow(() -> new TreasuryException(ANSWER_UNKNOWN_FILE, "answer refers to '"
                        + answer.originalReference() + "', which the hub never sent to " + bankCode, location));
        if (!delivery.status().arrived()) {
            // an upload the hub could not see complete (a crash after the rename, a bank that moves files out at
            // once, a delivery held for an operator): the bank's answer proves the file arrived
            deliveries.arrived(delivery.deliveryId(), actor, "the bank's answer " + answer.fileName()
                    + " proves the file arrived (it was " + delivery.status() + ")");
        }
        Map<String, Payment> inFile = payments.findByDelivery(delivery.deliveryId()).stream()
                .collect(Collectors.toMap(Payment::paymentId, Function.identity()));
        List<Move> moves = new ArrayList<>();
        List<PaymentRepository.PaidCredit> paid = new ArrayList<>();
        Set<String> vouchers = new HashSet<>();
        LocalDate today = LocalDate.now(clock.withZone(ReleaseService.BANK_ZONE));
        int line = 0;
        int accepted = 0;
        int rejected = 0;
        int already = 0;
        for (CreditStatus s : answer.statuses()) {
            line++;
            Payment p = inFile.get(s.endToEndId());
            if (p == null) {
                throw new TreasuryException(ANSWER_UNKNOWN_PAYMENT, "answer names payment '" + s.endToEndId()
                        + "', which is not in file " + delivery.fileName(), location + " / " + s.endToEndId());
            }
            PaymentStatus target = s.accepted() ? PaymentStatus.ACCEPTED : PaymentStatus.REJECTED;
            if (s.accepted() && settles && p.status() == PaymentStatus.ACCEPTED) {
                // accepted before (by an answer that did not settle, or left ACCEPTED by a crash), now reported
                // executed: paid by this file
                paid(p, bankCode, answer.fileName(), line, today, moves, paid);
                vouchers.add(p.voucherId());
                accepted++;
                continue;
            }
            if (s.accepted() ? succeeded(p) : failed(p)) {
                already++;
                continue;
            }
            if (p.status() != PaymentStatus.SENT) {
                throw new TreasuryException(ANSWER_CONTRADICTS, "payment " + p.paymentId() + " is " + p.status()
                        + ", the answer says " + target, location + " / " + s.endToEndId());
            }
            String reason = (s.accepted() ? "accepted" : "rejected") + " by " + bankCode + " in " + answer.fileName()
                    + (s.reasonCode() == null ? "" : " (" + s.reasonCode() + ")");
            moves.add(new Move(p.paymentId(), PaymentStatus.SENT, target, reason, s.reasonCode(),
                    Digests.fit(s.reasonText(), 400)));
            vouchers.add(p.voucherId());
            if (s.accepted() && settles) {
                paid(p, bankCode, answer.fileName(), line, today, moves, paid);
            }
            if (s.accepted()) {
                accepted++;
            } else {
                rejected++;
            }
        }
        lifecycle.apply(moves, actor);
        payments.recordPaid(paid);
        Timestamp now = Timestamp.from(clock.instant());
        CrashPoints.reached("answer-before-commit");
        deliveries.answered(delivery.deliveryId(), actor, answer.fileName());
        recordFile(bankCode, answer.fileName(), sha, answer.originalReference(), answer.statuses().size(), now);
        return new AnswerResult(AnswerResult.Outcome.APPLIED, accepted, rejected, already, vouchers);
    }

    /**
     * Adds the move ACCEPTED → PAID of a payment that a settling answer reports executed, and its paid date with
     * the answer's line as the bank's reference.
     */
    private static void paid(Payment p, String bankCode, String fileName, int line, LocalDate today, List<Move> moves,
                             List<PaymentRepository.PaidCredit> paid) {
        moves.add(Move.of(p.paymentId(), PaymentStatus.ACCEPTED, PaymentStatus.PAID,
                "paid, as reported by " + bankCode + " in " + fileName));
        paid.add(new PaymentRepository.PaidCredit(p.paymentId(), today, Digests.fit(fileName + "#" + line, 64)));
    }

    /**
     * Payment files a statement shows the bank has (it books their payments or names them) whose upload the hub
     * could not see complete (UPLOADING after a crash, DELIVERY_UNCERTAIN): the statement proves they arrived,
     * and they are resolved (→ UPLOADED, payments SENT) inside its transaction. Returns {@code named} as the
     * payments are now: read again even when none was resolved here, for the upload's own commit (on this node or
     * another, the bank having booked the file before the hub recorded its upload) may be what resolved it — this
     * transaction waited for it, and the payments read before are stale.
     */
    Map<String, Payment> proveArrivals(Map<String, Payment> named, Collection<String> deliveryIds, String fileName,
                                       String actor) {
        for (String deliveryId : deliveryIds) {
            deliveries.arrived(deliveryId, actor, "the bank's statement " + fileName
                    + " books its payments: the file arrived");
        }
        return deliveryIds.isEmpty() ? named : payments.findAll(List.copyOf(named.keySet()));
    }

    /** Keeps the file's key (bank, name, SHA-256): inside the caller's transaction, so a file counts once. */
    void recordFile(String bankCode, String fileName, String sha, String reference, int lines, Timestamp now) {
        jdbc.update("""
                INSERT INTO inbound_file (inbound_id, bank_code, file_name, file_sha256, original_ref, statuses, received_at)
                VALUES (:id, :bank, :name, :sha, :ref, :n, :now)""",
                new MapSqlParameterSource("id", Ids.newId()).addValue("bank", bankCode).addValue("name", fileName)
                        .addValue("sha", sha).addValue("ref", Digests.fit(reference, 200)).addValue("n", lines)
                        .addValue("now", now));
    }

    /** Whether the bank already said yes to this payment (later states of a paid payment carry its paid date). */
    private static boolean succeeded(Payment p) {
        return switch (p.status()) {
            case ACCEPTED, PAID -> true;
            case RECEIPTED, RECONCILED, RETURNED -> p.paidDate() != null;
            default -> false;
        };
    }

    private static boolean failed(Payment p) {
        return switch (p.status()) {
            case REJECTED, FAILED -> true;
            case RECEIPTED -> p.paidDate() == null;
            default -> false;
        };
    }
}
