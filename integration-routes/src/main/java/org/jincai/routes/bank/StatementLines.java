package org.jincai.routes.bank;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.jincai.core.answer.BookedLine;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoMessages;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.StatementEntry;

/**
 * Reads a bank's camt.053 statement file into the lines the core keeps: one per transaction of a batch
 * entry (its EndToEndId links it to a payment), one per entry without transaction details. Entries are
 * keyed by their AcctSvcrRef, else by statement id and position.
 */
final class StatementLines {

    static final String STATEMENT_UNREADABLE = "STATEMENT_UNREADABLE";

    private StatementLines() {
    }

    /** Whether the file is an ISO 20022 statement (camt.053), judged by its namespace. */
    static boolean isStatement(byte[] content, String fileName) {
        try {
            String name = IsoMessages.identify(new ByteArrayInputStream(content), fileName).messageNameId();
            return name != null && name.startsWith(CamtReader.CAMT_053);
        } catch (FormatException e) {
            return false;
        }
    }

    /** The statements' ids and booked lines; a statement the reader finds errors in is refused whole. */
    static Read read(byte[] content, String fileName) {
        List<BookedLine> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] position = {0};
        CamtReader.Result result = CamtReader.camt053(IsoReadOptions.lenient()).read(new ByteArrayInputStream(content),
                fileName, new CamtReader.Handler() {
                    @Override
                    public void statement(BankStatement statement) {
                        if (!ids.contains(statement.id())) {
                            ids.add(statement.id());
                        }
                    }

                    @Override
                    public void entry(BankStatement statement, StatementEntry entry) {
                        position[0]++;
                        lines.addAll(lines(statement, entry, position[0]));
                    }
                });
        if (!result.errors().isEmpty()) {
            throw new FormatException(STATEMENT_UNREADABLE, result.errors().get(0).toString(), fileName);
        }
        return new Read(String.join(",", ids), lines);
    }

    private static List<BookedLine> lines(BankStatement statement, StatementEntry e, int position) {
        String key = e.accountServicerReference() != null ? e.accountServicerReference()
                : statement.id() + "/" + position;
        List<BookedLine> lines = new ArrayList<>();
        if (e.transactions().isEmpty()) {
            lines.add(new BookedLine(key, 0, null, e.amount(), e.currency(), code(e.creditDebit()), e.bookingDate(),
                    e.valueDate(), e.reversal(), key));
            return lines;
        }
        int seq = 0;
        for (EntryTransaction t : e.transactions()) {
            seq++;
            boolean single = e.transactions().size() == 1;
            lines.add(new BookedLine(key, seq, t.endToEndId(),
                    t.amount() != null ? t.amount() : single ? e.amount() : null,
                    t.currency() != null ? t.currency() : e.currency(),
                    code(t.creditDebit() != null ? t.creditDebit() : e.creditDebit()), e.bookingDate(), e.valueDate(),
                    e.reversal(), t.accountServicerReference() != null ? t.accountServicerReference() : key));
        }
        return lines;
    }

    private static String code(CreditDebit cd) {
        return cd == null ? null : cd.name();
    }

    /** What a statement file held. */
    record Read(String statementIds, List<BookedLine> lines) {
    }
}
