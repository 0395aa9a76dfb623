package org.jincai.bank.layout;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.PipeStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Reads a pipe payment file back, as the bank does on receipt (the simulated bank uses it). The whole
 * file is refused when the summary's count or total disagrees with the lines, as a bank's loader does.
 */
public class PipeFileReader {

    private final Charset charset;

    public PipeFileReader(BankProfile profile) {
        this(TextLayout.charset(profile));
    }

    public PipeFileReader(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /**
     * Reads and checks the file.
     *
     * @throws BankFileException TOTALS_MISMATCH (located at line 1, with both differences),
     *         DUPLICATE_END_TO_END_ID, MALFORMED_LINE, MALFORMED_FILE, UNDECODABLE_BYTES
     */
    public PipePaymentFile read(String fileName, InputStream in) throws BankFileException {
        PipePaymentFile file = parse(fileName, in);
        TextLayout.refuse(PipeLayout.totalsProblem(fileName, file.summary(), file.details().size(), file.detailTotal()));
        TextLayout.requireUniqueIds(file.details().stream().map(PipeDetail::payeeId).toList(), "payee id", fileName);
        return file;
    }

    /**
     * Reads the lines without checking totals or duplicates: for a bank that answers a wrong file
     * line by line instead of only refusing it. Layout errors are still thrown.
     *
     * @throws BankFileException MALFORMED_LINE, MALFORMED_FILE, UNDECODABLE_BYTES
     */
    public PipePaymentFile parse(String fileName, InputStream in) throws BankFileException {
        List<BeanIoStreams.Line> lines = PipeStreams.readAll(PipeStreams.PAYMENT_READ, fileName, in, charset);
        PipeSummary summary = PipeStreams.summary(lines.get(0).fields());
        List<PipeDetail> details = new ArrayList<>(lines.size() - 1);
        for (BeanIoStreams.Line line : lines.subList(1, lines.size())) {
            details.add(PipeStreams.detail(line.fields()));
        }
        return new PipePaymentFile(fileName, summary, details);
    }
}
