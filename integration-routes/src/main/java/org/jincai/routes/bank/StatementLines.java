package org.jincai.routes.bank;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jincai.core.answer.BankEntry;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryBatch;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoMessages;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.StatementEntry;

/**
 * Reads a bank's camt.053 statement or camt.054 debit/credit notification (every version the hub reads, in
 * lenient mode with the XSD pass as warnings) into the entries the core applies: each with its key (its
 * AcctSvcrRef, else the statement id and its position in the file), its status, the payment files it names
 * (Btch and TxDtls MsgId and PmtInfId) and its TxDtls with their EndToEndIds and amounts, if any.
 *
 * <p>A file the reader finds errors in (an amount or date it cannot read, a missing amount or CdtDbtInd, an
 * element of a foreign namespace where the namespace-strict reading would refuse it) is refused whole with
 * every error's code ({@link FormatException#problems()}); its warnings (balances that do not add up, foreign
 * elements, schema deviations) go with the entries, to be kept with the statement.
 */
final class StatementLines {

    private StatementLines() {
    }

    /** Whether the file is an ISO 20022 statement or notification (camt.053, camt.054), judged by its message. */
    static boolean isStatement(byte[] content, String fileName) {
        try {
            String family = IsoMessages.identify(new ByteArrayInputStream(content), fileName).family();
            return CamtReader.CAMT_053.equals(family) || CamtReader.CAMT_054.equals(family);
        } catch (FormatException e) {
            return false;
        }
    }

    /**
     * The statements' ids, their entries and the reader's warnings.
     *
     * @throws FormatException with every error the reader found, when it found any
     */
    static Read read(byte[] content, String fileName) {
        List<BankEntry> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] position = {0};
        CamtReader.Result result = CamtReader.any(IsoReadOptions.lenient()).read(new ByteArrayInputStream(content),
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
                        entries.add(StatementLines.entry(statement, entry, position[0]));
                    }
                });
        if (!result.errors().isEmpty()) {
            throw new FormatException(result.errors());
        }
        return new Read(String.join(",", ids), entries, result.warnings());
    }

    private static BankEntry entry(BankStatement statement, StatementEntry e, int position) {
        String key = e.accountServicerReference() != null ? e.accountServicerReference() : statement.id() + "/" + position;
        Set<String> files = new LinkedHashSet<>();
        for (EntryBatch b : e.batches()) {
            addIfPresent(files, b.messageId());
            addIfPresent(files, b.paymentInformationId());
        }
        List<BankEntry.Transaction> txs = new ArrayList<>(e.transactions().size());
        for (EntryTransaction t : e.transactions()) {
            addIfPresent(files, t.messageId());
            addIfPresent(files, t.paymentInformationId());
            txs.add(new BankEntry.Transaction(t.endToEndId(), t.amount(), t.currency(), code(t.creditDebit()),
                    t.accountServicerReference()));
        }
        return new BankEntry(key, e.status(), e.amount(), e.currency(), code(e.creditDebit()), e.bookingDay(),
                e.valueDate() != null ? e.valueDate() : e.valueDateTime() == null ? null : e.valueDateTime().toLocalDate(),
                e.reversal(), e.accountServicerReference(), files, txs);
    }

    private static void addIfPresent(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }

    private static String code(CreditDebit cd) {
        return cd == null ? null : cd.name();
    }

    /** What a statement or notification file held. */
    record Read(String statementIds, List<BankEntry> entries, List<Problem> warnings) {
    }
}
