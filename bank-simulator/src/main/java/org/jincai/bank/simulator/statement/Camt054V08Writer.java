package org.jincai.bank.simulator.statement;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import org.jincai.formats.iso20022.BankStatement;

/**
 * Writes bank-to-customer debit/credit notifications (BkToCstmrDbtCdtNtfctn) as camt.054.001.08: the intraday
 * message a bank sends as it books, one Ntfctn per account with its entries and their TxsSummry. The entries are
 * written exactly as {@link Camt053V08Writer} writes them (both messages use ReportEntry10), so the same booking
 * carries the same AcctSvcrRef, amount and TxDtls in the notification and in the day's statement; a notification
 * has no balances (the schema has no Bal in Ntfctn) and those of the {@link BankStatement} given are not written.
 * Not thread-safe.
 */
public final class Camt054V08Writer implements AutoCloseable {

    public static final String MESSAGE_NAME_ID = "camt.054.001.08";

    private final Camt053V08Writer writer;

    private Camt054V08Writer(Camt053V08Writer writer) {
        this.writer = writer;
    }

    /** Starts a document and writes its group header. */
    public static Camt054V08Writer open(OutputStream out, String messageId, OffsetDateTime created) {
        return new Camt054V08Writer(Camt053V08Writer.open(out, messageId, created, Camt053V08Writer.Kind.NOTIFICATION));
    }

    /** A whole document of one notification held in memory. */
    public static byte[] toBytes(String messageId, OffsetDateTime created, BankStatement notification) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048 + 1024 * notification.entries().size());
        try (Camt054V08Writer w = open(bytes, messageId, created)) {
            w.notification(notification);
            w.finish();
        }
        return bytes.toByteArray();
    }

    /** Writes one Ntfctn: {@code notification}'s header, a TxsSummry of its entries, and the entries. */
    public void notification(BankStatement notification) {
        writer.statementWithSummary(notification);
    }

    /** Closes the document; returns the bytes written. */
    public long finish() {
        return writer.finish();
    }

    @Override
    public void close() {
        writer.close();
    }
}
