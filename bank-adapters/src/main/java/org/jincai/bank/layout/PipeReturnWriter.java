package org.jincai.bank.layout;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Objects;
import org.beanio.BeanWriter;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.layout.internal.BeanIoStreams;
import org.jincai.bank.layout.internal.FieldChecks;
import org.jincai.bank.layout.internal.PipeStreams;
import org.jincai.bank.profile.BankProfile;

/**
 * Writes a pipe return file, as a bank does (the simulated bank uses it). The summary is written as
 * given, so a caller can also produce a deliberately wrong file; {@link PipeBankResponder} computes
 * it from the lines.
 */
public class PipeReturnWriter {

    private final Charset charset;

    public PipeReturnWriter(BankProfile profile) {
        this(TextLayout.charset(profile));
    }

    public PipeReturnWriter(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /** @throws BankFileException FIELD_CONTAINS_SEPARATOR, CHARSET_UNENCODABLE before any byte is written */
    public void write(PipeReturnFile file, OutputStream out) throws BankFileException {
        check(file);
        BeanWriter writer = PipeStreams.writer(PipeStreams.RETURN_WRITE, out, charset);
        BeanIoStreams.write(writer, PipeStreams.SUMMARY, PipeStreams.toMap(file.summary()), file.fileName());
        for (PipeReturnLine line : file.lines()) {
            BeanIoStreams.write(writer, PipeStreams.DETAIL, PipeStreams.toMap(line), file.fileName());
        }
        BeanIoStreams.finish(writer, file.fileName());
    }

    private void check(PipeReturnFile file) {
        CharsetEncoder encoder = Transliteration.strictEncoder(charset);
        String at = "file " + file.fileName();
        PipeSummary s = file.summary();
        text(encoder, s.messageId(), "messageId", at + " line 1");
        text(encoder, s.unitNumber(), "unitNumber", at + " line 1");
        text(encoder, s.payerName(), "payerName", at + " line 1");
        int lineNumber = 1;
        for (PipeReturnLine line : file.lines()) {
            lineNumber++;
            String location = at + " line " + lineNumber;
            PipeDetail d = line.detail();
            text(encoder, d.payeeId(), "payeeId", location);
            text(encoder, d.name(), "name", location);
            text(encoder, d.account(), "account", location);
            text(encoder, d.unitNumber(), "unitNumber", location);
            text(encoder, d.idType(), "idType", location);
            text(encoder, d.idNumber(), "idNumber", location);
            text(encoder, line.status(), "status", location);
            text(encoder, line.reasonCode(), "reasonCode", location);
            text(encoder, line.reasonText(), "reasonText", location);
        }
    }

    private static void text(CharsetEncoder encoder, String value, String field, String location) {
        PipeStreams.requireNoSeparator(value, field, location);
        FieldChecks.requireEncodable(encoder, value, field, "", location);
    }
}
