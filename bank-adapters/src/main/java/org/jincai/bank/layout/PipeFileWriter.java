package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.FieldChecks;
import org.jincai.bank.layout.internal.PipeStreams;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.TransliterationPolicy;

/**
 * Writes a payment file in the pipe layout, in the bank profile's character set, CRLF line ends.
 * The summary's count and total are computed from the credits. Every field is checked first (present,
 * no separator or line break, encodable in the charset, amounts in whole fen) so a refused file never
 * leaves a partial file behind: nothing is written unless everything can be. Payer and payee names
 * the charset cannot encode are refused naming the payee, or transliterated when the profile's
 * {@link TransliterationPolicy} says so; never a {@code ?} on the wire.
 */
public class PipeFileWriter extends TextFileWriter {

    public PipeFileWriter(BankProfile profile) {
        super(profile);
    }

    /** A writer that refuses every name the charset cannot encode. */
    public PipeFileWriter(Charset charset) {
        this(charset, TransliterationPolicy.REFUSE);
    }

    public PipeFileWriter(Charset charset, TransliterationPolicy policy) {
        super(charset, policy);
    }

    @Override
    public void write(PaymentFile file, OutputStream out) throws BankFileException {
        PipePaymentFile layout = toLayout(file);
        check(layout);
        BeanWriter writer = PipeStreams.writer(PipeStreams.PAYMENT_WRITE, out, charset);
        BeanIoStreams.write(writer, PipeStreams.SUMMARY, PipeStreams.toMap(layout.summary()), file.fileName());
        for (PipeDetail detail : layout.details()) {
            BeanIoStreams.write(writer, PipeStreams.DETAIL, PipeStreams.toMap(detail), file.fileName());
        }
        BeanIoStreams.finish(writer, file.fileName());
    }

    /**
     * The pipe lines of a payment file: payee id = end-to-end id, unit number = payer account, sequence
     * from 1, names as they go on the wire (transliterated when the policy allows).
     */
    PipePaymentFile toLayout(PaymentFile file) {
        String location = "file " + file.fileName();
        requireCredits(file, location);
        String payerName = payerNameOnTheWire(file, location);
        List<PipeDetail> details = new ArrayList<>(file.credits().size());
        int sequence = 0;
        for (OutboundCredit c : file.credits()) {
            sequence++;
            String at = location + " line " + (sequence + 1) + " credit " + c.endToEndId();
            String name = FieldChecks.nameOnTheWire(c.payeeName(), charset, policy, "payeeName",
                    FieldChecks.payee(c.payeeName(), c.endToEndId()), at);
            details.add(new PipeDetail(c.endToEndId(), name, c.amount(), c.payeeAccount(), file.payerAccount(), "", "",
                    sequence));
        }
        PipeSummary summary = new PipeSummary(file.messageId(), file.executionDate(), file.payerAccount(),
                payerName, details.size(), file.totalAmount());
        return new PipePaymentFile(file.fileName(), summary, details);
    }

    private void check(PipePaymentFile file) {
        CharsetEncoder encoder = Transliteration.strictEncoder(charset);
        String fileLocation = "file " + file.fileName();
        PipeSummary s = file.summary();
        checkText(encoder, s.messageId(), "messageId", fileLocation + " line 1", "");
        checkText(encoder, s.unitNumber(), "payerAccount", fileLocation + " line 1", "");
        checkText(encoder, s.payerName(), "payerName", fileLocation + " line 1", "");
        Set<String> seen = new HashSet<>();
        for (PipeDetail d : file.details()) {
            String location = fileLocation + " line " + (d.sequence() + 1) + " credit " + d.payeeId();
            FieldChecks.requirePresent(d.payeeId(), "endToEndId", location);
            FieldChecks.requirePresent(d.name(), "payeeName", location);
            FieldChecks.requirePresent(d.account(), "payeeAccount", location);
            if (!seen.add(d.payeeId())) {
                throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + d.payeeId() + " appears twice", location);
            }
            FieldChecks.requireAmount(d.amount(), location);
            String whose = FieldChecks.payee(d.name(), d.payeeId());
            checkText(encoder, d.payeeId(), "endToEndId", location, whose);
            checkText(encoder, d.name(), "payeeName", location, whose);
            checkText(encoder, d.account(), "payeeAccount", location, whose);
        }
    }

    private static void checkText(CharsetEncoder encoder, String value, String field, String location, String whose) {
        PipeStreams.requireNoSeparator(value, field, location);
        FieldChecks.requireEncodable(encoder, value, field, whose, location);
    }
}
