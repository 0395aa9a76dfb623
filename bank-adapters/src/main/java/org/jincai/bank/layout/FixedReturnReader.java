package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.UNKNOWN_STATUS;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankAnswerReader;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.FixedStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Reads a fixed-width return file from a bank's outbox. Each detail becomes a {@link CreditStatus}
 * keyed by the end-to-end id: S accepted (paid), F rejected with the bank's reason code and text. The
 * answer's original reference is the header's message id. A file whose trailer disagrees with its
 * lines is refused whole: the hub applies nothing from it.
 */
public class FixedReturnReader implements BankAnswerReader {

    private final Charset charset;

    public FixedReturnReader(BankProfile profile) {
        this(Objects.requireNonNull(profile.charset(), () -> "charset of bank " + profile.code()));
    }

    public FixedReturnReader(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /**
     * @throws BankFileException TOTALS_MISMATCH, UNKNOWN_STATUS, DUPLICATE_END_TO_END_ID, MALFORMED_LINE,
     *         MALFORMED_FILE, UNDECODABLE_BYTES
     */
    @Override
    public BankAnswer read(String fileName, InputStream in) throws BankFileException {
        FixedReturnFile file = readFile(fileName, in);
        List<CreditStatus> statuses = file.lines().stream().map(FixedReturnLine::toCreditStatus).toList();
        return new BankAnswer(fileName, file.header().messageId(), statuses);
    }

    /** The return file with its lines as written, checked like {@link #read(String, InputStream)}. */
    public FixedReturnFile readFile(String fileName, InputStream in) throws BankFileException {
        List<BeanIoStreams.Line> records = FixedStreams.readAll(FixedStreams.RETURN_READ, fileName, in, charset);
        FixedHeader header = FixedStreams.header(records.get(0).fields());
        List<FixedReturnLine> lines = new ArrayList<>(records.size() - 2);
        Set<String> seen = new HashSet<>();
        for (BeanIoStreams.Line record : records.subList(1, records.size() - 1)) {
            FixedReturnLine r = FixedStreams.returnLine(record.fields());
            String location = "file " + fileName + " line " + record.lineNumber();
            FixedFileReader.requireSequence(r.detail().sequence(), lines.size() + 1, fileName, record.lineNumber());
            if (!TextLayout.SUCCESS.equals(r.status()) && !TextLayout.FAILURE.equals(r.status())) {
                throw new BankFileException(UNKNOWN_STATUS, "status '" + r.status() + "' of end-to-end id "
                        + r.detail().endToEndId() + " is neither " + TextLayout.SUCCESS + " nor " + TextLayout.FAILURE, location);
            }
            if (!seen.add(r.detail().endToEndId())) {
                throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + r.detail().endToEndId()
                        + " is answered twice", location);
            }
            lines.add(r);
        }
        FixedTrailer trailer = FixedStreams.trailer(records.get(records.size() - 1).fields());
        FixedReturnFile file = new FixedReturnFile(fileName, header, lines, trailer);
        FixedLayout.totalsProblem(fileName, trailer, lines.size(), file.lineTotal()).ifPresent(p -> {
            throw new BankFileException(p.code(), p.message(), p.location());
        });
        return file;
    }
}
