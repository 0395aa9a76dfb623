package org.jincai.core.answer;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.formats.Problem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a bank statement (camt.053) or debit/credit notification (camt.054) once. Every line is kept once,
 * keyed by bank, entry key and transaction position, with the entry's status, the file it came in, and why it
 * paid nothing when it did not. Only a booked entry ({@code BOOK}) pays:
 *
 * <ul>
 *   <li>a booked debit whose transactions each carry an amount books, line by line, the payment its
 *       EndToEndId names (same bank, same amount), which moves to PAID with the booking's value date and the
 *       bank's reference (XPayDate, XAgentBusinessNo on the receipt); a booking for a payment whose pain.002 has
 *       not arrived proves the acceptance too;</li>
 *   <li>a booked debit that carries no amount per transaction (a batch booked as a whole, with or without
 *       TxDtls) is matched as a whole to the payment file it names (Btch or Refs MsgId/PmtInfId, the hub's file
 *       message id), else to the one file of this bank whose total and execution date are the entry's and whose
 *       payments await a booking: its amount must be the sum of the file's payments awaiting a booking, and any
 *       EndToEndIds it lists must be exactly those; then they are all paid. Where it names a file the hub never
 *       sent, or several files fit, or the amounts differ, the entry is kept unmatched with the reason;</li>
 *   <li>entries that are pending or informative ({@code PDNG}, {@code INFO}, or no status at all), reversals and
 *       credits are kept and change no payment. When a later file books an entry kept as pending (same key),
 *       its lines are updated and applied; a pending line whose payment a later file books is marked settled by
 *       that file.</li>
 * </ul>
 *
 * Whatever the reader warned about (foreign elements, balances that do not add up) is kept with the
 * statement. No line ever throws for a missing amount: it is kept without one.
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

    /**
     * Applies one statement or notification file.
     *
     * @param statementIds the ids of the statements (notifications) the file holds, comma-separated
     * @param warnings     what the reader found wrong without refusing the file, kept with it
     */
    public AnswerResult apply(String bankCode, String fileName, byte[] content, String statementIds,
                              List<BankEntry> entries, List<Problem> warnings, String actor) {
        String sha = Digests.sha256(content);
        if (answers.alreadyApplied(bankCode, fileName, sha)) {
            return AnswerResult.duplicate();
        }
        try {
            return tx.execute(status -> new Application(bankCode, fileName, statementIds, actor)
                    .run(sha, entries, warnings));
        } catch (DuplicateKeyException raced) {
            return AnswerResult.duplicate();
        }
    }

    private static final String INSERT = """
            INSERT INTO statement_entry (entry_id, bank_code, statement_id, file_name, entry_key, tx_seq, status,
                end_to_end_id, payment_id, delivery_id, amount, currency, credit_debit, booking_date, value_date,
                reversal, reason, received_at)
            VALUES (:id, :bank, :stmt, :file, :key, :seq, :status, :e2e, :payment, :delivery, :amount, :ccy, :cd,
                :booked, :value, :reversal, :reason, :now)""";

    private static final String UPDATE = """
            UPDATE statement_entry SET statement_id = :stmt, file_name = :file, status = :status, end_to_end_id = :e2e,
                payment_id = :payment, delivery_id = :delivery, amount = :amount, currency = :ccy, credit_debit = :cd,
                booking_date = :booked, value_date = :value, reversal = :reversal, reason = :reason, received_at = :now
             WHERE bank_code = :bank AND entry_key = :key AND tx_seq = :seq""";

    /** A payment file of the bank as a batch entry may name it. */
    private record FileRow(String deliveryId, String fileName, String messageId, BigDecimal total, LocalDate executionDate) {
    }

    /** One line of an entry as it will be kept. */
    private static final class Line {
        final BankEntry entry;
        final int seq;
        final String endToEndId;
        final BigDecimal amount;
        final String currency;
        final String creditDebit;
        final String bankReference;
        String paymentId;
        String deliveryId;
        String reason;

        Line(BankEntry entry, int seq, String endToEndId, BigDecimal amount, String currency, String creditDebit,
             String bankReference) {
            this.entry = entry;
            this.bankReference = bankReference != null ? bankReference : entry.bankReference();
            this.seq = seq;
            this.endToEndId = endToEndId;
            this.amount = amount;
            this.currency = currency;
            this.creditDebit = creditDebit;
        }
    }

    /** The state of applying one file, inside its transaction. */
    private final class Application {
        private final String bankCode;
        private final String fileName;
        private final String statementIds;
        private final String actor;
        private final Timestamp now = Timestamp.from(clock.instant());
        private final List<Move> moves = new ArrayList<>();
        private final List<PaymentRepository.PaidCredit> paid = new ArrayList<>();
        private final Set<String> bookedPayments = new HashSet<>();
        private final Set<String> vouchers = new HashSet<>();
        private Map<String, Payment> named;
        private List<FileRow> files;

        Application(String bankCode, String fileName, String statementIds, String actor) {
            this.bankCode = bankCode;
            this.fileName = fileName;
            this.statementIds = statementIds;
            this.actor = actor;
        }

        AnswerResult run(String sha, List<BankEntry> entries, List<Problem> warnings) {
            Map<String, String> known = knownLines(entries);
            named = payments.findAll(entries.stream().filter(BankEntry::booked).flatMap(e -> e.transactions().stream())
                    .map(BankEntry.Transaction::endToEndId).filter(Objects::nonNull).distinct().toList());
            files = filesFor(entries);
            // a booking proves its file reached the bank, also one whose upload the hub could not see complete
            named = answers.proveArrivals(named, provenDeliveries(entries), fileName, actor);
            List<SqlParameterSource> inserts = new ArrayList<>();
            List<SqlParameterSource> updates = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Set<String> bookedKeys = new LinkedHashSet<>();
            int already = 0;
            int lines = 0;
            for (BankEntry e : entries) {
                List<Line> fresh = new ArrayList<>();
                for (Line l : lines(e)) {
                    lines++;
                    String k = key(e.key(), l.seq);
                    String before = known.get(k);
                    boolean stored = known.containsKey(k);
                    boolean pendingBefore = stored && before != null && !BankEntry.BOOKED.equals(before);
                    if (!seen.add(k) || stored && !(pendingBefore && e.booked())) {
                        already++;
                        continue;
                    }
                    fresh.add(l);
                }
                if (fresh.isEmpty()) {
                    continue;
                }
                decide(e, fresh);
                if (e.booked()) {
                    bookedKeys.add(e.key());
                }
                for (Line l : fresh) {
                    // a line kept as pending and now booked is updated in place
                    (known.containsKey(key(e.key(), l.seq)) ? updates : inserts).add(row(l));
                }
            }
            jdbc.batchUpdate(UPDATE, updates.toArray(SqlParameterSource[]::new));
            jdbc.batchUpdate(INSERT, inserts.toArray(SqlParameterSource[]::new));
            lifecycle.apply(moves, actor);
            payments.recordPaid(paid);
            settlePending(bookedKeys);
            keepWarnings(warnings);
            answers.recordFile(bankCode, fileName, sha, statementIds, lines, now);
            return new AnswerResult(AnswerResult.Outcome.APPLIED, paid.size(), 0, already, vouchers);
        }

        /**
         * The payment files this statement's booked debits show the bank has: those of the payments a line books
         * (same bank, same amount) and those a batch entry names, whatever the hub knew of their upload.
         */
        private Set<String> provenDeliveries(List<BankEntry> entries) {
            Set<String> proven = new HashSet<>();
            for (BankEntry e : entries) {
                if (!e.booked() || e.reversal() || !"DBIT".equals(e.creditDebit())) {
                    continue;
                }
                for (Line l : lines(e)) {
                    Payment p = l.endToEndId == null ? null : named.get(l.endToEndId);
                    if (p != null && p.deliveryId() != null && p.bankCode().equals(bankCode) && l.amount != null
                            && p.amount().compareTo(l.amount) == 0) {
                        proven.add(p.deliveryId());
                    }
                }
                files.stream().filter(f -> e.fileReferences().contains(f.messageId()))
                        .forEach(f -> proven.add(f.deliveryId()));
            }
            return proven;
        }

        /** One line per transaction (its amount, or the entry's for a lone one), or one for an entry without any. */
        private List<Line> lines(BankEntry e) {
            if (e.transactions().isEmpty()) {
                return List.of(new Line(e, 0, null, e.amount(), e.currency(), e.creditDebit(), null));
            }
            boolean single = e.transactions().size() == 1;
            List<Line> lines = new ArrayList<>(e.transactions().size());
            int seq = 0;
            for (BankEntry.Transaction t : e.transactions()) {
                BigDecimal amount = t.amount() != null ? t.amount() : single ? e.amount() : null;
                lines.add(new Line(e, ++seq, t.endToEndId(), amount, t.currency() != null ? t.currency() : e.currency(),
                        t.creditDebit() != null ? t.creditDebit() : e.creditDebit(), t.bankReference()));
            }
            return lines;
        }

        /** What each line of the entry books, and why it books nothing when it does not. */
        private void decide(BankEntry e, List<Line> lines) {
            String notPaying = !e.booked() ? "not booked: status " + (e.status() == null ? "absent" : e.status())
                    : e.reversal() ? "a reversal" : !"DBIT".equals(e.creditDebit()) ? "a credit" : null;
            if (notPaying != null) {
                lines.forEach(l -> l.reason = notPaying);
            } else if (e.amountPerTransaction()) {
                lines.forEach(this::bookLine);
            } else {
                bookWhole(e, lines);
            }
        }

        /** A line with its own amount books the payment its EndToEndId names: same bank, same amount. */
        private void bookLine(Line l) {
            if (!"DBIT".equals(l.creditDebit)) {
                l.reason = "a credit";
                return;
            }
            if (l.endToEndId == null) {
                l.reason = "no EndToEndId";
                return;
            }
            Payment p = named.get(l.endToEndId);
            if (p == null || !p.bankCode().equals(bankCode)) {
                l.reason = "EndToEndId " + l.endToEndId + " names no payment sent to " + bankCode;
            } else if (p.amount().compareTo(l.amount) != 0) {
                l.reason = "amount " + l.amount.toPlainString() + " differs from the payment's " + p.amount().toPlainString();
            } else if (!bookedPayments.add(p.paymentId())) {
                // a payment is booked once: a second line naming it in the same file stays for reconciliation
                l.reason = "payment " + p.paymentId() + " is booked by another line of this file";
            } else {
                l.paymentId = p.paymentId();
                l.reason = pay(p, l.entry, l.bankReference);
            }
        }

        /**
         * A booked debit without an amount per transaction: the whole entry against the payment file it names,
         * or the one whose total and date are its own.
         */
        private void bookWhole(BankEntry e, List<Line> lines) {
            String reason = null;
            FileRow file = null;
            List<Payment> awaiting = List.of();
            List<FileRow> fits;
            if (!e.fileReferences().isEmpty()) {
                fits = files.stream().filter(f -> e.fileReferences().contains(f.messageId())).toList();
                if (fits.isEmpty()) {
                    reason = "names " + new TreeSet<>(e.fileReferences()) + ", which the hub never sent to "
                            + bankCode;
                }
            } else {
                LocalDate day = e.bookingDate() != null ? e.bookingDate() : e.valueDate();
                fits = e.amount() == null || day == null ? List.of() : files.stream()
                        .filter(f -> f.total().compareTo(e.amount()) == 0 && day.equals(f.executionDate()))
                        .filter(f -> !awaiting(f).isEmpty()).toList();
                if (fits.isEmpty()) {
                    reason = "names no payment file, and no file of " + plain(e.amount()) + " on " + day
                            + " awaits a booking";
                }
            }
            if (reason == null && fits.size() > 1) {
                reason = "ambiguous: " + fits.size() + " payment files fit (" + fits.stream().map(FileRow::fileName)
                        .collect(Collectors.joining(", ")) + ")";
            }
            if (reason == null) {
                file = fits.get(0);
                awaiting = awaiting(file);
                reason = wholeMismatch(e, file, awaiting);
            }
            if (reason != null) {
                String why = reason;
                lines.forEach(l -> l.reason = why);
                return;
            }
            Map<String, Line> byId = new HashMap<>();
            for (Line l : lines) {
                l.deliveryId = file.deliveryId();
                if (l.endToEndId != null) {
                    byId.put(l.endToEndId, l);
                }
            }
            for (Payment p : awaiting) {
                bookedPayments.add(p.paymentId());
                Line l = byId.get(p.paymentId());
                String note = pay(p, e, e.bankReference());
                if (l != null) {
                    l.paymentId = p.paymentId();
                    l.reason = note;
                }
            }
        }

        /** Why a file that fits by name, or by total and date, cannot be booked by the entry; null when it can. */
        private String wholeMismatch(BankEntry e, FileRow file, List<Payment> awaiting) {
            if (awaiting.isEmpty()) {
                return "file " + file.fileName() + " has no payment awaiting a booking";
            }
            BigDecimal sum = awaiting.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (e.amount() == null || e.amount().compareTo(sum) != 0) {
                return "amount " + plain(e.amount()) + " differs from the " + sum.toPlainString()
                        + " awaiting a booking in file " + file.fileName();
            }
            if (awaiting.stream().anyMatch(p -> !p.currency().equals(e.currency()))) {
                return "currency " + e.currency() + " is not the currency of file " + file.fileName();
            }
            Set<String> listed = e.transactions().stream().map(BankEntry.Transaction::endToEndId).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            Set<String> expected = awaiting.stream().map(Payment::paymentId).collect(Collectors.toSet());
            if (!listed.isEmpty() && !listed.equals(expected)) {
                return "its EndToEndIds are not the " + expected.size() + " payments awaiting a booking in file "
                        + file.fileName();
            }
            return null;
        }

        /** The file's payments still waiting for the bank to book them (accepted or sent), not booked in this file. */
        private List<Payment> awaiting(FileRow file) {
            return payments.findByDelivery(file.deliveryId()).stream()
                    .filter(p -> p.status() == PaymentStatus.SENT || p.status() == PaymentStatus.ACCEPTED)
                    .filter(p -> !bookedPayments.contains(p.paymentId())).toList();
        }

        /**
         * Moves a payment to PAID, dated by the booking and under the bank's reference (the transaction's own,
         * else the entry's, else its key); the reason it stays where it is, or null when it moved.
         */
        private String pay(Payment p, BankEntry e, String bankReference) {
            if (p.status() != PaymentStatus.SENT && p.status() != PaymentStatus.ACCEPTED) {
                return "payment " + p.paymentId() + " is " + p.status();
            }
            String reason = "booked by " + bankCode + " in " + fileName;
            if (p.status() == PaymentStatus.SENT) {
                moves.add(Move.of(p.paymentId(), PaymentStatus.SENT, PaymentStatus.ACCEPTED, reason));
            }
            moves.add(Move.of(p.paymentId(), PaymentStatus.ACCEPTED, PaymentStatus.PAID, reason));
            paid.add(new PaymentRepository.PaidCredit(p.paymentId(), e.valueDate() != null ? e.valueDate() : e.bookingDate(),
                    Digests.fit(bankReference != null ? bankReference : e.key(), 64)));
            vouchers.add(p.voucherId());
            return null;
        }

        private SqlParameterSource row(Line l) {
            BankEntry e = l.entry;
            return new MapSqlParameterSource("id", Ids.newId()).addValue("bank", bankCode)
                    .addValue("stmt", Digests.fit(statementIds, 64)).addValue("file", Digests.fit(fileName, 200))
                    .addValue("key", Digests.fit(e.key(), 200)).addValue("seq", l.seq)
                    .addValue("status", Digests.fit(e.status(), 35)).addValue("e2e", Digests.fit(l.endToEndId, 35))
                    .addValue("payment", l.paymentId).addValue("delivery", l.deliveryId)
                    .addValue("amount", l.amount).addValue("ccy", l.currency).addValue("cd", l.creditDebit)
                    .addValue("booked", e.bookingDate()).addValue("value", e.valueDate())
                    .addValue("reversal", e.reversal() ? 1 : 0).addValue("reason", Digests.fit(l.reason, 400))
                    .addValue("now", now);
        }

        /** The lines of this bank already kept under the entries' keys, with their status. */
        private Map<String, String> knownLines(List<BankEntry> entries) {
            List<String> keys = entries.stream().map(e -> Digests.fit(e.key(), 200)).distinct().toList();
            Map<String, String> known = new HashMap<>();
            for (int i = 0; i < keys.size(); i += PaymentRepository.IN_CHUNK) {
                jdbc.query("SELECT entry_key, tx_seq, status FROM statement_entry WHERE bank_code = :bank"
                                + " AND entry_key IN (:keys)",
                        new MapSqlParameterSource("bank", bankCode)
                                .addValue("keys", keys.subList(i, Math.min(keys.size(), i + PaymentRepository.IN_CHUNK))),
                        rs -> {
                            known.put(key(rs.getString(1), rs.getInt(2)), rs.getString(3));
                        });
            }
            return known;
        }

        /**
         * The bank's payment files a batch entry may book: those the entries name, and those with payments
         * awaiting a booking (for entries that name none). Read once per statement, not once per entry.
         */
        private List<FileRow> filesFor(List<BankEntry> entries) {
            if (entries.stream().noneMatch(e -> e.booked() && !e.amountPerTransaction())) {
                return List.of();
            }
            String select = "SELECT d.delivery_id, d.file_name, d.message_id, d.total_amount, b.execution_date"
                    + " FROM bank_delivery d JOIN payment_batch b ON b.batch_id = d.batch_id WHERE d.bank_code = :bank";
            Map<String, FileRow> rows = new HashMap<>();
            jdbc.query(select + " AND EXISTS (SELECT 1 FROM payment p WHERE p.delivery_id = d.delivery_id"
                            + " AND p.status IN ('SENT', 'ACCEPTED'))",
                    new MapSqlParameterSource("bank", bankCode), rs -> {
                        rows.put(rs.getString(1), fileRow(rs));
                    });
            List<String> names = entries.stream().flatMap(e -> e.fileReferences().stream()).distinct().toList();
            for (int i = 0; i < names.size(); i += PaymentRepository.IN_CHUNK) {
                jdbc.query(select + " AND d.message_id IN (:names)", new MapSqlParameterSource("bank", bankCode)
                        .addValue("names", names.subList(i, Math.min(names.size(), i + PaymentRepository.IN_CHUNK))), rs -> {
                            rows.put(rs.getString(1), fileRow(rs));
                        });
            }
            return List.copyOf(rows.values());
        }

        private FileRow fileRow(ResultSet rs) throws SQLException {
            return new FileRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                    rs.getObject(5, LocalDate.class));
        }

        /**
         * Pending lines this file settled: those of entries it booked under the same key, and those naming a
         * payment it booked.
         */
        private void settlePending(Set<String> bookedKeys) {
            String pending = "UPDATE statement_entry SET settled_by = :file WHERE bank_code = :bank"
                    + " AND (status IS NULL OR status <> 'BOOK') AND settled_by IS NULL AND ";
            List<String> keys = bookedKeys.stream().map(k -> Digests.fit(k, 200)).toList();
            for (int i = 0; i < keys.size(); i += PaymentRepository.IN_CHUNK) {
                jdbc.update(pending + "entry_key IN (:keys)", new MapSqlParameterSource("file", Digests.fit(fileName, 200))
                        .addValue("bank", bankCode)
                        .addValue("keys", keys.subList(i, Math.min(keys.size(), i + PaymentRepository.IN_CHUNK))));
            }
            List<String> ids = paid.stream().map(PaymentRepository.PaidCredit::paymentId).toList();
            for (int i = 0; i < ids.size(); i += PaymentRepository.IN_CHUNK) {
                jdbc.update(pending + "end_to_end_id IN (:ids)", new MapSqlParameterSource("file", Digests.fit(fileName, 200))
                        .addValue("bank", bankCode)
                        .addValue("ids", ids.subList(i, Math.min(ids.size(), i + PaymentRepository.IN_CHUNK))));
            }
        }

        private void keepWarnings(List<Problem> warnings) {
            jdbc.batchUpdate("""
                    INSERT INTO statement_warning (warning_id, bank_code, file_name, statement_id, code, location, message,
                        received_at)
                    VALUES (:id, :bank, :file, :stmt, :code, :location, :message, :now)""",
                    warnings.stream().map(w -> new MapSqlParameterSource("id", Ids.newId()).addValue("bank", bankCode)
                            .addValue("file", Digests.fit(fileName, 200)).addValue("stmt", Digests.fit(statementIds, 64))
                            .addValue("code", Digests.fit(w.code(), 40)).addValue("location", Digests.fit(w.location(), 200))
                            .addValue("message", Digests.fit(w.message(), 400)).addValue("now", now))
                            .toArray(SqlParameterSource[]::new));
        }
    }

    private static String key(String entryKey, int txSeq) {
        return Digests.fit(entryKey, 200) + "\u0000" + txSeq;
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "(none)" : amount.toPlainString();
    }
}
