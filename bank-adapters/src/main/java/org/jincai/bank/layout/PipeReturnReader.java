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
import org.jincai.bank.layout.internal.PipeStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Reads a pipe return file from a bank's outbox. Each line becomes a {@link CreditStatus} keyed by the
 * payee id (the hub's end-to-end id): S accepted, F rejected with the bank's reason code and text.
 * The answer's original reference is the summary's message id. A file whose summary disagrees with its
 * lines is refused whole: the hub applies nothing from it.
 */
public class PipeReturnReader implements BankAnswerReader {

    private final Charset charset;

    public PipeReturnReader(BankProfile profile) {
        this(TextLayout.charset(profile));
    }

    public PipeReturnReader(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /**
     * @throws BankFileException TOTALS_MISMATCH, UNKNOWN_STATUS, DUPLICATE_END_TO_END_ID, MALFORMED_LINE,
     *         MALFORMED_FILE, UNDECODABLE_BYTES
     */
    @Override
    public BankAnswer read(String fileName, InputStream in) throws BankFileException {
        PipeReturnFile file = readFile(fileName, in);
        List<CreditStatus> statuses = file.lines().stream().map(PipeReturnLine::toCreditStatus).toList();
        return new BankAnswer(fileName, file.summary().messageId(), statuses);
    }

    /** The return file with its lines as written, checked like {@link #read(String, InputStream)}. */
    public PipeReturnFile readFile(String fileName, InputStream in) throws BankFileException {
        List<BeanIoStreams.Line> lines = PipeStreams.readAll(PipeStreams.RETURN_READ, fileName, in, charset);
        PipeSummary summary = PipeStreams.summary(lines.get(0).fields());
        List<PipeReturnLine> returnLines = new ArrayList<>(lines.size() - 1);
        Set<String> seen = new HashSet<>();
        for (BeanIoStreams.Line line : lines.subList(1, lines.size())) {
            PipeReturnLine r = PipeStreams.returnLine(line.fields());
            TextLayout.checkReturnLine(r.status(), r.detail().payeeId(), "payee id", seen,
                    "file " + fileName + " line " + line.lineNumber());
            returnLines.add(r);
        }
        PipeReturnFile file = new PipeReturnFile(fileName, summary, returnLines);
        TextLayout.refuse(PipeLayout.totalsProblem(fileName, summary, returnLines.size(), file.lineTotal()));
        return file;
    }
}
