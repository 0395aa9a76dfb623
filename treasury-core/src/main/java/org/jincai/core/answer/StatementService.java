package org.jincai.core.answer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    private static final String INSERT = """
            INSERT INTO statement_entry (entry_id, bank_code, statement_id, entry_key, tx_seq, end_to_end_id,
                payment_id, amount, currency, credit_debit, booking_date, value_date, reversal, received_at)
            VALUES (:id, :bank, :stmt, :key, :seq, :e2e, :payment, :amount, :ccy, :cd, :booked, :value,
                :reversal, :now)""";

    /** Set-based: the lines already kept and the payments they name are read in chunks, the new lines written in one batch. */
    private AnswerResult applyOnce(String bankCode, String fileName, String sha, String statementId,
                                   List<BookedLine> lines, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        Set<String> known = knownEntries(bankCode, lines);
        Map<String, Payment> named = payments.findAll(lines.stream().map(BookedLine::endToEndId)
                .filter(Objects::nonNull).distinct().toList());
        List<SqlParameterSource> rows = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        List<PaymentRepository.PaidCredit> paid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> bookedPayments = new HashSet<>();
        Set<String> vouchers = new HashSet<>();
        int already = 0;
        for (BookedLine line : lines) {
            String key = key(line.entryKey(), line.txSeq());
            if (!seen.add(key) || known.contains(key)) {
                already++;
                continue;
            }
            // a payment is booked once: a second line naming it in the same file stays unmatched for reconciliation
            Optional<Payment> payment = matching(bankCode, line, named).filter(p -> bookedPayments.add(p.paymentId()));
            rows.add(new MapSqlParameterSource("id", Ids.newId()).addValue("bank", bankCode)
                    .addValue("stmt", Digests.fit(statementId, 64)).addValue("key", Digests.fit(line.entryKey(), 200))
                    .addValue("seq", line.txSeq()).addValue("e2e", Digests.fit(line.endToEndId(), 35))
                    .addValue("payment", payment.map(Payment::paymentId).orElse(null))
                    .addValue("amount", line.amount()).addValue("ccy", line.currency())
                    .addValue("cd", line.creditDebit()).addValue("booked", line.bookingDate())
                    .addValue("value", line.valueDate()).addValue("reversal", line.reversal() ? 1 : 0)
                    .addValue("now", now));
            payment.filter(p -> p.status() == PaymentStatus.SENT || p.status() == PaymentStatus.ACCEPTED).ifPresent(p -> {
                String reason = "booked by " + bankCode + " in " + fileName;
                if (p.status() == PaymentStatus.SENT) {
                    moves.add(Move.of(p.paymentId(), PaymentStatus.SENT, PaymentStatus.ACCEPTED, reason));
                }
                moves.add(Move.of(p.paymentId(), PaymentStatus.ACCEPTED, PaymentStatus.PAID, reason));
                paid.add(new PaymentRepository.PaidCredit(p.paymentId(),
                        line.valueDate() != null ? line.valueDate() : line.bookingDate(),
                        Digests.fit(line.bankReference() != null ? line.bankReference() : line.entryKey(), 64)));
                vouchers.add(p.voucherId());
            });
        }
        jdbc.batchUpdate(INSERT, rows.toArray(SqlParameterSource[]::new));
        lifecycle.apply(moves, actor);
        payments.recordPaid(paid);
        answers.recordFile(bankCode, fileName, sha, statementId, lines.size(), now);
        return new AnswerResult(AnswerResult.Outcome.APPLIED, paid.size(), 0, already, vouchers);
    }

    private Set<String> knownEntries(String bankCode, List<BookedLine> lines) {
        List<String> keys = lines.stream().map(l -> Digests.fit(l.entryKey(), 200)).distinct().toList();
        Set<String> known = new HashSet<>();
        for (int i = 0; i < keys.size(); i += PaymentRepository.IN_CHUNK) {
            jdbc.query("SELECT entry_key, tx_seq FROM statement_entry WHERE bank_code = :bank AND entry_key IN (:keys)",
                    new MapSqlParameterSource("bank", bankCode)
                            .addValue("keys", keys.subList(i, Math.min(keys.size(), i + PaymentRepository.IN_CHUNK))),
                    rs -> {
                        known.add(key(rs.getString(1), rs.getInt(2)));
                    });
        }
        return known;
    }

    private static String key(String entryKey, int txSeq) {
        return Digests.fit(entryKey, 200) + "\u0000" + txSeq;
    }

    /** The payment a debit line books: same bank, same EndToEndId, same amount; reversals and credits book none. */
    private static Optional<Payment> matching(String bankCode, BookedLine line, Map<String, Payment> named) {
        if (line.reversal() || !"DBIT".equals(line.creditDebit()) || line.endToEndId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(named.get(line.endToEndId()))
                .filter(p -> p.bankCode().equals(bankCode) && p.amount().compareTo(line.amount()) == 0);
    }
}
