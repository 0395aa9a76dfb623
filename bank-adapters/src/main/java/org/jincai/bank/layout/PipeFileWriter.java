package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.AMOUNT_INVALID;
import static org.jincai.bank.file.BankFileErrors.CHARSET_UNENCODABLE;
import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.EMPTY_FILE;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.layout.internal.PipeStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Writes a payment file in the pipe layout, in the bank profile's character set, CRLF line ends.
 * The summary's count and total are computed from the credits. Every field is checked first (present,
 * no separator or line break, encodable in the charset, amounts in whole fen) so a refused file never
 * leaves a partial file behind: nothing is written unless everything can be.
 */
public class PipeFileWriter implements BankFileWriter {

    private final Charset charset;

    public PipeFileWriter(BankProfile profile) {
        this(Objects.requireNonNull(profile.charset(), () -> "charset of bank " + profile.code()));
    }

    public PipeFileWriter(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    @Override
    public void write(PaymentFile file, OutputStream out) throws BankFileException {
        PipePaymentFile layout = toLayout(file);
        check(layout);
        BeanWriter writer = PipeStreams.writer(PipeStreams.PAYMENT_WRITE, out, charset);
        PipeStreams.write(writer, PipeStreams.SUMMARY, PipeStreams.toMap(layout.summary()), file.fileName());
        for (PipeDetail detail : layout.details()) {
            PipeStreams.write(writer, PipeStreams.DETAIL, PipeStreams.toMap(detail), file.fileName());
        }
        PipeStreams.finish(writer, file.fileName());
    }

    /** The pipe lines of a payment file: payee id = end-to-end id, unit number = payer account, sequence from 1. */
    static PipePaymentFile toLayout(PaymentFile file) {
        String location = "file " + file.fileName();
        if (file.credits().isEmpty()) {
            throw new BankFileException(EMPTY_FILE, "a payment file needs at least one credit", location);
        }
        PipeStreams.requirePresent(file.messageId(), "messageId", location);
        PipeStreams.requirePresent(file.payerAccount(), "payerAccount", location);
        PipeStreams.requirePresent(file.payerName(), "payerName", location);
        if (file.executionDate() == null) {
            throw new BankFileException(FIELD_MISSING, "executionDate is empty", location);
        }
        List<PipeDetail> details = new ArrayList<>(file.credits().size());
        int sequence = 0;
        for (OutboundCredit c : file.credits()) {
            sequence++;
            details.add(new PipeDetail(c.endToEndId(), c.payeeName(), c.amount(), c.payeeAccount(),
                    file.payerAccount(), "", "", sequence));
        }
        PipeSummary summary = new PipeSummary(file.messageId(), file.executionDate(), file.payerAccount(),
                file.payerName(), details.size(), file.totalAmount());
        return new PipePaymentFile(file.fileName(), summary, details);
    }

    private void check(PipePaymentFile file) {
        CharsetEncoder encoder = PipeStreams.strictEncoder(charset);
        String fileLocation = "file " + file.fileName();
        PipeSummary s = file.summary();
        checkText(encoder, s.messageId(), "messageId", fileLocation + " line 1", null);
        checkText(encoder, s.unitNumber(), "payerAccount", fileLocation + " line 1", null);
        checkText(encoder, s.payerName(), "payerName", fileLocation + " line 1", null);
        Set<String> seen = new HashSet<>();
        for (PipeDetail d : file.details()) {
            String location = fileLocation + " line " + (d.sequence() + 1) + " credit " + d.payeeId();
            PipeStreams.requirePresent(d.payeeId(), "endToEndId", location);
            PipeStreams.requirePresent(d.name(), "payeeName", location);
            PipeStreams.requirePresent(d.account(), "payeeAccount", location);
            if (!seen.add(d.payeeId())) {
                throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + d.payeeId() + " appears twice", location);
            }
            checkAmount(d.amount(), location);
            checkText(encoder, d.payeeId(), "endToEndId", location, d);
            checkText(encoder, d.name(), "payeeName", location, d);
            checkText(encoder, d.account(), "payeeAccount", location, d);
        }
    }

    private void checkText(CharsetEncoder encoder, String value, String field, String location, PipeDetail detail) {
        PipeStreams.requireNoSeparator(value, field, location);
        String bad = PipeStreams.firstUnencodable(encoder, value);
        if (bad != null) {
            String whose = detail == null ? "" : " of payee '" + detail.name() + "' (end-to-end id " + detail.payeeId() + ")";
            throw new BankFileException(CHARSET_UNENCODABLE, field + whose + " has " + bad + " that " + charset.name()
                    + " cannot encode; the bank would receive a wrong name", location);
        }
    }

    private static void checkAmount(BigDecimal amount, String location) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new BankFileException(AMOUNT_INVALID, "amount " + (amount == null ? "<none>" : amount.toPlainString())
                    + " must be positive and in whole fen", location);
        }
    }
}
