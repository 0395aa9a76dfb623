package org.jincai.bank.layout;

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
        this(TextLayout.charset(profile));
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
            FixedFileReader.requireSequence(r.detail().sequence(), lines.size() + 1, fileName, record.lineNumber());
            TextLayout.checkReturnLine(r.status(), r.detail().endToEndId(), "end-to-end id", seen,
                    "file " + fileName + " line " + record.lineNumber());
            lines.add(r);
        }
        FixedTrailer trailer = FixedStreams.trailer(records.get(records.size() - 1).fields());
        FixedReturnFile file = new FixedReturnFile(fileName, header, lines, trailer);
        TextLayout.refuse(FixedLayout.totalsProblem(fileName, trailer, lines.size(), file.lineTotal()));
        return file;
    }
}
