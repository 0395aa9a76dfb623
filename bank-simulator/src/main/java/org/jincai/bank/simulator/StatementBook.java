package org.jincai.bank.simulator;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.iso.IsoOutput;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.jincai.bank.simulator.statement.Camt053V08Writer;
import org.jincai.bank.simulator.statement.Camt054V08Writer;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryBatch;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.StatementEntry;

/**
 * A simulated bank's books: the balance of each payer account it debits, and the camt.053.001.08
 * statement it sends after each payment file it accepted, booking the accepted credits on the
 * execution date — or, when the profile says the bank sends intraday notifications, a camt.054.001.08
 * notification of those bookings instead (no balances; the end-of-day camt.053 books them again under the
 * same AcctSvcrRef). With the profile's batch booking on, one entry per payment file (Btch with the
 * file's MsgId and PmtInfId, one TxDtls per credit with its EndToEndId); off, one entry per credit.
 * Every entry has its own AcctSvcrRef; each statement opens at the previous closing balance of the
 * account (the first at {@link #DEFAULT_OPENING_BALANCE}) and closes at opening minus the debits, and
 * carries the account's next electronic sequence number. Not thread-safe: its responder serialises.
 */
public final class StatementBook {

    /** Where every payer account starts: high enough that a demo never overdraws. */
    public static final BigDecimal DEFAULT_OPENING_BALANCE = new BigDecimal("1000000000.00");
    /** What replaces the payment file's extension in the statement's name. */
    public static final String SUFFIX = ".camt053.xml";
    /** What replaces the payment file's extension in its intraday notification's name. */
    public static final String NOTIFICATION_SUFFIX = ".camt054.xml";
    public static final String CURRENCY = "CNY";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Max140Text: the account owner's and the creditors' names are cut to it, as a bank's statement does. */
    private static final int MAX_NAME = 140;
    /** Domestic credit transfer (ICDT: the payer's account is debited). */
    private static final String BANK_TRANSACTION_CODE = "PMNT/ICDT/DMCT";

    private final BankProfile profile;
    private final Clock clock;
    private final Map<String, Account> accounts = new HashMap<>();
    private long statements;

    private static final class Account {
        BigDecimal balance = DEFAULT_OPENING_BALANCE;
        long sequence;
        /** The end-of-day chain: its own closing balance and electronic sequence. */
        BigDecimal dayBalance = DEFAULT_OPENING_BALANCE;
        long daySequence;
        String ownerName;
        /** Each day's booked entries, as the per-file statements booked them. */
        final Map<LocalDate, List<StatementEntry>> days = new TreeMap<>();
    }

    /** A credit the bank booked, which may come back later. */
    private record Booked(String account, LocalDate day, int number, String endToEndId, BigDecimal amount,
                          String payeeName, String payeeAccount) {
    }

    private final List<Booked> booked = new ArrayList<>();
    private final Set<String> returned = new HashSet<>();

    public StatementBook(BankProfile profile, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code X.xml} is booked in {@code X.camt053.xml}. */
    public static String statementFileName(String inboundFileName) {
        int dot = inboundFileName.lastIndexOf('.');
        return (dot > 0 ? inboundFileName.substring(0, dot) : inboundFileName) + SUFFIX;
    }

    /** The balance of {@code account} as the bank's books stand. */
    public BigDecimal balance(String account) {
        Account a = accounts.get(account);
        return a == null ? DEFAULT_OPENING_BALANCE : a.balance;
    }

    /**
     * Books {@code accepted} (credits of {@code batch} the bank accepted) and returns the statement, or
     * null when nothing was accepted. With {@code emit} false the books move but no file is made (a
     * replay after a restart).
     */
    AnswerFile book(String inboundFileName, SimulatedBatch batch, List<SimulatedBatch.Credit> accepted, boolean emit) {
        if (accepted.isEmpty()) {
            return null;
        }
        Account account = accounts.computeIfAbsent(batch.payerAccount(), k -> new Account());
        long number = ++statements;
        account.sequence++;
        BigDecimal opening = account.balance;
        LocalDate date = batch.executionDate();
        String reference = "BK" + DAY.format(date) + String.format("%06d", number);
        List<StatementEntry> entries = profile.batchBooking()
                ? List.of(batchEntry(reference, batch, accepted, date))
                : singleEntries(reference, batch, accepted, date);
        BigDecimal debits = entries.stream().map(StatementEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        account.balance = opening.subtract(debits);
        account.ownerName = AbstractBankResponder.cut(batch.payerName(), MAX_NAME);
        account.days.computeIfAbsent(date, d -> new ArrayList<>()).addAll(entries);
        for (SimulatedBatch.Credit c : accepted) {
            booked.add(new Booked(batch.payerAccount(), date, booked.size() + 1, c.credit().endToEndId(),
                    c.credit().amount(), c.credit().payeeName(), c.credit().payeeAccount()));
        }
        if (!emit) {
            return null;
        }
        OffsetDateTime created = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        if (profile.intradayNotifications()) {
            return notification(inboundFileName, batch, entries, number, account.sequence, created);
        }
        String id = "STMT" + DAY.format(date) + "-" + String.format("%06d", number);
        BankStatement statement = new BankStatement(Camt053V08Writer.MESSAGE_NAME_ID, id, created, id,
                Long.toString(account.sequence), null, created, null, null, batch.payerAccount(), CURRENCY,
                AbstractBankResponder.cut(batch.payerName(), MAX_NAME), profile.primaryBankNumber(),
                List.of(balance(Balance.OPENING_BOOKED, opening, date), balance(Balance.CLOSING_BOOKED, account.balance, date)),
                entries);
        ByteArrayOutputStream xml = new ByteArrayOutputStream(2048 + 1024 * entries.size());
        try (Camt053V08Writer writer = Camt053V08Writer.open(xml, id, created)) {
            writer.statementWithSummary(statement);
            writer.finish();
        }
        return new AnswerFile(statementFileName(inboundFileName), IsoOutput.requireValid(xml.toByteArray(),
                Camt053V08Writer.MESSAGE_NAME_ID, Camt053V08Writer.MESSAGE_NAME_ID, "camt.053 " + id));
    }

    /**
     * The intraday camt.054.001.08 that reports the bookings of one payment file as the bank makes them: the same
     * entries, under the same AcctSvcrRef, as the day's end-of-day statement books them; no balances.
     */
    private AnswerFile notification(String inboundFileName, SimulatedBatch batch, List<StatementEntry> entries,
                                    long number, long sequence, OffsetDateTime created) {
        String id = "NTFCTN" + DAY.format(batch.executionDate()) + "-" + String.format("%06d", number);
        BankStatement notification = new BankStatement(Camt054V08Writer.MESSAGE_NAME_ID, id, created, id,
                Long.toString(sequence), null, created, null, null, batch.payerAccount(), CURRENCY,
                AbstractBankResponder.cut(batch.payerName(), MAX_NAME), profile.primaryBankNumber(), List.of(), entries);
        return new AnswerFile(notificationFileName(inboundFileName), IsoOutput.requireValid(
                Camt054V08Writer.toBytes(id, created, notification), Camt054V08Writer.MESSAGE_NAME_ID,
                Camt054V08Writer.MESSAGE_NAME_ID, "camt.054 " + id));
    }

    /** {@code X.xml} is notified in {@code X.camt054.xml}. */
    public static String notificationFileName(String inboundFileName) {
        int dot = inboundFileName.lastIndexOf('.');
        return (dot > 0 ? inboundFileName.substring(0, dot) : inboundFileName) + NOTIFICATION_SUFFIX;
    }

    /** {@code <BANK>_EOD_<account>_<yyyyMMdd>.camt053.xml}: the end-of-day statement of one account. */
    public String endOfDayFileName(String account, LocalDate day) {
        return profile.code() + "_EOD_" + account.replaceAll("[^A-Za-z0-9]", "") + "_" + DAY.format(day) + SUFFIX;
    }

    /**
     * Closes {@code day}: one end-of-day camt.053 per account the bank ever booked on, holding the day's bookings
     * (as the per-file statements booked them, under the same AcctSvcrRef; batch entries without TxDtls when
     * {@code eod} says so), the credits that come back that day (returns with their reason, reversals with
     * {@code RvslInd}), the day's fee and a credit nobody announced. It opens at the previous end-of-day closing
     * (plus {@code eod}'s balance break, a fault) and closes at the opening plus its entries.
     */
    public List<AnswerFile> closeDay(LocalDate day, EndOfDay eod) {
        List<AnswerFile> files = new ArrayList<>();
        for (Map.Entry<String, Account> a : new TreeMap<>(accounts).entrySet()) {
            String accountNo = a.getKey();
            Account account = a.getValue();
            List<StatementEntry> entries = new ArrayList<>();
            String ref = "EOD" + DAY.format(day) + String.format("%04d", Math.abs(accountNo.hashCode()) % 10000);
            for (StatementEntry e : account.days.getOrDefault(day, List.of())) {
                entries.add(eod.batchWithoutTxDtls() && !e.batches().isEmpty() ? withoutDetails(e) : e);
            }
            int n = 0;
            for (Booked b : booked) {
                if (b.account().equals(accountNo) && comesBack(b, day, eod) && returned.add(b.endToEndId())) {
                    entries.add(returnOf(b, ref + "R" + String.format("%03d", ++n), day, returned.size() % 2 == 0));
                }
            }
            if (eod.fee() != null && eod.fee().signum() > 0) {
                entries.add(new StatementEntry(Integer.toString(entries.size() + 1), eod.fee(), CURRENCY, CreditDebit.DBIT,
                        false, "BOOK", day, null, day, null, ref + "FEE", "ACMT/MDOP/CHRG", "service fee", List.of(),
                        List.of()));
            }
            if (eod.unrelatedCredit() != null && eod.unrelatedCredit().signum() > 0) {
                entries.add(new StatementEntry(Integer.toString(entries.size() + 1), eod.unrelatedCredit(), CURRENCY,
                        CreditDebit.CRDT, false, "BOOK", day, null, day, null, ref + "IN", "PMNT/RCDT/DMCT",
                        "credit from a payer unknown to the hub", List.of(), List.of(EntryTransaction.of(null,
                                eod.unrelatedCredit(), CURRENCY, CreditDebit.CRDT, null, null, "refund of deposit"))));
            }
            BigDecimal opening = account.dayBalance;
            if (eod.balanceBreak() != null) {
                opening = opening.add(eod.balanceBreak());
            }
            BigDecimal closing = opening;
            for (StatementEntry e : entries) {
                closing = closing.add(e.signedAmount());
            }
            account.dayBalance = closing;
            account.daySequence++;
            String id = "EOD" + DAY.format(day) + "-" + accountNo;
            OffsetDateTime created = day.atTime(18, 0).atOffset(java.time.ZoneOffset.ofHours(8));
            BankStatement statement = new BankStatement(Camt053V08Writer.MESSAGE_NAME_ID, cut(id, 35), created, cut(id, 35),
                    Long.toString(account.daySequence), null, created, day.atStartOfDay().atOffset(created.getOffset()),
                    created, accountNo, CURRENCY, account.ownerName, profile.primaryBankNumber(),
                    List.of(balance(Balance.OPENING_BOOKED, opening, day), balance(Balance.CLOSING_BOOKED, closing, day)),
                    entries);
            ByteArrayOutputStream xml = new ByteArrayOutputStream(2048 + 1024 * entries.size());
            try (Camt053V08Writer writer = Camt053V08Writer.open(xml, cut(id, 35), created)) {
                writer.statementWithSummary(statement);
                writer.finish();
            }
            files.add(new AnswerFile(endOfDayFileName(accountNo, day), IsoOutput.requireValid(xml.toByteArray(),
                    Camt053V08Writer.MESSAGE_NAME_ID, Camt053V08Writer.MESSAGE_NAME_ID, "camt.053 " + id)));
        }
        return files;
    }

    private static boolean comesBack(Booked b, LocalDate day, EndOfDay eod) {
        return eod.returnEvery() > 0 && (b.number() - 1) % eod.returnEvery() == 0
                && !b.day().plusDays(eod.returnAfterDays()).isAfter(day);
    }

    /** Money back for a booked credit: a return (AC04) or, when {@code reversal}, the booking reversed. */
    private static StatementEntry returnOf(Booked b, String reference, LocalDate day, boolean reversal) {
        String reason = reversal ? "AM09 booking reversed by the bank" : "AC04 account closed";
        EntryTransaction t = new EntryTransaction(null, reference, null, null, b.endToEndId(), null, b.amount(), CURRENCY,
                CreditDebit.CRDT, AbstractBankResponder.cut(b.payeeName(), MAX_NAME), b.payeeAccount(), null, null, null,
                null, List.of(), List.of(), reason);
        return new StatementEntry(reference, b.amount(), CURRENCY, CreditDebit.CRDT, reversal, "BOOK", day, null, day,
                null, reference, "PMNT/ICDT/RRTN", reason, List.of(), List.of(t));
    }

    /** A batch entry as a bank that books files without TxDtls sends it: Btch only. */
    private static StatementEntry withoutDetails(StatementEntry e) {
        return new StatementEntry(e.entryReference(), e.amount(), e.currency(), e.creditDebit(), e.reversal(), e.status(),
                e.bookingDate(), e.bookingDateTime(), e.valueDate(), e.valueDateTime(), e.accountServicerReference(),
                e.bankTransactionCode(), e.additionalInformation(), e.batches(), List.of());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** A booked balance: the amount with CRDT, or its absolute value with DBIT when the account is overdrawn. */
    private static Balance balance(String type, BigDecimal amount, LocalDate date) {
        return new Balance(type, amount.abs(), CURRENCY, amount.signum() < 0 ? CreditDebit.DBIT : CreditDebit.CRDT, date, null);
    }

    private static StatementEntry batchEntry(String reference, SimulatedBatch batch, List<SimulatedBatch.Credit> accepted,
            LocalDate date) {
        String entryRef = reference + "0001";
        List<EntryTransaction> txs = new ArrayList<>(accepted.size());
        BigDecimal total = BigDecimal.ZERO;
        int index = 0;
        for (SimulatedBatch.Credit c : accepted) {
            txs.add(transaction(entryRef + "-" + String.format("%06d", ++index), batch, c));
            total = total.add(c.credit().amount());
        }
        String paymentInformationId = accepted.get(0).paymentInformationId();
        EntryBatch file = new EntryBatch(batch.messageId(), paymentInformationId, txs.size(), total, CURRENCY, CreditDebit.DBIT);
        return entry("1", total, date, entryRef, List.of(file), txs);
    }

    private static List<StatementEntry> singleEntries(String reference, SimulatedBatch batch,
            List<SimulatedBatch.Credit> accepted, LocalDate date) {
        List<StatementEntry> entries = new ArrayList<>(accepted.size());
        int index = 0;
        for (SimulatedBatch.Credit c : accepted) {
            index++;
            String entryRef = reference + String.format("%04d", index);
            entries.add(entry(Integer.toString(index), c.credit().amount(), date, entryRef, List.of(),
                    List.of(transaction(entryRef, batch, c))));
        }
        return entries;
    }

    /** One booked debit entry (Ntry, status BOOK) with its account servicer reference. */
    private static StatementEntry entry(String entryReference, BigDecimal amount, LocalDate date, String reference,
            List<EntryBatch> batches, List<EntryTransaction> transactions) {
        return new StatementEntry(entryReference, amount, CURRENCY, CreditDebit.DBIT, false, "BOOK", date, null, date, null,
                reference, BANK_TRANSACTION_CODE, null, batches, transactions);
    }

    /** One credit transfer of an entry, with the hub's references echoed back. */
    private static EntryTransaction transaction(String reference, SimulatedBatch batch, SimulatedBatch.Credit c) {
        OutboundCredit credit = c.credit();
        String remittance = credit.remittance() == null || credit.remittance().isBlank() ? null
                : AbstractBankResponder.cut(credit.remittance(), MAX_NAME);
        return new EntryTransaction(batch.messageId(), reference, c.paymentInformationId(), c.instructionId(),
                credit.endToEndId(), null, credit.amount(), CURRENCY, CreditDebit.DBIT, null, null, null,
                AbstractBankResponder.cut(credit.payeeName(), MAX_NAME), credit.payeeAccount(), null,
                remittance == null ? List.of() : List.of(remittance), List.of(), null);
    }
}
