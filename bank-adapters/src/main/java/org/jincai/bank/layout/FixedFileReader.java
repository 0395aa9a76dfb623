package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.MALFORMED_LINE;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.FixedStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Reads a fixed-width payment file back, as the bank does on receipt (the simulated bank uses it). The
 * whole file is refused when the trailer's count or total disagrees with the detail records.
 */
public class FixedFileReader {

    private final Charset charset;

    public FixedFileReader(BankProfile profile) {
        this(TextLayout.charset(profile));
    }

    public FixedFileReader(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /**
     * Reads and checks the file.
     *
     * @throws BankFileException TOTALS_MISMATCH (located at the trailer, with both differences),
     *         DUPLICATE_END_TO_END_ID, MALFORMED_LINE, MALFORMED_FILE, UNDECODABLE_BYTES
     */
    public FixedPaymentFile read(String fileName, InputStream in) throws BankFileException {
        FixedPaymentFile file = parse(fileName, in);
        TextLayout.refuse(FixedLayout.totalsProblem(fileName, file.trailer(), file.details().size(), file.detailTotal()));
        TextLayout.requireUniqueIds(file.details().stream().map(FixedDetail::endToEndId).toList(), "end-to-end id", fileName);
        return file;
    }

    /**
     * Reads the records without checking totals or duplicates: for a bank that answers a wrong file
     * line by line instead of only refusing it. Layout errors (widths, record order, numbers, sequence,
     * bytes) are still thrown.
     *
     * @throws BankFileException MALFORMED_LINE, MALFORMED_FILE, UNDECODABLE_BYTES
     */
    public FixedPaymentFile parse(String fileName, InputStream in) throws BankFileException {
        List<BeanIoStreams.Line> lines = FixedStreams.readAll(FixedStreams.PAYMENT_READ, fileName, in, charset);
        FixedHeader header = FixedStreams.header(lines.get(0).fields());
        List<FixedDetail> details = new ArrayList<>(lines.size() - 2);
        for (BeanIoStreams.Line line : lines.subList(1, lines.size() - 1)) {
            FixedDetail d = FixedStreams.detail(line.fields());
            requireSequence(d.sequence(), details.size() + 1, fileName, line.lineNumber());
            details.add(d);
        }
        FixedTrailer trailer = FixedStreams.trailer(lines.get(lines.size() - 1).fields());
        return new FixedPaymentFile(fileName, header, details, trailer);
    }

    /** The details are numbered 1..n in file order: a gap or a repeat means a record was lost or doubled. */
    static void requireSequence(int sequence, int expected, String fileName, int lineNumber) {
        if (sequence != expected) {
            throw new BankFileException(MALFORMED_LINE, "sequence " + sequence + " where " + expected + " was expected",
                    "file " + fileName + " line " + lineNumber);
        }
    }
}
