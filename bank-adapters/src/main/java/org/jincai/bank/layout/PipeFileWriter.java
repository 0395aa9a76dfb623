package org.jincai.bank.layout;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.FileHead;
import org.jincai.bank.file.OutboundCredit;
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

    /**
     * Two passes over the credits: the first checks every field and adds up the count and total the summary line
     * declares, the second writes the summary and a detail per credit as the source gives them. Nothing is written
     * unless every credit passed; one credit is held at a time.
     */
    @Override
    public void write(FileHead file, CreditSource credits, OutputStream out) throws BankFileException {
        String location = "file " + file.fileName();
        CharsetEncoder encoder = Transliteration.strictEncoder(charset);
        String payerName = payerNameOnTheWire(file, location);
        Set<String> seen = seen(credits);
        int count = 0;
        BigDecimal total = BigDecimal.ZERO;
        try (Stream<OutboundCredit> all = credits.open()) {
            for (Iterator<OutboundCredit> it = all.iterator(); it.hasNext(); ) {
                PipeDetail d = detail(file, it.next(), ++count, location);
                String at = location + " line " + (d.sequence() + 1) + " credit " + d.payeeId();
                FieldChecks.requirePresent(d.payeeId(), "endToEndId", at);
                FieldChecks.requirePresent(d.name(), "payeeName", at);
                FieldChecks.requirePresent(d.account(), "payeeAccount", at);
                requireFirst(seen, d.payeeId(), at);
                FieldChecks.requireAmount(d.amount(), at);
                String whose = FieldChecks.payee(d.name(), d.payeeId());
                checkText(encoder, d.payeeId(), "endToEndId", at, whose);
                checkText(encoder, d.name(), "payeeName", at, whose);
                checkText(encoder, d.account(), "payeeAccount", at, whose);
                total = total.add(d.amount());
            }
        }
        requireCredits(count, location);
        PipeSummary summary = new PipeSummary(file.messageId(), file.executionDate(), file.payerAccount(), payerName,
                count, total);
        checkText(encoder, summary.messageId(), "messageId", location + " line 1", "");
        checkText(encoder, summary.unitNumber(), "payerAccount", location + " line 1", "");
        checkText(encoder, summary.payerName(), "payerName", location + " line 1", "");
        BeanWriter writer = PipeStreams.writer(PipeStreams.PAYMENT_WRITE, out, charset);
        BeanIoStreams.write(writer, PipeStreams.SUMMARY, PipeStreams.toMap(summary), file.fileName());
        int sequence = 0;
        try (Stream<OutboundCredit> all = credits.open()) {
            for (Iterator<OutboundCredit> it = all.iterator(); it.hasNext(); ) {
                PipeDetail d = detail(file, it.next(), ++sequence, location);
                BeanIoStreams.write(writer, PipeStreams.DETAIL, PipeStreams.toMap(d), file.fileName());
            }
        }
        if (sequence != count) {
            throw new BankFileException(BankFileErrors.IO_ERROR, "the credits changed while the file was written: "
                    + count + " checked, " + sequence + " written", location);
        }
        BeanIoStreams.finish(writer, file.fileName());
    }

    /**
     * The pipe line of a credit: payee id = end-to-end id, unit number = payer account, sequence from 1, the name as
     * it goes on the wire (transliterated when the policy allows).
     */
    private PipeDetail detail(FileHead file, OutboundCredit c, int sequence, String location) {
        String at = location + " line " + (sequence + 1) + " credit " + c.endToEndId();
        String name = FieldChecks.nameOnTheWire(c.payeeName(), charset, policy, "payeeName",
                FieldChecks.payee(c.payeeName(), c.endToEndId()), at);
        return new PipeDetail(c.endToEndId(), name, c.amount(), c.payeeAccount(), file.payerAccount(), "", "",
                sequence);
    }

    private static void checkText(CharsetEncoder encoder, String value, String field, String location, String whose) {
        PipeStreams.requireNoSeparator(value, field, location);
        FieldChecks.requireEncodable(encoder, value, field, whose, location);
    }
}
