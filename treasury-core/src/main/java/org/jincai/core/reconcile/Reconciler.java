package org.jincai.core.reconcile;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.core.CrashPoints;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.payment.Move;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.formats.fiscal.VoucherTypes;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Reconciles one statement at a time, inside the caller's transaction (a chunk of the {@code reconcile} job):
 *
 * <ol>
 *   <li>a statement already taken (same bank, account, statement id and sequence) is skipped and counts nothing;
 *       taken with other content it is a {@link ExceptionKind#STATEMENT_CHANGED} exception;</li>
 *   <li>a camt.053 must add up (opening + booked entries = closing) and open at the previous statement's closing
 *       balance, in sequence: otherwise an exception;</li>
 *   <li>each booked debit is matched by the first {@link MatchRule} that fits — EndToEndId, the bank's reference,
 *       the payment file a batch entry names, the total and date of one file, then amount + counterparty account +
 *       booking date within the tolerance — and the match keeps its rule; a receipted payment becomes RECONCILED,
 *       and so does a paid one of a voucher no receipt answers (a batch job's lines, VtCode 8207: its job answers
 *       them); a voucher's payment booked while still PAID stays so (its receipt has yet to be written);</li>
 *   <li>a booked credit that names a paid payment (a return, or a reversal with {@code RvslInd}) moves it to
 *       RETURNED — which gives its budget back through the controls — and records the return (退回) owed upstream;</li>
 *   <li>whatever matches nothing, differs in amount or books a payment twice is an exception.</li>
 * </ol>
 *
 * A statement line matches once and a payment is booked once and returned once: the unique keys of
 * {@code recon_match} hold it, whatever runs or restarts.
 */
public class Reconciler {

    public static final String ACTOR = "job:reconcile";
    public static final String DEBIT = "DEBIT";
    public static final String RETURN = "RETURN";

    private static final Set<PaymentStatus> BOOKABLE = EnumSet.of(PaymentStatus.SENT, PaymentStatus.ACCEPTED,
            PaymentStatus.PAID, PaymentStatus.RECEIPTED, PaymentStatus.RECONCILED);
    private static final Set<PaymentStatus> RETURNABLE = EnumSet.of(PaymentStatus.PAID, PaymentStatus.RECEIPTED,
            PaymentStatus.RECONCILED);
    private static final String BOOKABLE_SQL = "('SENT', 'ACCEPTED', 'PAID', 'RECEIPTED', 'RECONCILED')";
    /** An ISO external return reason code (AC04, AM05, ...) at the start of the bank's text. */
    private static final Pattern REASON = Pattern.compile("^([A-Z0-9]{4})\\b[\\s:/-]*(.*)$", Pattern.DOTALL);

    private final NamedParameterJdbcTemplate jdbc;
    private final PaymentLifecycle lifecycle;
    private final ExceptionQueue exceptions;
    private final BankCalendar calendar;
    private final ReconcileOptions options;
    private final Clock clock;

    public Reconciler(NamedParameterJdbcTemplate jdbc, PaymentLifecycle lifecycle, ExceptionQueue exceptions,
                      BankCalendar calendar, ReconcileOptions options, Clock clock) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.exceptions = exceptions;
        this.calendar = calendar;
        this.options = options;
        this.clock = clock;
    }

    public ReconcileOptions options() {
        return options;
    }

    /** Reconciles one statement; must run inside the caller's transaction. */
    public StatementOutcome apply(ReconStatement s, String runId) {
        MapSqlParameterSource key = new MapSqlParameterSource("bank", s.bankCode())
                .addValue("account", Digests.fit(s.accountNo(), 40)).addValue("stmt", Digests.fit(s.statementId(), 64))
                .addValue("seq", Digests.fit(s.sequence(), 35));
        List<String> digests = jdbc.queryForList("""
                SELECT digest FROM recon_statement WHERE bank_code = :bank AND account_no = :account
                   AND statement_id = :stmt AND seq_no = :seq""", key, String.class);
        if (!digests.isEmpty()) {
            if (digests.get(0).equals(s.digest())) {
                return StatementOutcome.skipped(0);
            }
            boolean opened = exceptions.open(new NewException(ExceptionKind.STATEMENT_CHANGED,
                    s.accountNo() + "|" + s.statementId() + "|" + s.sequence() + "|" + s.digest(), s.bankCode(),
                    s.accountNo(), s.statementId(), null, null, null, null, s.date(), "statement " + s.statementId()
                    + " (sequence " + s.sequence() + ") of " + s.accountNo() + " came again in " + s.fileName()
                    + " with other content; the first one taken stands"), runId);
            return StatementOutcome.skipped(opened ? 1 : 0);
        }
        return new Run(s, runId).run(key);
    }

    /**
     * Opens a {@link ExceptionKind#NOT_BOOKED} exception for each payment of an account reconciled in this run
     * that no statement booked although the account's statements reach {@code notBookedBankDays} bank days past
     * the payment's execution date. Returns how many were opened.
     */
    public int flagNotBooked(String runId) {
        List<Map<String, Object>> accounts = jdbc.queryForList("""
                SELECT bank_code, account_no, MAX(statement_date) AS as_of FROM recon_statement
                 WHERE statement_date IS NOT NULL AND (bank_code, account_no) IN
                       (SELECT bank_code, account_no FROM recon_statement WHERE run_id = :run)
                 GROUP BY bank_code, account_no""", new MapSqlParameterSource("run", runId));
        int opened = 0;
        for (Map<String, Object> a : accounts) {
            String bank = (String) a.get("bank_code");
            String account = (String) a.get("account_no");
            LocalDate asOf = toDate(a.get("as_of"));
            LocalDate cutoff = bankDaysBefore(asOf, options.notBookedBankDays());
            // the account's payment batches (one row per release) say first whether any payment is due at all: the
            // payments query reads every payment of the account in an open status, which is most of them
            Integer due = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM payment_batch WHERE bank_code = :bank AND pay_acct_no = :account
                       AND execution_date <= :cutoff""", new MapSqlParameterSource("bank", bank)
                    .addValue("account", account).addValue("cutoff", cutoff), Integer.class);
            if (due == null || due == 0) {
                continue;
            }
            List<Map<String, Object>> late = jdbc.queryForList("""
                    SELECT p.payment_id, p.amount, b.execution_date FROM payment p
                      JOIN payment_batch b ON b.batch_id = p.batch_id
                     WHERE p.bank_code = :bank AND p.pay_acct_no = :account AND b.execution_date <= :cutoff
                       AND p.status IN ('SENT', 'ACCEPTED', 'PAID', 'RECEIPTED')
                       AND NOT EXISTS (SELECT 1 FROM recon_match m WHERE m.payment_id = p.payment_id
                                          AND m.match_kind = 'DEBIT')
                     ORDER BY b.execution_date, p.payment_id""",
                    new MapSqlParameterSource("bank", bank).addValue("account", account).addValue("cutoff", cutoff));
            for (Map<String, Object> p : late) {
                String id = (String) p.get("payment_id");
                LocalDate executed = toDate(p.get("execution_date"));
                opened += exceptions.open(new NewException(ExceptionKind.NOT_BOOKED, id, bank, account, null, null, id,
                        null, (BigDecimal) p.get("amount"), executed, "payment " + id + " executed " + executed
                        + " is not booked by " + bank + " after " + options.notBookedBankDays()
                        + " bank days (statements reach " + asOf + ")"), runId) ? 1 : 0;
            }
        }
        return opened;
    }

    private LocalDate bankDaysBefore(LocalDate day, int bankDays) {
        LocalDate d = day;
        int counted = 0;
        while (counted < bankDays) {
            d = d.minusDays(1);
            if (calendar.isBusinessDay(d)) {
                counted++;
            }
        }
        return d;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        return LocalDate.parse(String.valueOf(value).substring(0, 10));
    }

    /** One payment an entry matched, as it will be kept. */
    private record Matched(String entryKey, int txSeq, Candidate payment, String kind, String rule, BigDecimal amount,
                           LocalDate bookingDate) {
    }

    /** What matching needs of a payment: read with its matches before (see {@link Run#candidates}), nothing more. */
    private record Candidate(String paymentId, String voucherId, String bankCode, String deliveryId, BigDecimal amount,
                             PaymentStatus status, String bankReference) {
    }

    /**
     * The payments a condition on {@code p} selects, each joined with the matches it had before: one query answers
     * what a statement needs of the payments it names and whether they (or its lines) were matched before.
     */
    private static final String CANDIDATES = """
            SELECT p.payment_id, p.voucher_id, p.bank_code, p.delivery_id, p.amount, p.status, p.bank_reference,
                   m.match_kind, m.bank_code AS matched_bank, m.entry_key
              FROM payment p LEFT JOIN recon_match m ON m.payment_id = p.payment_id
             WHERE\s""";

    /**
     * How many values one {@link #CANDIDATES} query binds in its IN list. H2 finds the rows by index, value by value,
     * then checks each row found against the whole list again, one value after the other: a list of n costs about
     * n * n / 2 comparisons, so 1,000 EndToEndIds cost five times fewer in lists of 100 than of 500 (and ten queries
     * instead of two, which cost less than that).
     */
    private static final int CANDIDATES_CHUNK = 100;

    /** The state of reconciling one statement, inside its transaction. */
    private final class Run {
        private final ReconStatement s;
        private final String runId;
        private final Timestamp now = Timestamp.from(clock.instant());
        private final List<Matched> matches = new ArrayList<>();
        private final List<Move> moves = new ArrayList<>();
        private final List<SqlParameterSource> returns = new ArrayList<>();
        private final Map<String, PaymentStatus> status = new HashMap<>();
        /** The payments booked (DEBIT) and returned (RETURN), before or in this statement, by id. */
        private final Set<String> debited = new HashSet<>();
        private final Set<String> returnedIds = new HashSet<>();
        /** The entry keys of this bank matched before. */
        private final Set<String> matchedKeys = new HashSet<>();
        /** Whether a voucher is answered by its job (VtCode 8207), by voucher id, as asked. */
        private final Map<String, Boolean> answeredByJob = new HashMap<>();
        private Map<String, Candidate> named;
        private Map<String, Candidate> byReference;
        private int opened;
        private int returned;

        Run(ReconStatement s, String runId) {
            this.s = s;
            this.runId = runId;
        }

        StatementOutcome run(MapSqlParameterSource key) {
            checkBalances();
            jdbc.update("""
                    INSERT INTO recon_statement (recon_statement_id, bank_code, account_no, statement_id, seq_no, seq_num,
                        message_kind, digest, file_name, statement_date, opening_balance, closing_balance, entries, run_id,
                        imported_at)
                    VALUES (:id, :bank, :account, :stmt, :seq, :seqNum, :kind, :digest, :file, :date, :opening, :closing,
                        :entries, :run, :now)""", new MapSqlParameterSource(key.getValues()).addValue("id", Ids.newId())
                    .addValue("seqNum", s.sequenceNumber()).addValue("kind", s.notification() ? "camt.054" : "camt.053")
                    .addValue("digest", s.digest()).addValue("file", Digests.fit(s.fileName(), 200))
                    .addValue("date", s.date()).addValue("opening", s.opening()).addValue("closing", s.closing())
                    .addValue("entries", s.entries().size()).addValue("run", runId).addValue("now", now));
            List<ReconStatement.Entry> booked = s.entries().stream().filter(ReconStatement.Entry::booked).toList();
            prefetch(booked);
            for (ReconStatement.Entry e : booked) {
                if (matchedKeys.contains(Digests.fit(e.key(), 200))) {
                    continue; // matched before: an intraday notification, then the day's statement
                }
                if (e.debit() && !e.reversal()) {
                    debit(e);
                } else if (!e.debit()) {
                    credit(e);
                } else {
                    open(ExceptionKind.UNMATCHED_ENTRY, e, null, null, e.amount(), null, "a reversed credit: no payment of the hub explains it");
                }
            }
            lifecycle.apply(moves, ACTOR);
            insertMatches();
            jdbc.batchUpdate("""
                    INSERT INTO recon_return (payment_id, voucher_id, amount, reason_code, reason_text, entry_key, run_id,
                        created_at)
                    VALUES (:payment, :voucher, :amount, :code, :text, :entry, :run, :now)""",
                    returns.toArray(SqlParameterSource[]::new));
            CrashPoints.reached("reconcile-statement-applied");
            int debits = (int) matches.stream().filter(m -> DEBIT.equals(m.kind())).count();
            return new StatementOutcome(false, booked.size(), debits, returned, opened);
        }

        /**
         * The statement's matches in one JDBC batch, bound by position: the hot write of a run (one row per payment
         * booked), where binding by name cost a map per row. The line is the primary key (V16): no surrogate id.
         */
        private void insertMatches() {
            if (matches.isEmpty()) {
                return;
            }
            String bank = s.bankCode();
            String account = Digests.fit(s.accountNo(), 40);
            String statement = Digests.fit(s.statementId(), 64);
            jdbc.getJdbcTemplate().batchUpdate("""
                    INSERT INTO recon_match (bank_code, account_no, statement_id, entry_key, tx_seq, payment_id,
                        delivery_id, match_kind, rule_code, amount, booking_date, run_id, matched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    Matched m = matches.get(i);
                    ps.setString(1, bank);
                    ps.setString(2, account);
                    ps.setString(3, statement);
                    ps.setString(4, Digests.fit(m.entryKey(), 200));
                    ps.setInt(5, m.txSeq());
                    ps.setString(6, m.payment().paymentId());
                    ps.setString(7, m.payment().deliveryId());
                    ps.setString(8, m.kind());
                    ps.setString(9, m.rule());
                    ps.setBigDecimal(10, m.amount());
                    if (m.bookingDate() == null) {
                        ps.setNull(11, Types.DATE);
                    } else {
                        ps.setDate(11, java.sql.Date.valueOf(m.bookingDate()));
                    }
                    ps.setString(12, runId);
                    ps.setTimestamp(13, now);
                }

                @Override
                public int getBatchSize() {
                    return matches.size();
                }
            });
        }

        private void checkBalances() {
            if (s.notification() || s.opening() == null || s.closing() == null) {
                return;
            }
            String about = s.accountNo() + "|" + s.statementId() + "|" + s.sequence();
            BigDecimal expected = s.opening();
            for (ReconStatement.Entry e : s.entries()) {
                if (e.booked() && e.amount() != null) {
                    expected = expected.add(e.signedAmount());
                }
            }
            if (expected.compareTo(s.closing()) != 0) {
                openStatement(ExceptionKind.BALANCE_BREAK, about, s.closing(), expected, "statement " + s.statementId()
                        + ": opening " + s.opening().toPlainString() + " plus the booked entries is "
                        + expected.toPlainString() + ", the closing balance is " + s.closing().toPlainString());
            }
            Long seq = s.sequenceNumber();
            if (seq == null) {
                return;
            }
            List<Map<String, Object>> previous = jdbc.queryForList("""
                    SELECT statement_id, seq_num, closing_balance FROM recon_statement
                     WHERE bank_code = :bank AND account_no = :account AND message_kind = 'camt.053' AND seq_num < :seq
                     ORDER BY seq_num DESC FETCH FIRST 1 ROWS ONLY""", new MapSqlParameterSource("bank", s.bankCode())
                    .addValue("account", Digests.fit(s.accountNo(), 40)).addValue("seq", seq));
            if (previous.isEmpty()) {
                return;
            }
            Map<String, Object> p = previous.get(0);
            BigDecimal closing = (BigDecimal) p.get("closing_balance");
            long prevSeq = ((Number) p.get("seq_num")).longValue();
            if (closing != null && closing.compareTo(s.opening()) != 0) {
                openStatement(ExceptionKind.BALANCE_GAP, about, s.opening(), closing, "statement " + s.statementId()
                        + " opens at " + s.opening().toPlainString() + ", statement " + p.get("statement_id")
                        + " closed at " + closing.toPlainString() + ": "
                        + (s.opening().compareTo(closing) > 0 ? "a gap" : "an overlap") + " of "
                        + s.opening().subtract(closing).abs().toPlainString());
            }
            if (prevSeq != seq - 1) {
                openStatement(ExceptionKind.SEQUENCE_GAP, about, null, null, "statement " + s.statementId()
                        + " has sequence " + seq + ", the previous one taken has " + prevSeq + ": "
                        + (seq - prevSeq - 1) + " missing");
            }
        }

        /**
         * What the statement's entries need, a chunk of values per query ({@value Reconciler#CANDIDATES_CHUNK}
         * payments, {@value PaymentRepository#IN_CHUNK} entry keys): the payments their EndToEndIds name, with their
         * matches before; the entry keys matched before of the entries that do not name only payments of this bank
         * (an entry that does was matched, if ever, to one of them: their matches tell); the payments the bank's
         * references name where no EndToEndId names one.
         */
        private void prefetch(List<ReconStatement.Entry> booked) {
            Set<String> ids = new LinkedHashSet<>();
            for (ReconStatement.Entry e : booked) {
                for (ReconStatement.Transaction t : e.transactions()) {
                    addIfPresent(ids, t.endToEndId());
                }
            }
            named = candidatesIn("p.payment_id IN (:in)", List.copyOf(ids));
            // by key, the primary key's first column (with the bank too, H2 would scan all of the bank's lines)
            List<String> keys = booked.stream().filter(e -> !namesOnlyOurs(e)).map(e -> Digests.fit(e.key(), 200))
                    .distinct().toList();
            for (Map<String, Object> row : inChunksRows("SELECT DISTINCT bank_code, entry_key FROM recon_match"
                    + " WHERE entry_key IN (:in)", keys)) {
                if (s.bankCode().equals(row.get("bank_code"))) {
                    matchedKeys.add((String) row.get("entry_key"));
                }
            }
            // the bank's references only where an EndToEndId does not name a payment: most entries never need them
            Set<String> refs = new LinkedHashSet<>();
            for (ReconStatement.Entry e : booked) {
                boolean unnamed = e.transactions().isEmpty();
                for (ReconStatement.Transaction t : e.transactions()) {
                    if (t.endToEndId() == null || !named.containsKey(t.endToEndId())) {
                        unnamed = true;
                        addIfPresent(refs, t.bankReference());
                    }
                }
                if (unnamed) {
                    addIfPresent(refs, e.bankReference());
                }
            }
            byReference = new HashMap<>();
            candidatesIn("p.bank_code = :bank AND p.bank_reference IN (:in)", List.copyOf(refs)).values()
                    .forEach(p -> byReference.put(p.bankReference(), p));
        }

        /** Every TxDtls of the entry names, by EndToEndId, a payment sent to this bank. */
        private boolean namesOnlyOurs(ReconStatement.Entry e) {
            if (e.transactions().isEmpty()) {
                return false;
            }
            for (ReconStatement.Transaction t : e.transactions()) {
                if (t.endToEndId() == null || ours(named.get(t.endToEndId())) == null) {
                    return false;
                }
            }
            return true;
        }

        /**
         * {@link #candidates} where {@code condition} names {@code :in}, bound {@value Reconciler#CANDIDATES_CHUNK} of
         * {@code values} at a time.
         */
        private Map<String, Candidate> candidatesIn(String condition, List<String> values) {
            Map<String, Candidate> found = new HashMap<>();
            for (int i = 0; i < values.size(); i += CANDIDATES_CHUNK) {
                found.putAll(candidates(condition, new MapSqlParameterSource("bank", s.bankCode())
                        .addValue("in", values.subList(i, Math.min(values.size(), i + CANDIDATES_CHUNK)))));
            }
            return found;
        }

        /**
         * The payments {@code condition} selects, by id, in the order read; what each had matched before is kept
         * (booked, returned, and this bank's entry keys).
         */
        private Map<String, Candidate> candidates(String condition, MapSqlParameterSource params) {
            Map<String, Candidate> found = new LinkedHashMap<>();
            jdbc.query(CANDIDATES + condition, params, rs -> {
                String id = rs.getString(1);
                if (!found.containsKey(id)) {
                    found.put(id, new Candidate(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), PaymentStatus.valueOf(rs.getString(6)), rs.getString(7)));
                }
                String kind = rs.getString(8);
                if (kind != null) {
                    (DEBIT.equals(kind) ? debited : returnedIds).add(id);
                    if (s.bankCode().equals(rs.getString(9))) {
                        matchedKeys.add(rs.getString(10));
                    }
                }
            });
            return found;
        }

        private List<String> inChunks(String sql, List<String> values) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < values.size(); i += PaymentRepository.IN_CHUNK) {
                out.addAll(jdbc.queryForList(sql, new MapSqlParameterSource("bank", s.bankCode())
                        .addValue("in", values.subList(i, Math.min(values.size(), i + PaymentRepository.IN_CHUNK))),
                        String.class));
            }
            return out;
        }

        private List<Map<String, Object>> inChunksRows(String sql, List<String> values) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < values.size(); i += PaymentRepository.IN_CHUNK) {
                out.addAll(jdbc.queryForList(sql, new MapSqlParameterSource("in",
                        values.subList(i, Math.min(values.size(), i + PaymentRepository.IN_CHUNK)))));
            }
            return out;
        }

        /** A booked debit: line by line when each TxDtls has its amount, else the entry as a whole. */
        private void debit(ReconStatement.Entry e) {
            if (e.amountPerTransaction()) {
                int seq = 0;
                for (ReconStatement.Transaction t : e.transactions()) {
                    seq++;
                    debitLine(e, seq, t, t.amount() != null ? t.amount() : e.amount());
                }
                return;
            }
            if (e.transactions().isEmpty() && e.bankReference() != null) {
                Candidate p = ours(byReference.get(e.bankReference()));
                if (p != null && p.amount().compareTo(e.amount()) == 0 && free(p, DEBIT)) {
                    book(e, 0, p, MatchRule.BANK_REFERENCE, e.amount());
                    return;
                }
            }
            if (!e.fileReferences().isEmpty()) {
                batchByReference(e);
            } else {
                batchByTotal(e);
            }
        }

        private void debitLine(ReconStatement.Entry e, int seq, ReconStatement.Transaction t, BigDecimal amount) {
            Candidate p = t.endToEndId() == null ? null : ours(named.get(t.endToEndId()));
            MatchRule rule = MatchRule.END_TO_END;
            if (p == null) {
                String ref = t.bankReference() != null ? t.bankReference() : e.bankReference();
                p = ref == null ? null : ours(byReference.get(ref));
                rule = MatchRule.BANK_REFERENCE;
            }
            if (p != null) {
                if (!free(p, DEBIT)) {
                    open(ExceptionKind.DUPLICATE_BOOKING, e, seq, p, amount, p.amount(), "payment " + p.paymentId()
                            + " is booked by another entry already");
                } else if (amount == null || p.amount().compareTo(amount) != 0) {
                    open(ExceptionKind.AMOUNT_DIFFERENCE, e, seq, p, amount, p.amount(), "entry books "
                            + plain(amount) + " for payment " + p.paymentId() + " of " + p.amount().toPlainString());
                } else if (!BOOKABLE.contains(current(p))) {
                    open(ExceptionKind.UNMATCHED_ENTRY, e, seq, p, amount, p.amount(), "entry books payment "
                            + p.paymentId() + ", which is " + current(p));
                } else {
                    book(e, seq, p, rule, amount);
                }
                return;
            }
            Candidate fuzzy = byAmountAccountDate(e, t.counterpartyAccount(), amount);
            if (fuzzy != null) {
                book(e, seq, fuzzy, MatchRule.AMOUNT_ACCOUNT_DATE, amount);
            } else {
                open(ExceptionKind.UNMATCHED_ENTRY, e, seq, null, amount, null, unmatchedDebit(e, t));
            }
        }

        /** The one bookable payment of this bank to that account, of that amount, executed within the tolerance. */
        private Candidate byAmountAccountDate(ReconStatement.Entry e, String account, BigDecimal amount) {
            if (account == null || amount == null || e.day() == null) {
                return null;
            }
            List<String> ids = jdbc.queryForList("SELECT p.payment_id FROM payment p"
                    + " JOIN payment_batch b ON b.batch_id = p.batch_id"
                    + " WHERE p.bank_code = :bank AND p.payee_acct_no = :account AND p.amount = :amount"
                    + " AND b.execution_date BETWEEN :from AND :to AND p.status IN " + BOOKABLE_SQL
                    + " AND NOT EXISTS (SELECT 1 FROM recon_match m WHERE m.payment_id = p.payment_id"
                    + " AND m.match_kind = 'DEBIT') ORDER BY b.execution_date, p.payment_id",
                    new MapSqlParameterSource("bank", s.bankCode()).addValue("account", account)
                            .addValue("amount", amount).addValue("from", e.day().minusDays(options.toleranceDays()))
                            .addValue("to", e.day()), String.class);
            Map<String, Candidate> found = candidatesIn("p.payment_id IN (:in)", ids);
            return ids.stream().map(found::get).filter(p -> p != null && free(p, DEBIT)).findFirst().orElse(null);
        }

        /** A batch entry naming its file (MsgId, PmtInfId): every payment of the file the bank booked, by sum. */
        private void batchByReference(ReconStatement.Entry e) {
            List<String> deliveries = new ArrayList<>(new LinkedHashSet<>(inChunks("SELECT delivery_id FROM bank_delivery"
                    + " WHERE bank_code = :bank AND message_id IN (:in)", List.copyOf(e.fileReferences()))));
            if (deliveries.size() != 1) {
                open(ExceptionKind.UNMATCHED_ENTRY, e, null, null, e.amount(), null, deliveries.isEmpty()
                        ? "batch entry names " + e.fileReferences() + ", which the hub never sent to " + s.bankCode()
                        : "batch entry names " + deliveries.size() + " payment files");
                return;
            }
            bookFile(e, deliveries.get(0), MatchRule.BATCH_REFERENCE);
        }

        /** A batch entry without a reference: the one file whose unbooked payments make its amount, on its day. */
        private void batchByTotal(ReconStatement.Entry e) {
            if (e.amount() == null || e.day() == null) {
                open(ExceptionKind.UNMATCHED_ENTRY, e, null, null, e.amount(), null, "entry without amount or date");
                return;
            }
            List<String> fits = jdbc.queryForList("SELECT p.delivery_id FROM payment p"
                    + " JOIN payment_batch b ON b.batch_id = p.batch_id"
                    + " WHERE p.bank_code = :bank AND p.pay_acct_no = :account AND b.execution_date BETWEEN :from AND :to"
                    + " AND p.status IN " + BOOKABLE_SQL
                    + " AND NOT EXISTS (SELECT 1 FROM recon_match m WHERE m.payment_id = p.payment_id"
                    + " AND m.match_kind = 'DEBIT') GROUP BY p.delivery_id HAVING SUM(p.amount) = :amount",
                    new MapSqlParameterSource("bank", s.bankCode()).addValue("account", Digests.fit(s.accountNo(), 40))
                            .addValue("amount", e.amount()).addValue("from", e.day().minusDays(options.toleranceDays()))
                            .addValue("to", e.day()), String.class);
            if (fits.size() == 1) {
                bookFile(e, fits.get(0), MatchRule.BATCH_TOTAL);
            } else {
                open(ExceptionKind.UNMATCHED_ENTRY, e, null, null, e.amount(), null, fits.isEmpty()
                        ? "a debit of " + plain(e.amount()) + " on " + e.day() + " without reference: no payment"
                        + " file of that total awaits a booking" + (e.bankTransactionCode() == null ? ""
                        : " (bank transaction code " + e.bankTransactionCode() + ")")
                        : "ambiguous: " + fits.size() + " payment files of " + plain(e.amount()) + " fit");
            }
        }

        private void bookFile(ReconStatement.Entry e, String deliveryId, MatchRule rule) {
            List<Candidate> open = candidates("p.delivery_id = :d", new MapSqlParameterSource("d", deliveryId)).values()
                    .stream().filter(p -> BOOKABLE.contains(current(p)) && free(p, DEBIT)).toList();
            BigDecimal sum = open.stream().map(Candidate::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            Set<String> listed = new HashSet<>();
            e.transactions().stream().map(ReconStatement.Transaction::endToEndId).filter(Objects::nonNull)
                    .forEach(listed::add);
            Set<String> expected = new HashSet<>();
            open.forEach(p -> expected.add(p.paymentId()));
            if (open.isEmpty() || e.amount() == null || sum.compareTo(e.amount()) != 0) {
                open(ExceptionKind.AMOUNT_DIFFERENCE, e, null, null, e.amount(), sum, "batch entry of "
                        + plain(e.amount()) + " against file " + deliveryId + ", whose unbooked payments make "
                        + sum.toPlainString());
            } else if (!listed.isEmpty() && !listed.equals(expected)) {
                open(ExceptionKind.UNMATCHED_ENTRY, e, null, null, e.amount(), sum, "batch entry lists "
                        + listed.size() + " EndToEndIds, not the " + expected.size() + " unbooked payments of file "
                        + deliveryId);
            } else {
                List<String> order = e.transactions().stream().map(ReconStatement.Transaction::endToEndId).toList();
                int next = order.size();
                for (Candidate p : open.stream().sorted((a, b) -> a.paymentId().compareTo(b.paymentId())).toList()) {
                    int at = order.indexOf(p.paymentId());
                    book(e, at >= 0 ? at + 1 : ++next, p, rule, p.amount());
                }
            }
        }

        /** A booked credit: a return or reversal of a paid payment, else money nobody announced. */
        private void credit(ReconStatement.Entry e) {
            int seq = 0;
            boolean any = false;
            for (ReconStatement.Transaction t : e.transactions()) {
                seq++;
                Candidate p = t.endToEndId() == null ? null : ours(named.get(t.endToEndId()));
                if (p == null) {
                    continue;
                }
                any = true;
                BigDecimal amount = t.amount() != null ? t.amount() : e.transactions().size() == 1 ? e.amount() : null;
                if (!free(p, RETURN)) {
                    open(ExceptionKind.DUPLICATE_BOOKING, e, seq, p, amount, p.amount(), "payment " + p.paymentId()
                            + " was returned by another entry already");
                } else if (amount == null || amount.compareTo(p.amount()) != 0) {
                    open(ExceptionKind.AMOUNT_DIFFERENCE, e, seq, p, amount, p.amount(), "return of " + plain(amount)
                            + " for payment " + p.paymentId() + " of " + p.amount().toPlainString());
                } else if (!RETURNABLE.contains(current(p))) {
                    open(ExceptionKind.RETURN_NOT_PAID, e, seq, p, amount, p.amount(), "money back for payment "
                            + p.paymentId() + ", which is " + current(p));
                } else {
                    giveBack(e, seq, t, p, amount);
                }
            }
            if (!any) {
                open(ExceptionKind.UNMATCHED_ENTRY, e, null, null, e.amount(), null, "a credit of " + plain(e.amount())
                        + " that names no payment of the hub" + (e.reason() == null ? "" : ": " + e.reason()));
            }
        }

        private void giveBack(ReconStatement.Entry e, int seq, ReconStatement.Transaction t, Candidate p, BigDecimal amount) {
            String said = t.reason() != null ? t.reason() : e.reason();
            String code = null;
            String text = said;
            if (said != null) {
                Matcher m = REASON.matcher(said.strip());
                if (m.matches()) {
                    code = m.group(1);
                    text = m.group(2).isBlank() ? null : m.group(2);
                }
            }
            String why = (e.reversal() ? "reversed" : "returned") + " by " + s.bankCode() + " in statement "
                    + s.statementId() + (said == null ? "" : " (" + said + ")");
            moves.add(new Move(p.paymentId(), current(p), PaymentStatus.RETURNED, why, Digests.fit(code, 35),
                    Digests.fit(text, 400)));
            status.put(p.paymentId(), PaymentStatus.RETURNED);
            returnedIds.add(p.paymentId());
            matches.add(new Matched(e.key(), seq, p, RETURN, MatchRule.END_TO_END.code(), amount, e.day()));
            returns.add(new MapSqlParameterSource("payment", p.paymentId()).addValue("voucher", p.voucherId())
                    .addValue("amount", amount).addValue("code", Digests.fit(code, 35))
                    .addValue("text", Digests.fit(said, 400)).addValue("entry", Digests.fit(e.key(), 200))
                    .addValue("run", runId).addValue("now", now));
            returned++;
        }

        private void book(ReconStatement.Entry e, int seq, Candidate p, MatchRule rule, BigDecimal amount) {
            debited.add(p.paymentId());
            matches.add(new Matched(e.key(), seq, p, DEBIT, rule.code(), amount, e.day()));
            PaymentStatus now = current(p);
            // a receipted payment is reconciled; so is a paid one whose voucher no receipt answers (its job does)
            if (now == PaymentStatus.RECEIPTED || now == PaymentStatus.PAID && answeredByJob(p)) {
                moves.add(Move.of(p.paymentId(), now, PaymentStatus.RECONCILED,
                        "reconciled with " + s.bankCode() + " statement " + s.statementId() + " (" + rule.code() + ")"));
                status.put(p.paymentId(), PaymentStatus.RECONCILED);
            }
        }

        private PaymentStatus current(Candidate p) {
            return status.getOrDefault(p.paymentId(), p.status());
        }

        private boolean free(Candidate p, String kind) {
            return !(DEBIT.equals(kind) ? debited : returnedIds).contains(p.paymentId());
        }

        /**
         * Whether the payment's voucher is answered by the batch job that made it — the lines of a payroll run, VtCode
         * 8207 — and never receipted one by one: its paid payments are reconciled without a receipt.
         */
        private boolean answeredByJob(Candidate p) {
            return answeredByJob.computeIfAbsent(p.voucherId(), v -> jdbc.queryForList(
                    "SELECT vt_code FROM voucher WHERE voucher_id = :v", new MapSqlParameterSource("v", v), String.class)
                    .contains(VoucherTypes.BATCH_PAYMENT_DETAIL.vtCode()));
        }

        /** The payment when it is one this bank was sent. */
        private Candidate ours(Candidate p) {
            return p != null && p.bankCode().equals(s.bankCode()) && p.deliveryId() != null ? p : null;
        }

        private String unmatchedDebit(ReconStatement.Entry e, ReconStatement.Transaction t) {
            if (t.endToEndId() != null) {
                return "EndToEndId " + t.endToEndId() + " names no payment sent to " + s.bankCode();
            }
            return "a debit of " + plain(e.amount()) + " no rule matched" + (e.bankTransactionCode() == null ? ""
                    : " (bank transaction code " + e.bankTransactionCode() + ")") + (e.reason() == null ? ""
                    : ": " + e.reason());
        }

        private void open(ExceptionKind kind, ReconStatement.Entry e, Integer seq, Candidate p, BigDecimal amount,
                          BigDecimal expected, String detail) {
            String about = e.key() + "|" + (seq == null ? "" : seq);
            count(exceptions.open(new NewException(kind, about, s.bankCode(), s.accountNo(), s.statementId(), e.key(),
                    p == null ? null : p.paymentId(), amount, expected, e.day(), detail), runId));
        }

        private void openStatement(ExceptionKind kind, String about, BigDecimal amount, BigDecimal expected,
                                   String detail) {
            count(exceptions.open(new NewException(kind, about, s.bankCode(), s.accountNo(), s.statementId(), null, null,
                    amount, expected, s.date(), detail), runId));
        }

        private void count(boolean opened) {
            if (opened) {
                this.opened++;
            }
        }
    }

    private static void addIfPresent(Collection<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "(none)" : amount.toPlainString();
    }
}
