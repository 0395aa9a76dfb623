package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.FIELD_TOO_LONG;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.FileHead;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.Fen;
import org.jincai.bank.layout.internal.FieldChecks;
import org.jincai.bank.layout.internal.FixedStreams;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.TransliterationPolicy;

/**
 * Writes a payment file in the fixed-width layout ({@code fixed-gbk}), in the bank profile's character
 * set, CRLF line ends: a header, one detail record per credit (sequence from 1, amount in fen) and a
 * trailer whose count and total are computed here. Widths are bytes of the charset: a name longer than
 * its field is FIELD_TOO_LONG naming the payee (never cut, never cut mid-character); an amount or a
 * total above N(15) fen is AMOUNT_OVERFLOW. Names the charset cannot encode are refused naming the
 * payee, or transliterated when the profile says so. Everything is checked before the first byte is
 * written.
 */
public class FixedFileWriter extends TextFileWriter {

    public FixedFileWriter(BankProfile profile) {
        super(profile);
    }

    /** A writer that refuses every name the charset cannot encode. */
    public FixedFileWriter(Charset charset) {
        this(charset, TransliterationPolicy.REFUSE);
    }

    public FixedFileWriter(Charset charset, TransliterationPolicy policy) {
        super(charset, policy);
    }

    /**
     * Two passes over the credits: the first checks every record and adds up the trailer's count and total, the
     * second writes the header, a detail per credit as the source gives them, and the trailer. Nothing is written
     * unless every record passed; one credit is held at a time.
     *
     * @throws BankFileException EMPTY_FILE, FIELD_MISSING, DUPLICATE_END_TO_END_ID, AMOUNT_INVALID,
     *         AMOUNT_OVERFLOW, FIELD_TOO_LONG, CHARSET_UNENCODABLE, FIELD_CONTAINS_SEPARATOR, IO_ERROR
     */
    @Override
    public void write(FileHead file, CreditSource credits, OutputStream out) throws BankFileException {
        String location = "file " + file.fileName();
        String payerName = payerNameOnTheWire(file, location);
        FixedFields fields = new FixedFields(charset);
        FixedHeader header = new FixedHeader(file.messageId(), file.executionDate(), file.payerAccount(), payerName);
        fields.header(header, location + " line 1");
        Set<String> seen = seen(credits);
        int count = 0;
        long total = 0;
        try (Stream<OutboundCredit> all = credits.open()) {
            for (Iterator<OutboundCredit> it = all.iterator(); it.hasNext(); ) {
                OutboundCredit c = it.next();
                count++;
                String at = location + " line " + (count + 1) + " credit " + c.endToEndId();
                if (count > FixedLayout.MAX_SEQUENCE) {
                    throw new BankFileException(FIELD_TOO_LONG, "more than " + FixedLayout.MAX_SEQUENCE
                            + " credits do not fit N(" + FixedLayout.SEQUENCE_DIGITS + "): split the batch", location);
                }
                FieldChecks.requirePresent(c.endToEndId(), "endToEndId", at);
                FieldChecks.requirePresent(c.payeeName(), "payeeName", at);
                FieldChecks.requirePresent(c.payeeAccount(), "payeeAccount", at);
                requireFirst(seen, c.endToEndId(), at);
                FixedDetail d = detail(c, count, at);
                total = Fen.add(total, d.amountFen(), FixedLayout.MAX_AMOUNT_FEN, "the file's total", at);
                fields.detail(d, at);
            }
        }
        requireCredits(count, location);
        FixedTrailer trailer = new FixedTrailer(count, total);
        fields.trailer(trailer, location + " line " + (count + 2));

        BeanWriter writer = FixedStreams.writer(FixedStreams.PAYMENT_WRITE, out);
        BeanIoStreams.write(writer, FixedStreams.HEADER, FixedStreams.toMap(header, charset), file.fileName());
        int sequence = 0;
        try (Stream<OutboundCredit> all = credits.open()) {
            for (Iterator<OutboundCredit> it = all.iterator(); it.hasNext(); ) {
                OutboundCredit c = it.next();
                sequence++;
                FixedDetail d = detail(c, sequence, location + " line " + (sequence + 1) + " credit " + c.endToEndId());
                BeanIoStreams.write(writer, FixedStreams.DETAIL, FixedStreams.toMap(d, charset), file.fileName());
            }
        }
        if (sequence != count) {
            throw new BankFileException(BankFileErrors.IO_ERROR, "the credits changed while the file was written: "
                    + count + " checked, " + sequence + " written", location);
        }
        BeanIoStreams.write(writer, FixedStreams.TRAILER, FixedStreams.toMap(trailer), file.fileName());
        BeanIoStreams.finish(writer, file.fileName());
    }

    /** The detail record of a credit: sequence from 1, amount in fen, the name as it goes on the wire. */
    private FixedDetail detail(OutboundCredit c, int sequence, String at) {
        String whose = FieldChecks.payee(c.payeeName(), c.endToEndId());
        FieldChecks.requireAmount(c.amount(), at);
        long fen = Fen.of(c.amount(), FixedLayout.MAX_AMOUNT_FEN, "amount" + whose, at);
        String name = FieldChecks.nameOnTheWire(c.payeeName(), charset, policy, "payeeName", whose, at);
        return new FixedDetail(sequence, c.endToEndId(), c.payeeAccount(), name,
                c.payeeBankNo() == null ? "" : c.payeeBankNo(), fen);
    }
}
