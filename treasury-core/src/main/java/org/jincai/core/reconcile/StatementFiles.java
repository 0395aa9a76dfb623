package org.jincai.core.reconcile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jincai.core.Digests;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryBatch;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.StatementEntry;

/**
 * Reads a bank's camt.053 or camt.054 file (every version the hub reads, leniently) into the statements
 * reconciliation takes. No XSD pass: the inbound route already read the bank's files with it and kept its
 * warnings; here only what the statement says counts. A file the reader finds errors in is refused whole with
 * every error's code.
 */
public final class StatementFiles {

    private StatementFiles() {
    }

    /** @throws FormatException with every error the reader found */
    public static List<ReconStatement> read(String bankCode, Path file) {
        CamtReader.Document doc = CamtReader.any(IsoReadOptions.lenientUnchecked()).readAll(file);
        if (!doc.result().errors().isEmpty()) {
            throw new FormatException(doc.result().errors());
        }
        String fileName = file.getFileName().toString();
        List<ReconStatement> out = new ArrayList<>(doc.statements().size());
        for (BankStatement s : doc.statements()) {
            out.add(statement(bankCode, fileName, s));
        }
        return out;
    }

    static ReconStatement statement(String bankCode, String fileName, BankStatement s) {
        StringBuilder canonical = new StringBuilder(256 + 128 * s.entries().size());
        Balance opbd = s.balance(Balance.OPENING_BOOKED);
        Balance clbd = s.balance(Balance.CLOSING_BOOKED);
        BigDecimal opening = opbd == null ? null : opbd.signedAmount();
        BigDecimal closing = clbd == null ? null : clbd.signedAmount();
        LocalDate date = clbd != null && clbd.day() != null ? clbd.day()
                : s.isNotification() && lastBooked(s) != null ? lastBooked(s)
                : s.toDateTime() != null ? s.toDateTime().toLocalDate()
                : s.creationDateTime() != null ? s.creationDateTime().toLocalDate() : null;
        canonical.append(s.accountId()).append('|').append(s.id()).append('|').append(s.electronicSequenceNumber())
                .append('|').append(plain(opening)).append('|').append(plain(closing));
        List<ReconStatement.Entry> entries = new ArrayList<>(s.entries().size());
        int position = 0;
        for (StatementEntry e : s.entries()) {
            position++;
            ReconStatement.Entry entry = entry(s, e, position);
            entries.add(entry);
            canonical.append('\n').append(entry.key()).append('|').append(plain(entry.amount())).append('|')
                    .append(entry.debit() ? 'D' : 'C').append(entry.reversal() ? 'R' : '-').append('|')
                    .append(entry.status()).append('|').append(entry.bookingDate());
            for (ReconStatement.Transaction t : entry.transactions()) {
                canonical.append('|').append(t.endToEndId()).append(':').append(plain(t.amount()));
            }
        }
        return new ReconStatement(bankCode, fileName, s.accountId() == null ? "" : s.accountId(), s.id(),
                s.electronicSequenceNumber() == null ? "" : s.electronicSequenceNumber(), s.isNotification(), date,
                opening, closing, Digests.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)), entries);
    }

    private static ReconStatement.Entry entry(BankStatement s, StatementEntry e, int position) {
        String key = e.accountServicerReference() != null ? e.accountServicerReference() : s.id() + "/" + position;
        boolean debit = e.creditDebit() == CreditDebit.DBIT;
        Set<String> files = new LinkedHashSet<>();
        for (EntryBatch b : e.batches()) {
            add(files, b.messageId());
            add(files, b.paymentInformationId());
        }
        List<ReconStatement.Transaction> txs = new ArrayList<>(e.transactions().size());
        for (EntryTransaction t : e.transactions()) {
            add(files, t.messageId());
            add(files, t.paymentInformationId());
            txs.add(new ReconStatement.Transaction(t.endToEndId(), t.accountServicerReference(), t.amount(),
                    debit ? t.creditorAccount() : t.debtorAccount(), t.additionalInformation()));
        }
        LocalDate value = e.valueDate() != null ? e.valueDate()
                : e.valueDateTime() == null ? null : e.valueDateTime().toLocalDate();
        return new ReconStatement.Entry(key, e.amount(), e.currency(), debit, e.reversal(), e.status(), e.bookingDay(),
                value, e.accountServicerReference(), e.bankTransactionCode(), files, e.additionalInformation(), txs);
    }

    /** A notification has no balances: it is dated by the last booking it reports (null when none is dated). */
    private static LocalDate lastBooked(BankStatement s) {
        LocalDate last = null;
        for (StatementEntry e : s.entries()) {
            if (e.bookingDay() != null && (last == null || e.bookingDay().isAfter(last))) {
                last = e.bookingDay();
            }
        }
        return last;
    }

    private static void add(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }
}
