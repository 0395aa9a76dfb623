package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.FIELD_TOO_LONG;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
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
     * @throws BankFileException EMPTY_FILE, FIELD_MISSING, DUPLICATE_END_TO_END_ID, AMOUNT_INVALID,
     *         AMOUNT_OVERFLOW, FIELD_TOO_LONG, CHARSET_UNENCODABLE, FIELD_CONTAINS_SEPARATOR, IO_ERROR
     */
    @Override
    public void write(PaymentFile file, OutputStream out) throws BankFileException {
        FixedPaymentFile layout = toLayout(file);
        FixedFields fields = new FixedFields(charset);
        String at = "file " + file.fileName();
        fields.header(layout.header(), at + " line 1");
        for (FixedDetail d : layout.details()) {
            fields.detail(d, at + " line " + (d.sequence() + 1) + " credit " + d.endToEndId());
        }
        fields.trailer(layout.trailer(), at + " line " + (layout.details().size() + 2));

        BeanWriter writer = FixedStreams.writer(FixedStreams.PAYMENT_WRITE, out);
        BeanIoStreams.write(writer, FixedStreams.HEADER, FixedStreams.toMap(layout.header(), charset), file.fileName());
        for (FixedDetail d : layout.details()) {
            BeanIoStreams.write(writer, FixedStreams.DETAIL, FixedStreams.toMap(d, charset), file.fileName());
        }
        BeanIoStreams.write(writer, FixedStreams.TRAILER, FixedStreams.toMap(layout.trailer()), file.fileName());
        BeanIoStreams.finish(writer, file.fileName());
    }

    /**
     * The records of a payment file: sequence from 1, amounts in fen, names as they go on the wire,
     * the trailer counting and totalling the details.
     */
    FixedPaymentFile toLayout(PaymentFile file) {
        String location = "file " + file.fileName();
        requireCredits(file, location);
        if (file.credits().size() > FixedLayout.MAX_SEQUENCE) {
            throw new BankFileException(FIELD_TOO_LONG, file.credits().size() + " credits do not fit N("
                    + FixedLayout.SEQUENCE_DIGITS + "): split the batch", location);
        }
        String payerName = payerNameOnTheWire(file, location);
        List<FixedDetail> details = new ArrayList<>(file.credits().size());
        Set<String> seen = new HashSet<>();
        long total = 0;
        int sequence = 0;
        for (OutboundCredit c : file.credits()) {
            sequence++;
            String at = location + " line " + (sequence + 1) + " credit " + c.endToEndId();
            FieldChecks.requirePresent(c.endToEndId(), "endToEndId", at);
            FieldChecks.requirePresent(c.payeeName(), "payeeName", at);
            FieldChecks.requirePresent(c.payeeAccount(), "payeeAccount", at);
            if (!seen.add(c.endToEndId())) {
                throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + c.endToEndId() + " appears twice", at);
            }
            String whose = FieldChecks.payee(c.payeeName(), c.endToEndId());
            FieldChecks.requireAmount(c.amount(), at);
            long fen = Fen.of(c.amount(), FixedLayout.MAX_AMOUNT_FEN, "amount" + whose, at);
            total = Fen.add(total, fen, FixedLayout.MAX_AMOUNT_FEN, "the file's total", at);
            String name = FieldChecks.nameOnTheWire(c.payeeName(), charset, policy, "payeeName", whose, at);
            details.add(new FixedDetail(sequence, c.endToEndId(), c.payeeAccount(), name,
                    c.payeeBankNo() == null ? "" : c.payeeBankNo(), fen));
        }
        FixedHeader header = new FixedHeader(file.messageId(), file.executionDate(), file.payerAccount(), payerName);
        return new FixedPaymentFile(file.fileName(), header, details, new FixedTrailer(details.size(), total));
    }
}
