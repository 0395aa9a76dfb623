package org.jincai.bank.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.iso.Camt053Statement;
import org.jincai.bank.iso.Camt053V08Writer;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder.AnswerFile;

/**
 * A simulated bank's books: the balance of each payer account it debits, and the camt.053.001.08
 * statement it sends after each payment file it accepted, booking the accepted credits on the
 * execution date. With the profile's batch booking on, one entry per payment file (Btch with the
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
    public static final String CURRENCY = "CNY";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final BankProfile profile;
    private final Clock clock;
    private final Camt053V08Writer writer = new Camt053V08Writer();
    private final Map<String, Account> accounts = new HashMap<>();
    private long statements;

    private static final class Account {
        BigDecimal balance = DEFAULT_OPENING_BALANCE;
        long sequence;
    }

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
        List<Camt053Statement.Entry> entries = profile.batchBooking()
                ? List.of(batchEntry(reference, batch, accepted, date))
                : singleEntries(reference, batch, accepted, date);
        BigDecimal debits = entries.stream().map(Camt053Statement.Entry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        account.balance = opening.subtract(debits);
        if (!emit) {
            return null;
        }
        String id = "STMT" + DAY.format(date) + "-" + String.format("%06d", number);
        Camt053Statement statement = new Camt053Statement(id, OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS), id,
                account.sequence, batch.payerAccount(), CURRENCY, batch.payerName(), profile.primaryBankNumber(), date,
                opening, account.balance, entries);
        return new AnswerFile(statementFileName(inboundFileName), writer.write(statement));
    }

    private static Camt053Statement.Entry batchEntry(String reference, SimulatedBatch batch, List<SimulatedBatch.Credit> accepted,
            LocalDate date) {
        String entryRef = reference + "0001";
        List<Camt053Statement.Transaction> txs = new ArrayList<>(accepted.size());
        BigDecimal total = BigDecimal.ZERO;
        int index = 0;
        for (SimulatedBatch.Credit c : accepted) {
            txs.add(transaction(entryRef + "-" + String.format("%06d", ++index), batch, c));
            total = total.add(c.credit().amount());
        }
        String paymentInformationId = accepted.get(0).paymentInformationId();
        return new Camt053Statement.Entry("1", total, false, date, date, entryRef,
                new Camt053Statement.Batch(batch.messageId(), paymentInformationId, txs.size(), total, false), txs);
    }

    private static List<Camt053Statement.Entry> singleEntries(String reference, SimulatedBatch batch,
            List<SimulatedBatch.Credit> accepted, LocalDate date) {
        List<Camt053Statement.Entry> entries = new ArrayList<>(accepted.size());
        int index = 0;
        for (SimulatedBatch.Credit c : accepted) {
            index++;
            String entryRef = reference + String.format("%04d", index);
            entries.add(new Camt053Statement.Entry(Integer.toString(index), c.credit().amount(), false, date, date, entryRef,
                    null, List.of(transaction(entryRef, batch, c))));
        }
        return entries;
    }

    private static Camt053Statement.Transaction transaction(String reference, SimulatedBatch batch, SimulatedBatch.Credit c) {
        OutboundCredit credit = c.credit();
        return new Camt053Statement.Transaction(reference, batch.messageId(), c.paymentInformationId(), c.instructionId(),
                credit.endToEndId(), credit.amount(), false, credit.payeeName(), credit.payeeAccount(), credit.remittance());
    }
}
