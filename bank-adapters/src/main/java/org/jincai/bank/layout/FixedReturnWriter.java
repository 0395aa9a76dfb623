package org.jincai.bank.layout;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Objects;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.FixedStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Writes a fixed-width return file, as a bank does (the simulated bank uses it). Header and trailer
 * are written as given, so a caller can also produce a deliberately wrong file;
 * {@link FixedBankResponder} computes the trailer from the lines. Every field is checked against its
 * byte width first: FIELD_TOO_LONG rather than a cut text.
 */
public class FixedReturnWriter {

    private final Charset charset;

    public FixedReturnWriter(BankProfile profile) {
        this(TextLayout.charset(profile));
    }

    public FixedReturnWriter(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /**
     * @throws BankFileException FIELD_TOO_LONG, AMOUNT_OVERFLOW, CHARSET_UNENCODABLE, FIELD_CONTAINS_SEPARATOR,
     *         before any byte is written
     */
    public void write(FixedReturnFile file, OutputStream out) throws BankFileException {
        FixedFields fields = new FixedFields(charset);
        String at = "file " + file.fileName();
        fields.header(file.header(), at + " line 1");
        int lineNumber = 1;
        for (FixedReturnLine line : file.lines()) {
            fields.returnLine(line, at + " line " + ++lineNumber);
        }
        fields.trailer(file.trailer(), at + " line " + (lineNumber + 1));

        BeanWriter writer = FixedStreams.writer(FixedStreams.RETURN_WRITE, out);
        BeanIoStreams.write(writer, FixedStreams.HEADER, FixedStreams.toMap(file.header(), charset), file.fileName());
        for (FixedReturnLine line : file.lines()) {
            BeanIoStreams.write(writer, FixedStreams.DETAIL, FixedStreams.toMap(line, charset), file.fileName());
        }
        BeanIoStreams.write(writer, FixedStreams.TRAILER, FixedStreams.toMap(file.trailer()), file.fileName());
        BeanIoStreams.finish(writer, file.fileName());
    }
}
