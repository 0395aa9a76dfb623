package org.jincai.core.answer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a bank statement (camt.053) once: every booked line is kept once (keyed by bank, entry key and
 * transaction position), and a debit booked for one of the hub's payments — found by its EndToEndId —
 * moves it to PAID with the booking's value date and the bank's reference (XPayDate, XAgentBusinessNo on
 * the receipt). A booking for a payment whose pain.002 has not arrived proves the acceptance too. Lines
 * that match no payment, and reversals, are kept for reconciliation and change no payment.
 */
public class StatementService {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final BankAnswerService answers;
    private final Clock clock;

    public StatementService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                            PaymentLifecycle lifecycle, BankAnswerService answers, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.answers = answers;
        this.clock = clock;
    }

    public AnswerResult apply(String bankCode, String fileName, byte[] content, String statementId,
                              List<BookedLine> lines, String actor) {
        String sha = Digests.sha256(content);
        if (answers.alreadyApplied(bankCode, fileName, sha)) {
            return AnswerResult.duplicate();
        }
        try {
            return tx.execute(status -> applyOnce(bankCode, fileName, sha, statementId, lines, actor));
        } catch (DuplicateKeyException raced) {
            return AnswerResult.duplicate();
        }
    }

    private AnswerResult applyOnce(String bankCode, String fileName, String sha, String statementId,
                                   List<BookedLine> lines, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Move> moves = new ArrayList<>();
        List<PaymentRepository.PaidCredit> paid = new ArrayList<>();
        Set<String> vouchers = new HashSet<>();
        int booked = 0;
        int already = 0;
        for (BookedLine line : lines) {
            if (entryKnown(bankCode, line)) {
                already++;
                continue;
            }
            Optional<Payment> payment = line.reversal() || !"DBIT".equals(line.creditDebit())
                    ? Optional.empty() : matching(bankCode, line);
            jdbc.update("""
                    INSERT INTO statement_entry (entry_id, bank_code, statement_id, entry_key, tx_seq, end_to_end_id,
                        payment_id, amount, currency, credit_debit, booking_date, value_date, reversal, received_at)
                    VALUES (:id, :bank, :stmt, :key, :seq, :e2e, :payment, :amount, :ccy, :cd, :booked, :value,
                        :reversal, :now)""",
                    new MapSqlParameterSource("id", Ids.newId()).addValue("bank", bankCode)
                            .addValue("stmt", Digests.fit(statementId, 64)).addValue("key", Digests.fit(line.entryKey(), 200))
                            .addValue("seq", line.txSeq()).addValue("e2e", Digests.fit(line.endToEndId(), 35))
                            .addValue("payment", payment.map(Payment::paymentId).orElse(null))
                            .addValue("amount", line.amount()).addValue("ccy", line.currency())
                            .addValue("cd", line.creditDebit()).addValue("booked", line.bookingDate())
                            .addValue("value", line.valueDate()).addValue("reversal", line.reversal() ? 1 : 0)
                            .addValue("now", now));
            if (payment.isEmpty()) {
                continue;
            }
            Payment p = payment.get();
            String reason = "booked by " + bankCode + " in " + fileName;
            if (p.status() == PaymentStatus.SENT) {
                moves.add(Move.of(p.paymentId(), PaymentStatus.SENT, PaymentStatus.ACCEPTED, reason));
            }
            if (p.status() == PaymentStatus.SENT || p.status() == PaymentStatus.ACCEPTED) {
                moves.add(Move.of(p.paymentId(), PaymentStatus.ACCEPTED, PaymentStatus.PAID, reason));
                paid.add(new PaymentRepository.PaidCredit(p.paymentId(),
                        line.valueDate() != null ? line.valueDate() : line.bookingDate(),
                        Digests.fit(line.bankReference() != null ? line.bankReference() : line.entryKey(), 64)));
                vouchers.add(p.voucherId());
                booked++;
            }
        }
        lifecycle.apply(moves, actor);
        payments.recordPaid(paid);
        answers.recordFile(bankCode, fileName, sha, statementId, lines.size(), now);
        return new AnswerResult(AnswerResult.Outcome.APPLIED, booked, 0, already, vouchers);
    }

    private boolean entryKnown(String bankCode, BookedLine line) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM statement_entry WHERE bank_code = :bank AND entry_key = :key AND tx_seq = :seq""",
                new MapSqlParameterSource("bank", bankCode).addValue("key", Digests.fit(line.entryKey(), 200))
                        .addValue("seq", line.txSeq()), Integer.class);
        return n != null && n > 0;
    }

    /** The payment this line books: same bank, same EndToEndId, same amount. */
    private Optional<Payment> matching(String bankCode, BookedLine line) {
        if (line.endToEndId() == null) {
            return Optional.empty();
        }
        return payments.find(line.endToEndId())
                .filter(p -> p.bankCode().equals(bankCode) && p.amount().compareTo(line.amount()) == 0);
    }
}
